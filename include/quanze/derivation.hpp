// The full derivation of one decision: everything an auditor asks about an
// item beyond the decision record — the path of each transitive override,
// why each rule that did not apply did not, each requirement's condition,
// and the raw cells behind the evidence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quanze/record.hpp"

namespace quanze {

/// A field the decision read: "level", "basis.highest".
struct EvidenceValue {
  std::string key;
  std::optional<std::string> value;  ///< as shown; empty when the cell is missing
};

/// A condition as written in the rule file, with where it is and the values
/// it read for this item.
struct ConditionTrace {
  std::string text;  ///< the source text, e.g. "volume_3y = 0"
  std::string let;   ///< when the test is a let's value: its name; text is its body
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::vector<EvidenceValue> values;
};

/// An applicable rule that another one defeated. `path` runs from the
/// defeating rule down to this one along `to` clauses: two entries for a
/// direct override, more when it was transitive.
struct DefeatTrace {
  std::string rule;
  std::string by;
  std::vector<std::string> path;
};

/// A rule whose condition was false: the first part that was false. Or a
/// rule out of force on the day decided for: then `not_in_force` holds its
/// window and `condition` says so in words (its text, at the rule's line).
struct NotApplied {
  struct Window {
    std::optional<std::string> effective, until;  ///< YYYY-MM-DD, or open
  };
  std::string rule;
  ConditionTrace condition;
  std::optional<Window> not_in_force;
};

/// A requirement checked against the outcome, in the order checked.
struct RequirementTrace {
  std::string rule;
  bool held = true;
  std::string fallback;  ///< as in RequirementCheck; empty when it held
  ConditionTrace condition;  ///< the whole condition, or the part that was false
};

/// One citation of a legal-basis cell and how its level was obtained.
struct CitationTrace {
  std::string title;    ///< without 《》
  std::string article;  ///< "第十二条" or empty
  std::string level;    ///< level id, e.g. "gov_rule"
  bool stated = false;  ///< written as 【…】 in the cell
  std::string how;      ///< the 【…】 label, or the suffix/prefix it was inferred from
  std::string place;    ///< a place name that made a 条例 local, or empty
};

/// A column the decision read: its field, header, raw cell, and for a
/// legal basis each citation.
struct CellTrace {
  std::string field;
  std::string header;
  std::uint32_t column = 0;  ///< 1-based
  std::string raw;
  std::vector<CitationTrace> citations;
};

struct Derivation {
  DecisionRecord record;
  std::vector<DefeatTrace> defeated;          ///< parallel to record.defeated
  std::vector<RequirementTrace> requirements; ///< parallel to record.requirements
  std::vector<NotApplied> not_applied;        ///< rules in file order
  std::vector<CellTrace> cells;               ///< columns behind record.evidence, schema order
};

}  // namespace quanze
