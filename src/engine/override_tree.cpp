// quanze tree: the policy's exception hierarchy. Strongest rules (those no
// rule overrides) are roots; under each rule, the rules it names in `to`.
// A rule overridden by several is drawn in full the first time and
// referred to afterwards, so the tree stays as long as the policy.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "quanze/explain.hpp"

namespace quanze {
namespace {

class OverrideTree {
 public:
  explicit OverrideTree(const Policy& policy) : policy_(policy) {
    for (const RuleInfo& r : policy.rules())
      if (!r.requirement) rules_.push_back(&r);
    for (const RuleInfo* r : rules_)
      for (const std::string& target : r->overrides) overridden_.insert(target);
  }

  std::vector<const RuleInfo*> roots() const {
    std::vector<const RuleInfo*> out;
    for (const RuleInfo* r : rules_)
      if (!overridden_.count(r->id)) out.push_back(r);
    return out;
  }

  /// Every rule `id` overrides, directly or through others, in policy order.
  std::vector<std::string> closure(const std::string& id) const {
    std::set<std::string> seen;
    std::vector<std::string> stack = {id};
    while (!stack.empty()) {
      const RuleInfo* r = policy_.find_rule(stack.back());
      stack.pop_back();
      if (!r) continue;
      for (const std::string& t : r->overrides)
        if (seen.insert(t).second) stack.push_back(t);
    }
    std::vector<std::string> out;
    for (const RuleInfo* r : rules_)
      if (seen.count(r->id)) out.push_back(r->id);
    return out;
  }

  std::string text() {
    std::string out = fmt::format("政策：{}{}\n", policy_.name().empty() ? "（未命名）" : policy_.name(),
                                  policy_.version().empty() ? "" : fmt::format("（{}）", policy_.version()));
    out += "覆盖关系（每条规则压过它下面的规则）：\n";
    for (const RuleInfo* root : roots()) draw(*root, "", "", out);
    std::string indirect;
    for (const RuleInfo* r : rules_) {
      std::vector<std::string> only_transitive;
      for (const std::string& t : closure(r->id))
        if (std::find(r->overrides.begin(), r->overrides.end(), t) == r->overrides.end()) only_transitive.push_back(t);
      if (!only_transitive.empty())
        indirect += fmt::format("  · {} 经由其他例外压过 {}\n", r->id, fmt::join(only_transitive, "、"));
    }
    if (!indirect.empty()) out += "传递覆盖（不是直接写在 to 中的）：\n" + indirect;
    return out;
  }

  nlohmann::ordered_json json() const {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const RuleInfo* r : rules_) {
      out.push_back({{"rule", r->id},
                     {"title", r->title},
                     {"file", r->file},
                     {"line", r->line},
                     {"exception", r->exception},
                     {"overrides", r->overrides},
                     {"overrides_transitively", closure(r->id)},
                     {"overridden", overridden_.count(r->id) > 0}});
    }
    return out;
  }

 private:
  void draw(const RuleInfo& r, const std::string& lead, const std::string& indent, std::string& out) {
    std::string label = r.id + (r.title.empty() ? "" : "「" + r.title + "」");
    if (!drawn_.insert(r.id).second) {
      out += fmt::format("{}{}（见上）\n", lead, r.id);
      return;
    }
    out += fmt::format("{}{}  {}:{}\n", lead, label, r.file, r.line);
    for (std::size_t i = 0; i < r.overrides.size(); ++i) {
      const RuleInfo* child = policy_.find_rule(r.overrides[i]);
      if (!child) continue;
      bool last = i + 1 == r.overrides.size();
      draw(*child, indent + (last ? "└── " : "├── "), indent + (last ? "    " : "│   "), out);
    }
  }

  const Policy& policy_;
  std::vector<const RuleInfo*> rules_;
  std::set<std::string> overridden_;
  std::set<std::string> drawn_;
};

}  // namespace

std::string override_tree_text(const Policy& policy) { return OverrideTree(policy).text(); }

std::string override_tree_json(const Policy& policy, const Manifest* manifest) {
  nlohmann::ordered_json out;
  if (manifest) out["manifest"] = nlohmann::ordered_json::parse(manifest_to_json(*manifest));
  out["rules"] = OverrideTree(policy).json();
  return out.dump(2) + "\n";
}

}  // namespace quanze
