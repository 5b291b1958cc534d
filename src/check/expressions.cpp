#include "check/expressions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "diag/codes.hpp"
#include "syntax/keywords.hpp"

namespace quanze::check {
namespace {

using Kind = ast::Expr::Kind;

const char* op_text(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::eq: return "=";
    case ast::CompareOp::ne: return "!=";
    case ast::CompareOp::lt: return "<";
    case ast::CompareOp::le: return "<=";
    case ast::CompareOp::gt: return ">";
    case ast::CompareOp::ge: return ">=";
  }
  return "?";
}

bool is_ordering(ast::CompareOp op) { return op != ast::CompareOp::eq && op != ast::CompareOp::ne; }

std::string written(const ast::Expr& e) {
  switch (e.kind) {
    case Kind::ref:
      return e.attr() ? fmt::format("{}.{}", e.name().text, e.attr()->text) : std::string(e.name().text);
    case Kind::number: return std::string(e.literal().text);
    case Kind::string: return fmt::format("\"{}\"", e.literal().text);
    case Kind::boolean: return e.literal().boolean ? "true" : "false";
    default: return "the condition";
  }
}

std::string members_of(const EnumDef& e) {
  std::string out;
  for (std::size_t i = 0; i < e.ids.size(); ++i) {
    if (i) out += ", ";
    out += e.ids[i];
    if (e.labels[i] != e.ids[i]) out += " " + e.labels[i];
  }
  return out;
}

/// A name the checker cannot find may be a keyword run into its
/// neighbours (高风险且敏感): say how to write it apart.
std::string keyword_hint(std::string_view name) {
  std::string split = syntax::split_at_keywords(name, true);
  if (split.empty()) return {};
  return fmt::format("; if {} is meant as a keyword, separate it with spaces: {}",
                     syntax::keywords_in(name, true), split);
}

}  // namespace

std::uint32_t ExpressionCompiler::add_node(Node node, SourceRange range) {
  ctx_.program.nodes.push_back(node);
  ctx_.program.node_ranges.push_back(range);
  return static_cast<std::uint32_t>(ctx_.program.nodes.size() - 1);
}

std::uint32_t ExpressionCompiler::add_constant(Value value) {
  ctx_.program.constants.push_back(value);
  return static_cast<std::uint32_t>(ctx_.program.constants.size() - 1);
}

std::uint32_t ExpressionCompiler::add_text_constant(std::string_view text) {
  ctx_.program.constant_text.emplace_back(text);
  Value v;
  v.present = true;
  v.text = ctx_.program.constant_text.back();
  return add_constant(v);
}

std::optional<std::uint32_t> ExpressionCompiler::condition(const ast::Expr& expr,
                                                           std::vector<EvidenceKey>& reads) {
  std::vector<EvidenceKey>* saved = reads_;
  reads_ = &reads;
  auto node = test(expr);
  reads_ = saved;
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  return node;
}

void ExpressionCompiler::compile_lets() {
  for (const std::string& name : ctx_.let_order) {
    LetBinding& binding = ctx_.lets.at(name);
    if (binding.state == LetBinding::State::unvisited) let_value(binding, *binding.let->value);
  }
}

std::optional<std::uint32_t> ExpressionCompiler::test(const ast::Expr& e) {
  switch (e.kind) {
    case Kind::not_: {
      auto child = test(*e.kids[0]);
      if (!child) return std::nullopt;
      Node n{NodeKind::not_};
      n.list_begin = static_cast<std::uint32_t>(ctx_.program.children.size());
      n.list_count = 1;
      ctx_.program.children.push_back(*child);
      return add_node(n, e.range);
    }
    case Kind::and_: return junction(e, NodeKind::and_);
    case Kind::or_: return junction(e, NodeKind::or_);
    case Kind::compare: return compare(e);
    case Kind::in: return membership(e);
    case Kind::has: return has(e);
    case Kind::is_empty: return emptiness(e);
    case Kind::contains: return text_test(e, NodeKind::contains);
    case Kind::starts_with: return text_test(e, NodeKind::starts);
    case Kind::ends_with: return text_test(e, NodeKind::ends);
    default: break;
  }
  auto value = operand(e, nullptr);
  if (!value) return std::nullopt;
  if (value->type.kind != ValueKind::boolean) {
    ctx_.error(code::not_boolean, e.range,
               fmt::format("a condition must be a test, but {} is {}; compare it, e.g. {} = …",
                           written(e), describe_type(ctx_.program, value->type), written(e)));
    return std::nullopt;
  }
  if (value->source == Operand::Source::test) return value->index;
  Node n{NodeKind::truth};
  n.a = *value;
  return add_node(n, e.range);
}

