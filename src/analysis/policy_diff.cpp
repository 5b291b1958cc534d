// Two policies over one list, item by item: the transitions between their
// decisions.
#include "quanze/policy_diff.hpp"

#include <algorithm>

namespace quanze {
namespace {

std::vector<std::string> fired(const DecisionRecord& r) {
  std::vector<std::string> out;
  for (const RequirementCheck& c : r.requirements)
    if (!c.held) out.push_back(c.rule);
  return out;
}

}  // namespace

Decision Decision::of(const DecisionRecord& r) {
  // Records leave outcome, mode and target null unless decided; so does this.
  return {r.status, r.outcome, r.mode, r.target};
}

std::string decision_label(const Decision& d) {
  if (d.status != Status::decided || !d.outcome) return std::string(status_label(d.status));
  std::string out(outcome_label(*d.outcome));
  std::string details;
  if (d.mode) details = mode_label(*d.mode);
  if (d.target) details += (details.empty() ? "至" : "，至") + *d.target;
  return details.empty() ? out : out + "（" + details + "）";
}

std::size_t PolicyDiff::changed() const {
  std::size_t n = 0;
  for (const Transition& t : transitions) n += t.items.size();
  return n;
}

PolicyDiff diff_policies(Classifier& old_policy, Classifier& new_policy, const Table& table) {
  PolicyDiff diff;
  for (const Row& row : table.rows) {
    ++diff.items;
    DecisionRecord before = old_policy.classify(row);
    DecisionRecord after = new_policy.classify(row);
    Decision from = Decision::of(before), to = Decision::of(after);
    if (from == to) {
      if (before.rules != after.rules || fired(before) != fired(after)) diff.rules_changed.push_back(after.item);
      if (before.receiver != after.receiver) diff.receiver_changed.push_back(after.item);
      continue;
    }
    auto group = std::find_if(diff.transitions.begin(), diff.transitions.end(),
                              [&](const Transition& t) { return t.from == from && t.to == to; });
    if (group == diff.transitions.end()) group = diff.transitions.insert(diff.transitions.end(), {from, to, {}});
    group->items.push_back({std::move(before), std::move(after)});
  }
  // Groups were made in order of their first item; a stable sort keeps
  // that order among equal counts.
  std::stable_sort(diff.transitions.begin(), diff.transitions.end(),
                   [](const Transition& a, const Transition& b) { return a.items.size() > b.items.size(); });
  return diff;
}

}  // namespace quanze
