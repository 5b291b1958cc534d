// A decision record as JSON, keys in the order of DESIGN.md part 5.
#include "io/record_json.hpp"

#include <charconv>
#include <cstring>

#include "io/json_string.hpp"
#include "io/record_format.hpp"
#include "quanze/output.hpp"

namespace quanze {
namespace {

template <typename T>
Json or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json optional_id(bool present, std::string_view id) { return present ? Json(std::string(id)) : Json(nullptr); }

Json live_outcomes(const std::vector<LiveOutcome>& list) {
  Json out = Json::array();
  for (const LiveOutcome& o : list) {
    out.push_back({{"rule", o.rule},
                   {"outcome", std::string(outcome_id(o.outcome))},
                   {"mode", optional_id(o.mode.has_value(), o.mode ? mode_id(*o.mode) : "")},
                   {"target", or_null(o.target)},
                   {"receiver", or_null(o.receiver)}});
  }
  return out;
}

}  // namespace

Json record_object(const DecisionRecord& r) {
  bool decided = r.status == Status::decided;
  Json j;
  j["item"] = r.item;
  j["name"] = r.name;
  j["status"] = std::string(status_id(r.status));
  j["outcome"] = optional_id(decided && r.outcome, r.outcome ? outcome_id(*r.outcome) : "");
  j["mode"] = optional_id(decided && r.mode, r.mode ? mode_id(*r.mode) : "");
  j["target"] = decided ? or_null(r.target) : Json(nullptr);
  j["receiver"] = decided ? or_null(r.receiver) : Json(nullptr);
  j["rules"] = r.rules;
  j["defeated"] = Json::array();
  for (const Defeat& d : r.defeated) j["defeated"].push_back({{"rule", d.rule}, {"by", d.by}});
  j["requirements"] = Json::array();
  for (const RequirementCheck& c : r.requirements) {
    j["requirements"].push_back(
        {{"rule", c.rule}, {"held", c.held}, {"fallback", c.held ? Json(nullptr) : Json(c.fallback)}});
  }
  j["reasons"] = r.reasons;
  j["citations"] = r.citations;
  j["source"] = Json::array();
  for (const SourceRef& s : r.source) j["source"].push_back({{"rule", s.rule}, {"file", s.file}, {"line", s.line}});
  j["evidence"] = Json::object();
  for (const auto& [key, value] : r.evidence) j["evidence"][key] = or_null(value);
  j["as_of"] = r.as_of;
  if (!r.outranked.empty()) j["outranked"] = r.outranked;
  if (!r.conflict.empty()) j["conflict"] = live_outcomes(r.conflict);
  j["row"] = r.row;
  if (r.status == Status::error) {
    j["error"] = r.error;
    j["problems"] = Json::array();
    for (const RowProblem& p : r.problems) {
      j["problems"].push_back({{"code", p.code},
                               {"column", p.column ? Json(p.column) : Json(nullptr)},
                               {"header", p.header},
                               {"value", p.value},
                               {"message", p.message}});
    }
  }
  return j;
}

namespace {

// The one-line form written directly, key by key as record_object builds
// it: building an ordered_json per record was the slowest stage of a run
// (issue 5). tests/record_format_test.cpp holds it to record_object's dump.
class JsonLine {
 public:
  explicit JsonLine(std::string& out) : out_(out) {}

  // Inline, so that each key's length is a constant where it is written.
  [[gnu::always_inline]] void key(std::string_view k) {
    // keys are ASCII names without escapes. A record has two dozen: each
    // is put together here and appended once, not in four appends.
    char piece[32];
    if (k.size() + 4 > sizeof piece) return long_key(k);
    piece[0] = first_ ? '{' : ',';
    piece[1] = '"';
    std::memcpy(piece + 2, k.data(), k.size());
    piece[k.size() + 2] = '"';
    piece[k.size() + 3] = ':';
    first_ = false;
    out_.append(piece, k.size() + 4);
  }
  void long_key(std::string_view k) {
    out_ += first_ ? '{' : ',';
    first_ = false;
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
  /// A key that may need escaping: evidence names.
  void escaped_key(std::string_view k) {
    out_ += first_ ? '{' : ',';
    first_ = false;
    append_json_string(out_, k);
    out_ += ':';
  }
  void close() { out_ += first_ ? "{}" : "}"; }

  void string(std::string_view s) { append_json_string(out_, s); }
  void null() { out_ += "null"; }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void number(std::uint64_t n) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out_.append(digits, end);
  }
  void string_or_null(const std::optional<std::string>& s) {
    if (s) string(*s);
    else null();
  }
  void strings(const std::vector<std::string>& list) {
    out_ += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ',';
      string(list[i]);
    }
    out_ += ']';
  }
  template <typename T, typename F>
  void objects(const std::vector<T>& list, F&& each) {
    out_ += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out_ += ',';
      JsonLine object(out_);
      each(object, list[i]);
      object.close();
    }
    out_ += ']';
  }

