// The formatter's pieces of text: keywords in the chosen dialect, strings
// re-escaped, expressions and outcomes on one line.
#pragma once

#include <string>
#include <string_view>

#include "ast/ast.hpp"
#include "syntax/keywords.hpp"

namespace quanze::format {

class Words {
 public:
  explicit Words(Dialect dialect) : dialect_(dialect) {}

  std::string kw(syntax::Word word) const { return std::string(syntax::spelling(word, dialect_)); }
  /// A string literal as the parser reads it back: "…" with \" \\ \n \t.
  static std::string quoted(std::string_view value);
  std::string literal(const ast::Literal& literal) const;
  std::string expression(const ast::Expr& expr) const;
  std::string outcome(const ast::Outcome& outcome) const;
  std::string pattern(const ast::Pattern& pattern) const;
  std::string mode(ast::Mode mode) const;
  std::string kind(ast::OutcomeKind kind) const;
  /// The type without its members: text, enum ordered, 有序枚举 …
  std::string type_name(const ast::Type& type) const;
  static std::string member(const ast::Member& member);

 private:
  std::string values(std::span<const ast::Literal> list) const;
  std::string operand(const ast::Expr& expr, int context) const;
  Dialect dialect_;
};

}  // namespace quanze::format
