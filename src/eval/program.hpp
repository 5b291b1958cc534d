// The compiled policy: what the checker hands the evaluator. Everything is
// resolved to indexes — fields to slots, enum members to integers, sets to
// bitmasks, overrides to transitive bitsets — so evaluating an item needs no
// name lookups.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "quanze/date.hpp"
#include "quanze/record.hpp"
#include "quanze/source.hpp"

namespace quanze {

/// What a value is. `level` is the built-in ordered enum of legal levels
/// that `basis.highest` yields.
enum class ValueKind : std::uint8_t { text, number, boolean, enumeration, set, basis };

struct ValueType {
  ValueKind kind = ValueKind::text;
  std::uint16_t enum_id = 0;  // enumeration and set: index into Program::enums
  bool operator==(const ValueType&) const = default;
};

struct EnumDef {
  std::string name;  // the field's name, or "legal level"
  bool ordered = false;
  std::vector<std::string> ids;
  std::vector<std::string> labels;
  /// The member whose id or label is `text` (trimmed), or -1.
  int find(std::string_view text) const;
};

/// One value of an item, decoded from its cell. `bits` holds a bool (0/1),
/// an enum member's index or a set's bitmask; `number` also holds a basis
/// cell's citation count.
struct Value {
  bool present = false;
  double number = 0;
  std::uint64_t bits = 0;
  std::string_view text;
};

struct FieldDef {
  std::string name;
  std::string header;
  std::vector<std::string> aliases;  ///< other headers of the same column, in order
  ValueType type;
  std::optional<std::string> default_text;  // the default, as a cell would hold it
  SourceRange range;
  bool used = false;  // read by a condition, a string or a `next`, for `check`'s unused-field finding
};

/// A `let` as declared, for `check`'s unused-let finding.
struct LetInfo {
  std::string name;
  SourceRange range;
  bool used = false;
};

/// Where an operand's value comes from.
struct Operand {
  enum class Source : std::uint8_t { constant, field, highest, count, test } source = Source::constant;
  ValueType type;
  std::uint32_t index = 0;  // constant index, field index, or node index (test)
};

enum class NodeKind : std::uint8_t {
  truth,     // a: a boolean operand
  not_,      // children[0]
  and_,      // children
  or_,       // children
  compare,   // a op b
  in,        // a in constants[list]; negated for `not in`
  has_all,   // a's mask covers mask
  has_any,   // a's mask meets mask
  is_empty,  // negated for `is not empty`
  contains,  // a contains constants[list_begin] (text, or any basis title)
  starts,
  ends,
};

struct Node {
  NodeKind kind = NodeKind::truth;
  ast::CompareOp op = ast::CompareOp::eq;
  bool negated = false;
  Operand a, b;
  std::uint32_t list_begin = 0;  // children (and/or/not) or constants (in, contains…)
  std::uint32_t list_count = 0;
  std::uint64_t mask = 0;
};

/// A `because`/`receiver`/`cite`/`to "…"` string with `{field}` holes.
struct Template {
  struct Piece {
    enum class Kind : std::uint8_t { literal, field, highest, count } kind = Kind::literal;
    std::string text;  // literal
    std::uint16_t field = 0;
  };
  std::vector<Piece> pieces;
  bool empty() const { return pieces.empty(); }
};

struct CompiledOutcome {
  bool reject = false;
  Outcome kind = Outcome::keep;
  std::optional<Mode> mode;
  enum class Target : std::uint8_t { none, text, next } target = Target::none;
  std::uint32_t target_template = 0;  // Target::text
  std::uint16_t next_field = 0;       // Target::next
  std::optional<std::uint32_t> receiver_template;
};

/// A field a decision read, for the record's evidence.
struct EvidenceKey {
  std::uint16_t field = 0;
  enum class Attr : std::uint8_t { none, highest, count } attr = Attr::none;
  auto operator<=>(const EvidenceKey&) const = default;
};

struct CompiledRule {
  std::string id;
  std::string title;
  bool exception = false;
  std::vector<std::string> overrides;  // direct targets, as written
  std::vector<std::uint32_t> targets;  // the same, as rule indexes
  std::uint32_t when = 0;              // node index
  CompiledOutcome outcome;
  std::optional<std::uint32_t> because;  // template index
  std::vector<std::uint32_t> cites;      // template indexes
  std::vector<EvidenceKey> reads;        // sorted
  FileId file = 0;
  std::uint32_t line = 0;
  SourceRange id_range;  // where the id is written, for findings about the rule
  /// Rules that override this one, transitively, sorted by index.
  std::vector<std::uint32_t> overridden_by;
  /// The days it is in force, both ends included; open when absent.
  std::optional<Date> effective, until;
};

struct CompiledRequire {
  std::string id;
  std::string title;
  Outcome pattern_kind = Outcome::keep;
  std::optional<Mode> pattern_mode;
  std::uint32_t condition = 0;
  CompiledOutcome otherwise;
  std::optional<std::uint32_t> because;
  std::vector<std::uint32_t> cites;
  std::vector<EvidenceKey> reads;
  FileId file = 0;
  std::uint32_t line = 0;
  SourceRange id_range;
  std::optional<Date> effective, until;
};

struct CompiledDefault {
  CompiledOutcome outcome;
  std::optional<std::uint32_t> because;
  FileId file = 0;
  std::uint32_t line = 0;
};

class Program {
 public:
  SourceSet sources;
  std::string name, version, source;
  std::vector<FieldDef> fields;
  std::vector<EnumDef> enums;  // enums[0] is the legal levels
  std::vector<LetInfo> lets;  // file order
  std::vector<Value> constants;
  std::deque<std::string> constant_text;  // owns constants' text; deque keeps views valid
  std::vector<Node> nodes;
  /// Where each node is written. Kept apart from `nodes`: only explanations
  /// read it, and the evaluator's nodes stay small.
  std::vector<SourceRange> node_ranges;
  /// The let a node is the value of, so an explanation can name it.
  std::map<std::uint32_t, std::string> node_lets;
  std::vector<std::uint32_t> children;
  std::vector<Template> templates;
  std::vector<CompiledRule> rules;  // file order
  std::vector<CompiledRequire> requires_;  // file order
  std::optional<CompiledDefault> default_;
  std::vector<std::vector<Outcome>> precedences;  // each highest first
  std::optional<std::uint16_t> id_field, name_field, department_field;
  bool dated = false;  ///< some rule or requirement has effective or until

  static constexpr std::uint16_t kLevelEnum = 0;
  const std::string& file_path(FileId id) const { return sources.file(id).path(); }
};

}  // namespace quanze
