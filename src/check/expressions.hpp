// Name resolution, type checking and compilation of conditions into the
// program's node array.
#pragma once

#include <optional>
#include <vector>

#include "check/context.hpp"

namespace quanze::check {

class ExpressionCompiler {
 public:
  explicit ExpressionCompiler(CheckContext& ctx) : ctx_(ctx) {}

  /// Compiles a condition (`when`, a requirement, a let used as a test).
  /// Returns the node index, or nothing after reporting errors. Fields the
  /// condition reads are added to `reads`.
  std::optional<std::uint32_t> condition(const ast::Expr& expr, std::vector<EvidenceKey>& reads);

  /// Compiles every `let` once, so errors in unused lets are reported too.
  void compile_lets();

 private:
  std::optional<std::uint32_t> test(const ast::Expr& e);
  std::optional<std::uint32_t> junction(const ast::Expr& e, NodeKind kind);
  std::optional<std::uint32_t> compare(const ast::Expr& e);
  /// Reports a set or basis operand, which = and < cannot take.
  bool comparable(const Operand& side, const ast::Expr& expr, const ast::Expr& e);
  std::optional<std::uint32_t> membership(const ast::Expr& e);
  std::optional<std::uint32_t> has(const ast::Expr& e);
  std::optional<std::uint32_t> emptiness(const ast::Expr& e);
  std::optional<std::uint32_t> text_test(const ast::Expr& e, NodeKind kind);

  /// A value: a literal, a field, a let, or a member when `context` is an
  /// enum and the name is one of its members.
  std::optional<Operand> operand(const ast::Expr& e, const ValueType* context);
  std::optional<Operand> reference(const ast::Expr& e, const ValueType* context);
  std::optional<Operand> let_value(LetBinding& binding, const ast::Expr& use);
  std::optional<Operand> member(const ast::Literal& value, ValueType type);
  bool names_value(const ast::Expr& e) const;

  /// `range` is where the test is written, for explaining why it failed.
  std::uint32_t add_node(Node node, SourceRange range);
  std::uint32_t add_constant(Value value);
  std::uint32_t add_text_constant(std::string_view text);

  CheckContext& ctx_;
  std::vector<EvidenceKey>* reads_ = nullptr;
};

}  // namespace quanze::check
