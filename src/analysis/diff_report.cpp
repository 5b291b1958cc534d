// A policy comparison told for a person (Chinese labels) or for a program
// (JSON with both manifests).
#include <fmt/format.h>

#include "io/record_json.hpp"
#include "quanze/policy_diff.hpp"

namespace quanze {
namespace {

std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

std::vector<std::string> fired(const DecisionRecord& r) {
  std::vector<std::string> out;
  for (const RequirementCheck& c : r.requirements)
    if (!c.held) out.push_back(c.rule);
  return out;
}

/// "两优专项行动基线 2022-12-16（rules/liangyou.qz）"
std::string policy_line(const Manifest& m) {
  std::vector<std::string> files;
  for (const FileDigest& f : m.rules) files.push_back(f.file);
  std::string name = m.policy.empty() ? "（未命名政策）" : m.policy;
  if (!m.policy_version.empty()) name += " " + m.policy_version;
  return name + "（" + joined(files, "、") + "）";
}

/// "delegate.authorize；触发 require.authorization_basis"
std::string why(const DecisionRecord& r) {
  std::string out = r.rules.empty() ? "无" : joined(r.rules, "、");
  if (auto f = fired(r); !f.empty()) out += "；触发 " + joined(f, "、");
  if (r.status == Status::error) out += "；" + r.error;
  return out;
}

Json decision_json(const Decision& d) {
  auto or_null = [](const auto& v, auto show) { return v ? Json(std::string(show(*v))) : Json(nullptr); };
  return {{"status", status_id(d.status)},
          {"outcome", or_null(d.outcome, outcome_id)},
          {"mode", or_null(d.mode, mode_id)},
          {"target", d.target ? Json(*d.target) : Json(nullptr)}};
}

Json side_json(const DecisionRecord& r) {
  return {{"rules", r.rules}, {"requirements", fired(r)}, {"receiver", r.receiver ? Json(*r.receiver) : Json(nullptr)}};
}

Json policy_json(const Manifest& m) {
  Json rules = Json::array();
  for (const FileDigest& d : m.rules) rules.push_back({{"file", d.file}, {"sha256", d.sha256}});
  return {{"policy", m.policy}, {"policy_version", m.policy_version}, {"rules", rules}};
}

}  // namespace

std::string policy_diff_text(const PolicyDiff& diff, const Manifest& old_policy, const Manifest& new_policy) {
  std::string out = fmt::format("旧政策：{}\n新政策：{}\n", policy_line(old_policy), policy_line(new_policy));
  out += fmt::format("清单：{}，共 {} 项：决定改变 {} 项，未变 {} 项\n", old_policy.input.file, diff.items,
                     diff.changed(), diff.items - diff.changed());
  for (const Transition& t : diff.transitions) {
    out += fmt::format("\n{} → {}：{} 项\n", decision_label(t.from), decision_label(t.to), t.items.size());
    for (const ChangedItem& c : t.items) {
      const DecisionRecord& r = c.new_record;
      out += fmt::format("  · {}{}（第 {} 行）\n", r.item, r.name.empty() ? "" : " " + r.name, r.row);
      out += fmt::format("      旧：{}\n      新：{}\n", why(c.old_record), why(c.new_record));
    }
  }
  if (!diff.rules_changed.empty() || !diff.receiver_changed.empty()) out += "\n";
  if (!diff.rules_changed.empty())
    out += fmt::format("决定未变、依据规则或触发要求不同：{} 项（{}）\n", diff.rules_changed.size(),
                       joined(diff.rules_changed, "、"));
  if (!diff.receiver_changed.empty())
    out += fmt::format("决定未变、承接主体不同：{} 项（{}）\n", diff.receiver_changed.size(),
                       joined(diff.receiver_changed, "、"));
  return out;
}

std::string policy_diff_json(const PolicyDiff& diff, const Manifest& old_policy, const Manifest& new_policy) {
  Json transitions = Json::array();
  for (const Transition& t : diff.transitions) {
    Json items = Json::array();
    for (const ChangedItem& c : t.items)
      items.push_back({{"item", c.new_record.item},
                       {"name", c.new_record.name},
                       {"row", c.new_record.row},
                       {"old", side_json(c.old_record)},
                       {"new", side_json(c.new_record)}});
    transitions.push_back({{"from", decision_json(t.from)},
                           {"to", decision_json(t.to)},
                           {"label", decision_label(t.from) + " → " + decision_label(t.to)},
                           {"count", t.items.size()},
                           {"items", std::move(items)}});
  }
  Json manifest = {{"engine", old_policy.engine},
                   {"command", old_policy.command},
                   {"input", {{"file", old_policy.input.file}, {"sha256", old_policy.input.sha256}}},
                   {"old", policy_json(old_policy)},
                   {"new", policy_json(new_policy)}};
  Json out = {{"manifest", std::move(manifest)},
              {"items", diff.items},
              {"changed", diff.changed()},
              {"unchanged", diff.items - diff.changed()},
              {"rules_changed", diff.rules_changed},
              {"receiver_changed", diff.receiver_changed},
              {"transitions", std::move(transitions)}};
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace quanze
