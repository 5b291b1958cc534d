// The typed syntax tree of a rule file, as the parser builds it. Nothing here
// is resolved: names are strings and every node keeps its source range, so
// the checker can point back at the text.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ast/arena.hpp"
#include "quanze/dialect.hpp"
#include "quanze/source.hpp"

namespace quanze::ast {

/// A string literal: `value` has escapes decoded; `range` covers the quotes,
/// so `{field}` placeholders can be located in the raw text.
struct StringLit {
  std::string value;
  SourceRange range;
};

/// An identifier or a dotted rule id, as written (a full-width ． in a rule
/// id becomes .; the attributes 最高 and 条数 become highest and count).
struct Name {
  std::string text;
  SourceRange range;
};

/// `member = IDENT [STRING]`
struct Member {
  Name id;
  std::optional<StringLit> label;
};

enum class TypeKind { text, number, boolean, basis, enumeration, set };

struct Type {
  TypeKind kind = TypeKind::text;
  bool ordered = false;         // enum ordered
  std::vector<Member> members;  // enum and set, lowest first
  SourceRange range;
};

/// `literal = STRING | NUMBER | "true" | "false"`; also `value` in `in {…}`
/// and `has {…}`, where an IDENT names a member, and the name of a ref.
/// Literals are many (a 10,000-rule file has ~100,000): `text` lives in
/// the file's arena, so a literal is small and needs no destructor.
struct Literal {
  enum class Kind : std::uint8_t { string, number, boolean, ident } kind = Kind::string;
  bool boolean = false;
  SourceRange range;
  double number = 0;
  std::string_view text;  // string value, identifier, or the number as written
};

struct Field {
  Name name;
  Type type;
  std::optional<StringLit> from;  // no `from`: the header is the field's name
  std::vector<StringLit> aliases;  // `from "A" | "B"`: the other headers of the column
  std::optional<Literal> default_value;
  SourceRange range;
};

enum class CompareOp { eq, ne, lt, le, gt, ge };

/// One expression node, in its file's arena (File::arena), as are its kids
/// and literals: nodes are the bulk of a large file's tree, so a node is
/// 64 bytes, with what only some kinds use behind the two spans. `kind`
/// says which members are meaningful; read the literals through the
/// accessors, which say which kind holds what.
struct Expr {
  enum class Kind : std::uint8_t {
    number,       // literal().number
    string,       // literal().text
    boolean,      // literal().boolean
    ref,          // name()[.attr()]: a field, a let, or (by context) a member
    not_,         // kids[0]
    and_,         // kids (two or more)
    or_,          // kids (two or more)
    compare,      // kids[0] op kids[1]
    in,           // kids[0] [not] in {values()}; negated = "not in"
    has,          // kids[0] has [any|all] values(); all = !any
    is_empty,     // kids[0] is [not] empty; negated = "is not empty"
    contains,     // kids[0] contains literal().text
    starts_with,  // kids[0] starts with literal().text
    ends_with,    // kids[0] ends with literal().text
  } kind = Kind::boolean;
  bool negated = false;        // not in / is not empty
  bool any = false;            // has any
  bool parenthesized = false;  // written in ( … ): kept by the formatter, meaningless otherwise
  CompareOp op = CompareOp::eq;
  SourceRange range;     // the whole expression
  SourceRange op_range;  // the operator token (compare, in, has, …)
  std::span<const Expr* const> kids;
  /// number, string, boolean, contains, starts_with, ends_with: the one
  /// literal; ref: the name, then `.attr` if written (both ident); in, has:
  /// the values.
  std::span<const Literal> literals;

