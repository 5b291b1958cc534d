// Evaluations made once for all the items that test alike: a list of a
// million rows meets a few hundred combinations of its policy's tests, and
// evaluating (conditions, overrides, outcomes, requirements) costs several
// times more than the tests alone.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "eval/decision_memo.hpp"
#include "eval/describe.hpp"
#include "eval/evaluator.hpp"

namespace quanze {

/// An evaluation, with what its decision key needs (describe_key_prefix)
/// when kept: the prefix's number and the holes.
/// What a row reads of it comes first, on the memo entry's first line
/// beside the key: a list meets a few thousand evaluations, whose whole
/// entries would not stay in cache.
struct KeptEvaluation {
  std::uint64_t prefix_id = 0;  ///< 0: no key (a conflict, an error)
  bool kept = false;
  bool trail = false;  ///< the prefix is for a record with the trail
  Status status = Status::undecided;  ///< evaluation.status
  KeyHoles holes;
  Evaluation evaluation;
};

class EvaluationMemo {
 public:
  explicit EvaluationMemo(const Program& program, const Evaluator& evaluator);

  /// The evaluation of `item`, as evaluator.evaluate() makes it: kept from
  /// an item before on which every test of the conditions came out alike
  /// (Evaluator::test_leaves) and whose `next` fields hold the same values;
  /// else made and kept. Valid until the next call.
  /// `trail`: as for describe_key.
  const KeptEvaluation& evaluate(Evaluator& evaluator, const ItemValues& item, bool trail);

  /// False when the policy's outcomes render a field into their target or
  /// receiver (its evaluations then differ in more than the tests), or its
  /// conditions hold more than kMaxLeafWords * 64 tests: then every item is
  /// evaluated.
  bool usable() const { return usable_; }
  static constexpr std::size_t kMaxLeafWords = 4;
  /// The bytes of a key kept in the memo's entry beside its value: the
  /// tests' first word and a `next` field's value, so that a hit reads one
  /// line (DecisionMemo); a longer key's rest lies further on.
  static constexpr std::size_t kKeyBytes = 16;

 private:
  const Program& program_;
  bool usable_ = true;
  std::vector<std::uint16_t> next_fields_;  ///< fields `next` reads, each once
  std::size_t condition_words_ = 0;
  /// The key: the tests' bits, then each `next` field's value.
  std::vector<std::uint64_t> key_;
  /// More than a worker's formatted decisions: items that differ in a test
  /// that no rule deciding them reads are evaluated apart but formatted
  /// alike (the baseline meets some two thousand combinations).
  DecisionMemo<KeptEvaluation, 4096, kKeyBytes> kept_;
  KeptEvaluation alone_;  ///< an evaluation not kept
  /// Decision-key prefixes by their bytes, numbered from 1 in the order
  /// met. Bounded: when kMaxPrefixes are held the map is emptied, and the
  /// numbers go on, so that no number ever stands for two prefixes (a
  /// writer may still hold keys with the old ones).
  std::unordered_map<std::string, std::uint64_t> prefix_ids_;
  std::uint64_t next_prefix_id_ = 1;
  std::string prefix_;  ///< scratch
  static constexpr std::size_t kMaxPrefixes = std::size_t{1} << 16;
};

}  // namespace quanze
