// The decision record: what Quanze decided for one item and why
// (DESIGN.md part 5). Writers turn it into JSON, CSV and text.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quanze {

enum class Status : std::uint8_t { decided, conflict, undecided, rejected, error };
enum class Outcome : std::uint8_t { cancel, keep, filing, delegate };
enum class Mode : std::uint8_t { authorization, entrustment, direct };

std::string_view status_id(Status s);     ///< "decided"
std::string_view outcome_id(Outcome o);   ///< "delegate"
std::string_view mode_id(Mode m);         ///< "entrustment"
std::string_view status_label(Status s);  ///< "已决定", "冲突", …
std::string_view outcome_label(Outcome o);  ///< 取消, 保留, 改为备案, 下放
std::string_view mode_label(Mode m);      ///< 法定授权, 委托实施, 直接下放

struct Defeat {
  std::string rule;
  std::string by;  ///< an applicable rule overriding it (a live one if any)
};

struct RequirementCheck {
  std::string rule;
  bool held = true;
  std::string fallback;  ///< "delegate by entrustment", "keep", "reject"; empty if held
};

struct SourceRef {
  std::string rule;
  std::string file;
  std::uint32_t line = 0;
};

/// A live rule's computed outcome, listed when live rules disagree.
struct LiveOutcome {
  std::string rule;
  Outcome outcome = Outcome::keep;
  std::optional<Mode> mode;
  std::optional<std::string> target;
  std::optional<std::string> receiver;
};

/// A record's rules as positions in their policy's rule list
/// (Policy::rules(): rules, then requirements), each list parallel to the
/// record's list of the same name. A summary counts a record by them
/// instead of looking every rule's id up (several look-ups a row). Held in
/// the record itself, so that a record made afresh for every row (as
/// Classifier::classify(row) makes them) allocates nothing more for them.
struct RuleIndexes {
  static constexpr std::uint32_t kDefault = 0xFFFFFFFF;  ///< in rules(): decided by the default
  /// Past this many positions in all, a record carries none (`list` 0).
  static constexpr std::size_t kCapacity = 30;
  /// The rule list they index, as rule_list_key gives it; 0 when they are
  /// not filled (a record made by hand, or read back, an error, more rules
  /// than kCapacity): then a summary goes by the ids.
  std::uint64_t list = 0;
  /// rules, defeated, outranked and requirements, one after another.
  std::array<std::uint32_t, kCapacity> positions{};
  std::array<std::uint8_t, 4> counts{};  ///< how many of each, in that order

  std::span<const std::uint32_t> rules() const { return part(0); }
  std::span<const std::uint32_t> defeated() const { return part(1); }
  std::span<const std::uint32_t> outranked() const { return part(2); }
  std::span<const std::uint32_t> requirements() const { return part(3); }

 private:
  std::span<const std::uint32_t> part(std::size_t k) const {
    std::size_t from = 0;
    for (std::size_t i = 0; i < k; ++i) from += counts[i];
    return {positions.data() + from, counts[k]};
  }
};

/// An input problem that made a row's status `error`.
struct RowProblem {
  std::string code;     ///< "QZ6002"
  std::uint32_t column = 0;  ///< 1-based column of the table, 0 if none
  std::string header;
  std::string value;
  std::string message;
};

struct DecisionRecord {
  std::string item;  ///< the `id` field's value, else the row number
  std::string name;  ///< the `name` field's value, if the schema has one
  std::string department;  ///< the `department` field's value, for the summary
  std::uint64_t row = 0;  ///< the row's line (CSV) or record number (JSON)
  Status status = Status::undecided;
  std::optional<Outcome> outcome;
  std::optional<Mode> mode;
  std::optional<std::string> target;
  std::optional<std::string> receiver;
  std::vector<std::string> rules;  ///< deciding rules; for a conflict every live rule
  std::vector<Defeat> defeated;
  std::vector<std::string> outranked;  ///< live rules that lost by precedence
  std::vector<LiveOutcome> conflict;   ///< status conflict: each live rule's outcome
  std::vector<RequirementCheck> requirements;
  std::vector<std::string> reasons;
  std::vector<std::string> citations;
  std::vector<SourceRef> source;
  /// Fields the decision read, in schema order: key ("level",
  /// "basis.highest") and the value as shown (null when missing).
  std::vector<std::pair<std::string, std::optional<std::string>>> evidence;
  std::string error;  ///< status error: what went wrong (evaluation or input)
  std::vector<RowProblem> problems;  ///< status error from input cells
  std::string as_of;  ///< the day the policy was applied as of, YYYY-MM-DD
  /// `rules`, `defeated`, `outranked` and `requirements` by position, for
  /// the summary; no writer shows them.
  RuleIndexes rule_indexes;
};

}  // namespace quanze