  const Literal& literal() const { return literals[0]; }
  const Literal& name() const { return literals[0]; }
  /// A ref's `.attr`, or null.
  const Literal* attr() const { return literals.size() > 1 ? &literals[1] : nullptr; }
  std::span<const Literal> values() const { return literals; }
};
static_assert(sizeof(Expr) <= 64, "an expression node fits a cache line");

enum class OutcomeKind { cancel, keep, filing, delegate };
enum class Mode { authorization, entrustment, direct };

/// `outcome`, or `reject` where a requirement's `else` allows it.
struct Outcome {
  bool reject = false;
  OutcomeKind kind = OutcomeKind::keep;
  std::optional<StringLit> to_string;  // delegate to "…"
  std::optional<Name> to_next;         // delegate to next FIELD
  std::optional<Mode> mode;
  SourceRange mode_range;
  std::optional<StringLit> receiver;
  SourceRange range;
};

/// `rule` or `exception … to …`.
struct Rule {
  Name id;
  std::optional<StringLit> title;
  bool exception = false;
  std::vector<Name> overrides;  // the ids after `to`
  const Expr* when = nullptr;  // in File::arena
  Outcome then;
  std::optional<StringLit> because;
  std::vector<StringLit> cites;
  std::optional<StringLit> effective;  // first day in force, "YYYY-MM-DD"
  std::optional<StringLit> until;      // last day in force
  SourceRange range;  // from the keyword to the end of the last clause
};

/// `pattern = kind ["by" mode]`
struct Pattern {
  OutcomeKind kind = OutcomeKind::keep;
  std::optional<Mode> mode;
  SourceRange range;
};

struct Require {
  Name id;
  std::optional<StringLit> title;
  Pattern pattern;
  const Expr* condition = nullptr;
  Outcome otherwise;  // may be reject
  std::optional<StringLit> because;
  std::vector<StringLit> cites;
  std::optional<StringLit> effective;
  std::optional<StringLit> until;
  SourceRange range;
};

struct Let {
  Name name;
  const Expr* value = nullptr;
  SourceRange range;
};

struct Default {
  Outcome outcome;
  std::optional<StringLit> because;
  SourceRange range;
};

struct Precedence {
  std::vector<OutcomeKind> kinds;  // highest first
  std::vector<SourceRange> ranges;
  SourceRange range;
};

struct Import {
  StringLit path;
  SourceRange range;
};

struct Header {
  StringLit name;
  std::optional<StringLit> version;
  std::optional<StringLit> source;
  SourceRange range;
};

/// One `schema { … }` block: its fields are File::fields[first, first + count).
struct Schema {
  std::size_t first = 0;
  std::size_t count = 0;
  SourceRange range;
};

/// A `#` comment: `range` covers it from # to the end of its line.
struct Comment {
  std::string text;  // as written, from #, without the line break
  SourceRange range;
  bool own_line = false;  // nothing but spaces before it on its line
};

/// Which declaration comes next in the file, for tools that rewrite it.
struct Declaration {
  enum class Kind { header, import, schema, let, rule, require, default_, precedence } kind = Kind::rule;
  std::size_t index = 0;  // into the list of that kind (File::schemas for a schema)
};

/// One parsed rule file. Declarations keep their file order within each list;
/// `order` records the interleaving (the formatter writes the file back in
/// it), `comments` every comment, so nothing the author wrote is lost.
struct File {
  /// Holds the expressions and the literals' text; behind a pointer, so
  /// that moving the file leaves what points into it valid.
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  /// How many expression nodes and literals the arena holds: the checker
  /// sizes the program's arrays by them.
  std::size_t expression_count = 0;
  std::size_t literal_count = 0;
  FileId id = 0;
  bool root = false;  // named by the user, not imported
  std::optional<Header> header;
  std::vector<Import> imports;
  std::vector<Field> fields;  // all `schema` blocks, flattened
  std::vector<Let> lets;
  /// A deque: read a rule at a time, 10,000 rules in a vector grown by
  /// doubling would be moved again and again, touching twice their memory.
  std::deque<Rule> rules;
  std::vector<Require> requires_;
  std::vector<Default> defaults;
  std::vector<Precedence> precedences;
  std::vector<Schema> schemas;
  std::vector<Declaration> order;
  std::vector<Comment> comments;
  /// The dialect most of the file's keywords are written in (English on a tie).
  Dialect dialect = Dialect::en;
  /// False when the file reads only as the core language, with Chinese
  /// keywords as ordinary names (a field called 来源): it cannot be written
  /// with Chinese keywords until those names change.
  bool chinese_keywords = true;
  /// The first word spelled like a reserved Chinese keyword, outside
  /// strings and comments, and not after a dot: when `chinese_keywords` is
  /// false, a name.
  std::optional<SourceRange> first_chinese_word;
};

}  // namespace quanze::ast