std::optional<std::uint32_t> ExpressionCompiler::junction(const ast::Expr& e, NodeKind kind) {
  std::vector<std::uint32_t> kids;
  bool ok = true;
  for (const ast::Expr* kid : e.kids) {
    auto node = test(*kid);  // keep going: report errors in every operand
    if (node) kids.push_back(*node);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  Node n{kind};
  n.list_begin = static_cast<std::uint32_t>(ctx_.program.children.size());
  n.list_count = static_cast<std::uint32_t>(kids.size());
  ctx_.program.children.insert(ctx_.program.children.end(), kids.begin(), kids.end());
  return add_node(n, e.range);
}

bool ExpressionCompiler::names_value(const ast::Expr& e) const {
  if (e.kind != Kind::ref) return e.kind != Kind::number && e.kind != Kind::string && e.kind != Kind::boolean;
  if (e.attr()) return true;
  std::string name(e.name().text);
  return ctx_.fields.count(name) || ctx_.lets.count(name);
}

bool ExpressionCompiler::comparable(const Operand& side, const ast::Expr& expr, const ast::Expr& e) {
  if (side.type.kind == ValueKind::set) {
    ctx_.error(code::type_mismatch, e.op_range,
               fmt::format("{} is {}: test it with has (e.g. {} has …), not {}", written(expr),
                           describe_type(ctx_.program, side.type), written(expr), op_text(e.op)));
    return false;
  }
  if (side.type.kind == ValueKind::basis) {
    ctx_.error(code::type_mismatch, e.op_range,
               fmt::format("{} is a legal basis: compare {}.highest or {}.count, or use contains",
                           written(expr), written(expr), written(expr)));
    return false;
  }
  return true;
}

std::optional<std::uint32_t> ExpressionCompiler::compare(const ast::Expr& e) {
  const ast::Expr& left = *e.kids[0];
  const ast::Expr& right = *e.kids[1];
  // The side that names a value fixes the type, so the other side can be a
  // member written bare: `level > township` and `township < level` alike.
  bool right_first = !names_value(left) && names_value(right);
  const ast::Expr& lead = right_first ? right : left;
  const ast::Expr& other = right_first ? left : right;
  auto x = operand(lead, nullptr);
  if (!x || !comparable(*x, lead, e)) return std::nullopt;
  auto y = operand(other, &x->type);
  if (!y || !comparable(*y, other, e)) return std::nullopt;
  const Operand* a = right_first ? &*y : &*x;
  const Operand* b = right_first ? &*x : &*y;
  const Program& p = ctx_.program;
  if (!(a->type == b->type)) {
    ctx_.error(code::type_mismatch, e.op_range,
               fmt::format("cannot compare {} ({}) with {} ({})", written(left),
                           describe_type(p, a->type), written(right), describe_type(p, b->type)));
    return std::nullopt;
  }
  if (is_ordering(e.op)) {
    bool enumeration = a->type.kind == ValueKind::enumeration;
    if (enumeration && !p.enums[a->type.enum_id].ordered) {
      ctx_.error(code::unordered_compare, e.op_range,
                 fmt::format("{} is an enum without order: {} needs `enum ordered`; use = or !=",
                             p.enums[a->type.enum_id].name, op_text(e.op)));
      return std::nullopt;
    }
    if (!enumeration && a->type.kind != ValueKind::number) {
      ctx_.error(code::type_mismatch, e.op_range,
                 fmt::format("{} compares numbers or ordered enums, but {} is {}", op_text(e.op),
                             written(left), describe_type(p, a->type)));
      return std::nullopt;
    }
  }
  Node n{NodeKind::compare};
  n.op = e.op;
  n.a = *a;
  n.b = *b;
  return add_node(n, e.range);
}

std::optional<Operand> ExpressionCompiler::member(const ast::Literal& value, ValueType type) {
  const EnumDef& e = ctx_.program.enums[type.enum_id];
  int m = -1;
  if (value.kind == ast::Literal::Kind::ident || value.kind == ast::Literal::Kind::string)
    m = e.find(value.text);
  if (m < 0) {
    std::string shown = value.kind == ast::Literal::Kind::string ? fmt::format("\"{}\"", value.text)
                                                                  : std::string(value.text);
    ctx_.error(code::unknown_member, value.range,
               fmt::format("{} is not a member of {} (members: {}){}", shown, e.name, members_of(e),
                           value.kind == ast::Literal::Kind::ident ? keyword_hint(value.text) : ""));
    return std::nullopt;
  }
  Value v;
  v.present = true;
  v.bits = static_cast<std::uint64_t>(m);
  return Operand{Operand::Source::constant, type, add_constant(v)};
}

std::optional<std::uint32_t> ExpressionCompiler::membership(const ast::Expr& e) {
  auto a = operand(*e.kids[0], nullptr);
  if (!a) return std::nullopt;
  const Program& p = ctx_.program;
  ValueKind kind = a->type.kind;
  if (kind == ValueKind::set) {
    ctx_.error(code::in_on_set, e.op_range,
               fmt::format("{} is a set: use has (e.g. {} has any {{…}}), not in",
                           written(*e.kids[0]), written(*e.kids[0])));
    return std::nullopt;
  }
  if (kind != ValueKind::enumeration && kind != ValueKind::text && kind != ValueKind::number) {
    ctx_.error(code::type_mismatch, e.op_range,
               fmt::format("in needs text, a number or an enum, but {} is {}", written(*e.kids[0]),
                           describe_type(p, a->type)));
    return std::nullopt;
  }
  std::vector<Value> list;
  bool ok = true;
  for (const ast::Literal& value : e.values()) {
    Value v;
    v.present = true;
    if (kind == ValueKind::enumeration) {
      auto m = member(value, a->type);
      if (m) v = ctx_.program.constants[m->index];
      else ok = false;
    } else if (kind == ValueKind::number && value.kind == ast::Literal::Kind::number) {
      v.number = value.number;
    } else if (kind == ValueKind::text && value.kind == ast::Literal::Kind::string) {
      ctx_.program.constant_text.emplace_back(value.text);
      v.text = ctx_.program.constant_text.back();
    } else {
      ctx_.error(code::type_mismatch, value.range,
                 fmt::format("{} is {}, so each value in {{…}} must be {}", written(*e.kids[0]),
                             describe_type(p, a->type),
                             kind == ValueKind::number ? "a number" : "a quoted string"));
      ok = false;
    }
    list.push_back(v);
  }
  if (!ok) return std::nullopt;
  Node n{NodeKind::in};
  n.negated = e.negated;
  n.a = *a;
  n.list_begin = static_cast<std::uint32_t>(ctx_.program.constants.size());
  n.list_count = static_cast<std::uint32_t>(list.size());
  ctx_.program.constants.insert(ctx_.program.constants.end(), list.begin(), list.end());
  return add_node(n, e.range);
}

std::optional<std::uint32_t> ExpressionCompiler::has(const ast::Expr& e) {
  auto a = operand(*e.kids[0], nullptr);
  if (!a) return std::nullopt;
  if (a->type.kind != ValueKind::set) {
    ctx_.error(code::has_not_set, e.op_range,
               fmt::format("has tests a set, but {} is {}{}", written(*e.kids[0]),
                           describe_type(ctx_.program, a->type),
                           a->type.kind == ValueKind::enumeration ? "; use = or in" : ""));
    return std::nullopt;
  }
  Node n{e.any ? NodeKind::has_any : NodeKind::has_all};
  n.a = *a;
  bool ok = true;
  for (const ast::Literal& value : e.values()) {
    auto m = member(value, a->type);
    if (m) n.mask |= std::uint64_t{1} << ctx_.program.constants[m->index].bits;
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return add_node(n, e.range);
}

std::optional<std::uint32_t> ExpressionCompiler::emptiness(const ast::Expr& e) {
  auto a = operand(*e.kids[0], nullptr);
  if (!a) return std::nullopt;
  if (a->source == Operand::Source::constant || a->source == Operand::Source::test) {
    ctx_.error(code::empty_test_type, e.op_range,
               fmt::format("is empty tests a field, but {} is not one", written(*e.kids[0])));
    return std::nullopt;
  }
  Node n{NodeKind::is_empty};
  n.negated = e.negated;
  n.a = *a;
  return add_node(n, e.range);
}

std::optional<std::uint32_t> ExpressionCompiler::text_test(const ast::Expr& e, NodeKind kind) {
  auto a = operand(*e.kids[0], nullptr);
  if (!a) return std::nullopt;
  bool fits = a->type.kind == ValueKind::text ||
              (kind == NodeKind::contains && a->type.kind == ValueKind::basis);
  if (!fits) {
    const char* op = kind == NodeKind::contains ? "contains" : kind == NodeKind::starts ? "starts with" : "ends with";
    ctx_.error(code::text_test_type, e.op_range,
               fmt::format("{} tests text{}, but {} is {}", op,
                           kind == NodeKind::contains ? " or a legal basis" : "", written(*e.kids[0]),
                           describe_type(ctx_.program, a->type)));
    return std::nullopt;
  }
  Node n{kind};
  n.a = *a;
  n.list_begin = add_text_constant(e.literal().text);
  n.list_count = 1;
  return add_node(n, e.range);
}

std::optional<Operand> ExpressionCompiler::operand(const ast::Expr& e, const ValueType* context) {
  Value v;
  v.present = true;
  switch (e.kind) {
    case Kind::number:
      v.number = e.literal().number;
      return Operand{Operand::Source::constant, {ValueKind::number}, add_constant(v)};
    case Kind::string:
      if (context && context->kind == ValueKind::enumeration) return member(e.literal(), *context);
      return Operand{Operand::Source::constant, {ValueKind::text}, add_text_constant(e.literal().text)};
    case Kind::boolean:
      v.bits = e.literal().boolean;
      return Operand{Operand::Source::constant, {ValueKind::boolean}, add_constant(v)};
    case Kind::ref:
      return reference(e, context);
    default: {
      auto node = test(e);
      if (!node) return std::nullopt;
      return Operand{Operand::Source::test, {ValueKind::boolean}, *node};
    }
  }
}

std::optional<Operand> ExpressionCompiler::reference(const ast::Expr& e, const ValueType* context) {
  const std::string name(e.name().text);
  const ast::Literal* attr = e.attr();
  const Program& p = ctx_.program;
  bool enum_context = context && context->kind == ValueKind::enumeration;
  // A ref's name is an ident literal: as a member, it is the literal.
  if (!attr && enum_context && p.enums[context->enum_id].find(name) >= 0) return member(e.name(), *context);
  if (auto it = ctx_.fields.find(name); it != ctx_.fields.end()) {
    ctx_.program.fields[it->second].used = true;
    const FieldDef& field = p.fields[it->second];
    if (!attr) {
      if (reads_) reads_->push_back({it->second});
      return Operand{Operand::Source::field, field.type, it->second};
    }
    if (field.type.kind == ValueKind::basis && (attr->text == "highest" || attr->text == "count")) {
      bool highest = attr->text == "highest";
      if (reads_)
        reads_->push_back({it->second, highest ? EvidenceKey::Attr::highest : EvidenceKey::Attr::count});
      if (highest)
        return Operand{Operand::Source::highest, {ValueKind::enumeration, Program::kLevelEnum}, it->second};
      return Operand{Operand::Source::count, {ValueKind::number}, it->second};
    }
    ctx_.error(code::unknown_attribute, attr->range,
               field.type.kind == ValueKind::basis
                   ? fmt::format("a legal basis has .highest and .count, not .{}", attr->text)
                   : fmt::format("{} is {} and has no attributes; only a basis has .highest and .count",
                                 name, describe_type(p, field.type)));
    return std::nullopt;
  }
  if (auto it = ctx_.lets.find(name); it != ctx_.lets.end()) {
    if (attr) {
      ctx_.error(code::unknown_attribute, attr->range,
                 fmt::format("{} is a let and has no attribute .{}", name, attr->text));
      return std::nullopt;
    }
    it->second.used = true;
    return let_value(it->second, e);
  }
  if (enum_context) {
    const EnumDef& en = p.enums[context->enum_id];
    ctx_.error(code::unknown_member, e.name().range,
               fmt::format("{} is not a member of {} (members: {}), nor a field{}", name, en.name,
                           members_of(en), keyword_hint(name)));
  } else {
    bool text_context = context && context->kind == ValueKind::text;
    ctx_.error(code::unknown_field, e.name().range,
               fmt::format("unknown name {}: no field or let is called that{}{}", name,
                           text_context ? fmt::format("; write \"{}\" for text", name) : "", keyword_hint(name)));
  }
  return std::nullopt;
}

std::optional<Operand> ExpressionCompiler::let_value(LetBinding& binding, const ast::Expr& use) {
  using State = LetBinding::State;
  if (binding.state == State::visiting) {
    ctx_.error(code::let_cycle, use.range,
               fmt::format("let {} is defined in terms of itself", binding.let->name.text));
    binding.state = State::failed;
    return std::nullopt;
  }
  if (binding.state == State::unvisited) {
    binding.state = State::visiting;
    std::vector<EvidenceKey>* saved = reads_;
    reads_ = &binding.reads;
    auto value = operand(*binding.let->value, nullptr);
    reads_ = saved;
    if (binding.state == State::visiting) binding.state = value ? State::done : State::failed;
    if (value) binding.value = *value;
    if (value && value->source == Operand::Source::test)
      ctx_.program.node_lets.emplace(value->index, binding.let->name.text);
  }
  if (binding.state != State::done) return std::nullopt;
  if (reads_) reads_->insert(reads_->end(), binding.reads.begin(), binding.reads.end());
  return binding.value;
}

}  // namespace quanze::check