 private:
  std::string& out_;
  bool first_ = true;
};

// ordered_json keeps the first position of a key assigned twice and the
// last value; evidence keys are unique as describe() makes them, but a
// record built elsewhere is written by record_object then.
bool unique_evidence_keys(const DecisionRecord& r) {
  for (std::size_t i = 1; i < r.evidence.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (r.evidence[i].first == r.evidence[j].first) return false;
  return true;
}

}  // namespace

void append_json_record(std::string& out, const DecisionRecord& r) {
  if (!unique_evidence_keys(r)) {
    out += record_object(r).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  bool decided = r.status == Status::decided;
  JsonLine j(out);
  j.key("item"), j.string(r.item);
  j.key("name"), j.string(r.name);
  j.key("status"), j.string(status_id(r.status));
  j.key("outcome");
  if (decided && r.outcome) j.string(outcome_id(*r.outcome));
  else j.null();
  j.key("mode");
  if (decided && r.mode) j.string(mode_id(*r.mode));
  else j.null();
  j.key("target");
  if (decided) j.string_or_null(r.target);
  else j.null();
  j.key("receiver");
  if (decided) j.string_or_null(r.receiver);
  else j.null();
  j.key("rules"), j.strings(r.rules);
  j.key("defeated");
  j.objects(r.defeated, [](JsonLine& o, const Defeat& d) {
    o.key("rule"), o.string(d.rule);
    o.key("by"), o.string(d.by);
  });
  j.key("requirements");
  j.objects(r.requirements, [](JsonLine& o, const RequirementCheck& c) {
    o.key("rule"), o.string(c.rule);
    o.key("held"), o.boolean(c.held);
    o.key("fallback");
    if (c.held) o.null();
    else o.string(c.fallback);
  });
  j.key("reasons"), j.strings(r.reasons);
  j.key("citations"), j.strings(r.citations);
  j.key("source");
  j.objects(r.source, [](JsonLine& o, const SourceRef& s) {
    o.key("rule"), o.string(s.rule);
    o.key("file"), o.string(s.file);
    o.key("line"), o.number(s.line);
  });
  j.key("evidence");
  {
    JsonLine e(out);
    for (const auto& [key, value] : r.evidence) e.escaped_key(key), e.string_or_null(value);
    e.close();
  }
  j.key("as_of"), j.string(r.as_of);
  if (!r.outranked.empty()) j.key("outranked"), j.strings(r.outranked);
  if (!r.conflict.empty()) {
    j.key("conflict");
    j.objects(r.conflict, [](JsonLine& o, const LiveOutcome& l) {
      o.key("rule"), o.string(l.rule);
      o.key("outcome"), o.string(outcome_id(l.outcome));
      o.key("mode");
      if (l.mode) o.string(mode_id(*l.mode));
      else o.null();
      o.key("target"), o.string_or_null(l.target);
      o.key("receiver"), o.string_or_null(l.receiver);
    });
  }
  j.key("row"), j.number(r.row);
  if (r.status == Status::error) {
    j.key("error"), j.string(r.error);
    j.key("problems");
    j.objects(r.problems, [](JsonLine& o, const RowProblem& p) {
      o.key("code"), o.string(p.code);
      o.key("column");
      if (p.column) o.number(p.column);
      else o.null();
      o.key("header"), o.string(p.header);
      o.key("value"), o.string(p.value);
      o.key("message"), o.string(p.message);
    });
  }
  j.close();
}

std::string record_to_json(const DecisionRecord& record, int indent) {
  if (indent < 0) {
    std::string out;
    append_json_record(out, record);
    return out;
  }
  // Cells are checked to be UTF-8 on reading; replace keeps a stray byte
  // from ever aborting a run.
  return record_object(record).dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace quanze
