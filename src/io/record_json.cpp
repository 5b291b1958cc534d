// A decision record as JSON, keys in the order of DESIGN.md part 5.
#include "io/record_json.hpp"

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

std::string record_to_json(const DecisionRecord& record, int indent) {
  // Cells are checked to be UTF-8 on reading; replace keeps a stray byte
  // from ever aborting a run.
  return record_object(record).dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace quanze
