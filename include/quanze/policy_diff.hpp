// Comparing two policies on one list: which items a change of rules
// decides differently, grouped by how their decision changed, so an analyst
// sees what an edit does before a department does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"
#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

/// What was decided for an item, without why: its status, and for a
/// decided item the outcome, mode and target. The receiver is left out: it
/// is often written per item ("{department}对口部门"), and would split every
/// group by department.
struct Decision {
  Status status = Status::undecided;
  std::optional<Outcome> outcome;
  std::optional<Mode> mode;
  std::optional<std::string> target;

  static Decision of(const DecisionRecord& record);
  bool operator==(const Decision&) const = default;
};

/// "下放（委托实施，至旗县）", "保留", "冲突": a decision in the words of the
/// list's result columns; not decided, the status.
std::string decision_label(const Decision& decision);

/// An item the two policies decide differently.
struct ChangedItem {
  DecisionRecord old_record;
  DecisionRecord new_record;
};

/// Items whose decision went from one to another.
struct Transition {
  Decision from;
  Decision to;
  std::vector<ChangedItem> items;  ///< in list order
};

struct PolicyDiff {
  std::size_t items = 0;
  std::vector<Transition> transitions;  ///< most items first; ties in order of their first item
  /// Items decided alike by other rules (deciding rules or fired
  /// requirements differ), and items decided alike for another receiver.
  std::vector<std::string> rules_changed;
  std::vector<std::string> receiver_changed;

  std::size_t changed() const;
};

/// Classifies every row of `table` with both classifiers (each bound to
/// `table`) and groups the items whose decision changed.
PolicyDiff diff_policies(Classifier& old_policy, Classifier& new_policy, const Table& table);

/// Chinese-labelled text: both policies and the list, the counts, then each
/// transition ("下放（委托实施，至旗县） → 保留：3 项") with its items and
/// their deciding rules (and fired requirements) on both sides.
std::string policy_diff_text(const PolicyDiff& diff, const Manifest& old_policy, const Manifest& new_policy);

/// The same as JSON (two-space indent): {"manifest": {engine, command, input,
/// old, new}, "items", "changed", "unchanged", "rules_changed",
/// "receiver_changed", "transitions": [{from, to, label, count, items}]}.
std::string policy_diff_json(const PolicyDiff& diff, const Manifest& old_policy, const Manifest& new_policy);

}  // namespace quanze
