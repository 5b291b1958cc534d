// The semantics of DESIGN.md part 4, steps 1–5, over a compiled program.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eval/in_force.hpp"
#include "eval/item.hpp"
#include "eval/packed_items.hpp"
#include "eval/program.hpp"

namespace quanze {

/// An outcome with its target and receiver computed for one item.
struct ComputedOutcome {
  Outcome kind = Outcome::keep;
  std::optional<Mode> mode;
  bool has_target = false;
  std::string target;
  bool has_receiver = false;
  std::string receiver;
  bool operator==(const ComputedOutcome&) const = default;
};

/// What evaluating one item found, by rule index. Reused across items so
/// that steady-state evaluation does not allocate.
struct Evaluation {
  struct Check {
    std::uint32_t requirement = 0;
    bool held = true;
  };
  Status status = Status::undecided;
  ComputedOutcome outcome;
  bool by_default = false;
  std::vector<std::uint32_t> applicable;  // file order
  std::vector<std::uint32_t> live;
  std::vector<std::uint32_t> deciding;    // for a conflict: the disagreeing rules
  std::vector<std::uint32_t> outranked;
  std::vector<ComputedOutcome> outcomes;  // parallel to `deciding` when status is conflict
  std::vector<Check> checks;              // in the order first checked
  // Status error: what could not be computed, and where.
  std::string error;
  const char* error_code = nullptr;  // QZ7xxx
  enum class ErrorSource : std::uint8_t { none, rule, requirement, fallback_default } error_source = ErrorSource::none;
  std::uint32_t error_index = 0;

  void clear();
};

class Evaluator {
 public:
  /// Evaluates as of the day `in_force` was made for: rules and
  /// requirements out of force that day are absent.
  Evaluator(const Program& program, const InForce& in_force);

  void evaluate(const ItemValues& item, Evaluation& out);
  /// The same on a packed item: decides exactly alike.
  void evaluate(const PackedItem& item, Evaluation& out);
  /// How many words test_leaves() writes.
  std::size_t leaf_words() const { return (leaves_.size() + 63) / 64; }
  /// Sets bit k of `words` (leaf_words() of them, all written) when the
  /// k-th test holds. The tests are the nodes the conditions of rules and
  /// requirements in force are made of — all under and/or/not but those —
  /// each once. Besides what outcomes compute (a `next` field, a target's
  /// or receiver's holes), they are all evaluate() reads of an item: two
  /// items alike in them are evaluated alike (EvaluationMemo).
  void test_leaves(const ItemValues& item, std::uint64_t* words) const;
  /// The general path: any node, used by explanations and the analysis.
  bool test(std::uint32_t node, const ItemValues& item) const;

 private:
  /// The common tests of a field against a constant, resolved when the
  /// evaluator is made, so the per-item path reads one value and compares
  /// (issue 5: evaluation throughput). Anything else takes `test`.
  struct FastTest {
    enum class Kind : std::uint8_t {
      general, bits, number, truth, has_all, has_any, empty,
      in_bits,           // a member of a set of enum members or levels: one bit of `bits`
      and_, or_, not_,   // over `children`, without reading the node
    } kind = Kind::general;
    ast::CompareOp op = ast::CompareOp::eq;
    bool negated = false;
    bool always_present = false;  // .highest and .count have a value even for an empty cell
    std::uint16_t field = 0;
    std::uint32_t slot = 0;  // the PackedItem word of the value read
    std::uint32_t list_begin = 0, list_count = 0;
    std::uint64_t bits = 0;
    double number = 0;
  };
  static FastTest fast_form(const Program& program, const PackedLayout& layout, const Node& n);

  /// A test of test_leaves(), in the form that is quickest on an
  /// ItemValues: a test of an enum, bool or level against constants is one
  /// bit of a mask of the members for which it holds.
  struct LeafTest {
    enum class Kind : std::uint8_t { members, number, has_all, has_any, empty, node } kind = Kind::node;
    ast::CompareOp op = ast::CompareOp::eq;
    bool always_present = false;
    bool negated = false;
    std::uint16_t field = 0;
    std::uint32_t node = 0;     // Kind::node: tested by fast()
    std::uint32_t members = 0;  // Kind::members: how many the value can be
    std::uint64_t mask = 0;
    double number = 0;
  };
  /// The member tests of one field at once, when a policy has fewer than
  /// 64 tests: for each value the field can hold (and one more for a
  /// missing value), the bits of test_leaves' word its tests set.
  struct MemberField {
    std::uint16_t field = 0;
    bool always_present = false;
    std::uint32_t members = 0;
    std::vector<std::uint64_t> bits;  // members + 1 entries
  };
  LeafTest leaf_form(std::uint32_t node) const;
  void add_leaves(std::uint32_t node, std::vector<std::uint8_t>& seen);

  // Templates over the item's type (ItemValues or PackedItem), defined and
  // instantiated in evaluator.cpp only.
  template <class Item> void evaluate_item(const Item& item, Evaluation& out);
  template <class Item> bool test_item(std::uint32_t node, const Item& item) const;
  template <class Item> bool fast(std::uint32_t node, const Item& item) const;
  template <class Item> bool junction(const FastTest& t, const Item& item) const;
  template <class Item> Value operand(const Operand& op, const Item& item) const;
  template <class Item> bool compare(const Node& n, const Item& item) const;
  template <class Item> bool membership(const Node& n, const Item& item) const;
  template <class Item> bool text_test(const Node& n, const Item& item) const;
  template <class Item>
  bool compute(const CompiledOutcome& outcome, const Item& item, ComputedOutcome& out, Evaluation& failure) const;
  template <class Item> void decide_live(const Item& item, Evaluation& out);
  template <class Item> void apply_requirements(const Item& item, Evaluation& out);

  const Program& program_;
  const InForce& in_force_;
  std::vector<FastTest> fast_;             // per node
  std::vector<std::uint32_t> when_;        // per rule: its condition's node
  std::vector<std::uint64_t> overriders_;  // per rule, as a mask, when there are at most 64 rules
  std::vector<std::uint8_t> applicable_;   // per rule, scratch
  std::vector<std::uint8_t> requirement_;  // per requirement: 0 unchecked, 1 held, 2 fired
  std::vector<LeafTest> leaves_;  // tests of members first
  std::size_t member_leaves_ = 0;
  std::vector<MemberField> member_fields_;  // empty: the tests one by one
};

}  // namespace quanze
