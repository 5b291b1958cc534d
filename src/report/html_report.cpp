// The HTML audit report's document and its data. Items are encoded as
// arrays of numbers indexing one table of distinct strings: a list of
// 50,000 items repeats the same rule ids, conditions and labels endlessly,
// and interning them keeps the file small and quick to parse. The layout
// of an item is documented where the script reads it (assets/report.js).
#include "quanze/html_report.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "report/html_summary.hpp"

namespace quanze {

std::string_view html_report_script();
std::string_view html_report_style();

namespace {

using Json = nlohmann::json;

/// JSON placed inside <script>: "<" never appears raw, so neither
/// "</script>" nor "<!--" can end or change the element.
std::string script_json(const Json& j) {
  std::string text = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

/// The script exactly as placed between <script> and </script>, whose hash
/// the Content-Security-Policy names.
std::string_view script_body() { return html_report_script(); }

std::string base64_of_hex(const std::string& hex) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

}  // namespace

struct HtmlReportWriter::State {
  std::ostream& out;
  const Policy& policy;
  const Manifest& manifest;
  std::vector<std::string> strings;
  std::unordered_map<std::string, std::size_t> index;
  bool first = true;

  Json s(const std::string& text) {
    auto [it, added] = index.emplace(text, strings.size());
    if (added) strings.push_back(text);
    return it->second;
  }
  Json s(const std::optional<std::string>& text) { return text ? s(*text) : Json(nullptr); }
  Json list(const std::vector<std::string>& texts) {
    Json a = Json::array();
    for (const std::string& t : texts) a.push_back(s(t));
    return a;
  }
  Json condition(const ConditionTrace& c) {
    Json values = Json::array();
    for (const EvidenceValue& v : c.values) values.push_back({s(v.key), s(v.value)});
    return {s(c.text), c.let.empty() ? Json(nullptr) : s(c.let), s(c.file), c.line, c.column, values};
  }
  static Json small(const auto& optional_enum) {
    return optional_enum ? Json(static_cast<int>(*optional_enum)) : Json(nullptr);
  }

  Json item(const Derivation& d) {
    const DecisionRecord& r = d.record;
    Json defeated = Json::array(), outranked = list(r.outranked), requirements = Json::array(),
         not_applied = Json::array(), evidence = Json::array(), cells = Json::array(), problems = Json::array(),
         conflict = Json::array(), sources = Json::array();
    for (const DefeatTrace& t : d.defeated) defeated.push_back({s(t.rule), s(t.by), list(t.path)});
    for (const RequirementTrace& t : d.requirements)
      requirements.push_back({s(t.rule), t.held ? 1 : 0, t.held ? Json(nullptr) : s(t.fallback), condition(t.condition)});
    for (const NotApplied& n : d.not_applied) not_applied.push_back({s(n.rule), condition(n.condition)});
    for (const auto& [key, value] : r.evidence) evidence.push_back({s(key), s(value)});
    for (const CellTrace& c : d.cells) {
      Json citations = Json::array();
      for (const CitationTrace& t : c.citations)
        citations.push_back({s(t.title), s(t.article), s(t.level), t.stated ? 1 : 0, s(t.how), s(t.place)});
      cells.push_back({s(c.header), s(c.field), c.column, s(c.raw), citations});
    }
    for (const RowProblem& p : r.problems)
      problems.push_back({s(p.code), p.column, s(p.header), s(p.value), s(p.message)});
    for (const LiveOutcome& o : r.conflict)
      conflict.push_back({s(o.rule), static_cast<int>(o.outcome), small(o.mode), s(o.target), s(o.receiver)});
    for (const SourceRef& src : r.source) sources.push_back({s(src.rule), s(src.file), src.line});
    bool decided = r.status == Status::decided;
    return {r.row,
            s(r.item),
            s(r.name),
            s(r.department),
            static_cast<int>(r.status),
            decided ? small(r.outcome) : Json(nullptr),
            decided ? small(r.mode) : Json(nullptr),
            decided ? s(r.target) : Json(nullptr),
            decided ? s(r.receiver) : Json(nullptr),
            list(r.rules),
            list(r.reasons),
            list(r.citations),
            defeated,
            outranked,
            requirements,
            not_applied,
            evidence,
            cells,
            r.error.empty() ? Json(nullptr) : s(r.error),
            problems,
            conflict,
            sources};
  }
};

HtmlReportWriter::HtmlReportWriter(std::ostream& out, const Policy& policy, const Manifest& manifest)
    : state_(new State{out, policy, manifest}) {
  std::string title = "审计报告 · " + (policy.name().empty() ? std::string("未命名政策") : std::string(policy.name()));
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing may load from elsewhere: the report is read offline, and
      // list cells are untrusted.
      // The one script is allowed by its hash, so even markup that slipped
      // into the page could not run an inline handler.
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'sha256-"
      << base64_of_hex(sha256_hex(script_body())) << "'\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>\n"
      << html_report_style() << "</style>\n</head>\n<body>\n"
      << "<script id=\"qz-items\" type=\"application/json\">[";
}

HtmlReportWriter::~HtmlReportWriter() = default;

void HtmlReportWriter::add(const Derivation& derivation) {
  State& st = *state_;
  st.out << (st.first ? "\n" : ",\n") << script_json(st.item(derivation));
  st.first = false;
}

void HtmlReportWriter::finish(const Summary& summary) {
  State& st = *state_;
  Json rules = Json::array();
  for (const RuleInfo& r : st.policy.rules())
    rules.push_back({{"id", r.id}, {"title", r.title}, {"file", r.file}, {"line", r.line}, {"requirement", r.requirement}});
  Json meta = {{"policy", std::string(st.policy.name())},
               {"version", std::string(st.policy.version())},
               {"list", st.manifest.input.file},
               {"rules", rules}};
  st.out << "]</script>\n<script id=\"qz-strings\" type=\"application/json\">" << script_json(st.strings)
         << "</script>\n<script id=\"qz-meta\" type=\"application/json\">" << script_json(meta) << "</script>\n";
  write_html_summary(st.out, st.policy, st.manifest, summary);
  st.out << R"(<section id="items">
<h2>事项</h2>
<form id="filters">
<label>处理结果 <select id="f-outcome"><option value="">全部</option></select></label>
<label>实施部门 <select id="f-dept"><option value="">全部</option></select></label>
<label>规则 <select id="f-rule"><option value="">全部</option></select></label>
<label>搜索 <input id="f-q" type="search" placeholder="编号、名称、部门、理由"></label>
</form>
<p id="count"></p>
<table id="item-table"><thead><tr><th>行</th><th>编号</th><th>事项名称</th><th>实施部门</th><th>处理结果</th><th>下放方式</th><th>承接层级</th><th>依据规则</th></tr></thead><tbody></tbody></table>
<p id="pager"><button id="prev" type="button">上一页</button> <span id="page"></span> <button id="next" type="button">下一页</button></p>
</section>
<aside id="derivation" hidden></aside>
<script>)" << script_body() << "</script>\n</body>\n</html>\n";
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace quanze
