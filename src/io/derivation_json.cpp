// A derivation as JSON: the decision record's keys, then "derivation".
#include "io/record_json.hpp"
#include "quanze/explain.hpp"

namespace quanze {
namespace {

Json condition(const ConditionTrace& c) {
  Json values = Json::object();
  for (const EvidenceValue& v : c.values) values[v.key] = v.value ? Json(*v.value) : Json(nullptr);
  return {{"text", c.text}, {"let", c.let.empty() ? Json(nullptr) : Json(c.let)}, {"file", c.file}, {"line", c.line}, {"column", c.column}, {"values", values}};
}

Json derivation_object(const Derivation& d, const Policy& policy) {
  // Each rule is named with its title and place, so a reader of the JSON
  // needs no second look-up in the policy.
  auto rule = [&](const std::string& id) {
    Json j = {{"rule", id}};
    if (const RuleInfo* info = policy.find_rule(id)) {
      j["title"] = info->title;
      j["file"] = info->file;
      j["line"] = info->line;
    }
    return j;
  };
  Json out;
  out["defeated"] = Json::array();
  for (const DefeatTrace& t : d.defeated) {
    Json j = rule(t.rule);
    j["by"] = t.by;
    j["path"] = t.path;
    out["defeated"].push_back(std::move(j));
  }
  out["requirements"] = Json::array();
  for (const RequirementTrace& t : d.requirements) {
    Json j = rule(t.rule);
    j["held"] = t.held;
    j["fallback"] = t.held ? Json(nullptr) : Json(t.fallback);
    j["condition"] = condition(t.condition);
    out["requirements"].push_back(std::move(j));
  }
  out["not_applied"] = Json::array();
  for (const NotApplied& n : d.not_applied) {
    Json j = rule(n.rule);
    j["condition"] = condition(n.condition);
    if (n.not_in_force)
      j["not_in_force"] = {{"effective", n.not_in_force->effective ? Json(*n.not_in_force->effective) : Json(nullptr)},
                           {"until", n.not_in_force->until ? Json(*n.not_in_force->until) : Json(nullptr)}};
    out["not_applied"].push_back(std::move(j));
  }
  out["cells"] = Json::array();
  for (const CellTrace& c : d.cells) {
    Json cell = {{"field", c.field}, {"header", c.header}, {"column", c.column}, {"raw", c.raw}};
    if (!c.citations.empty()) {
      cell["citations"] = Json::array();
      for (const CitationTrace& t : c.citations)
        cell["citations"].push_back({{"title", t.title},
                                     {"article", t.article},
                                     {"level", t.level},
                                     {"stated", t.stated},
                                     {"how", t.how},
                                     {"place", t.place}});
    }
    out["cells"].push_back(std::move(cell));
  }
  return out;
}

}  // namespace

std::string derivation_to_json(const Derivation& derivation, const Policy& policy, int indent,
                               const Manifest* manifest) {
  Json j = record_object(derivation.record);
  j["derivation"] = derivation_object(derivation, policy);
  if (manifest) j["manifest"] = Json::parse(manifest_to_json(*manifest));
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace quanze
