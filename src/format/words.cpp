#include "format/words.hpp"

// GCC 12 warns about "literal" + std::string temporaries that it inlines
// into an insert at 0 (GCC bug 105329, a false positive); this file builds
// its lines that way throughout.
#pragma GCC diagnostic ignored "-Wrestrict"

namespace quanze::format {
namespace {

using Kind = ast::Expr::Kind;
using syntax::Word;

/// How tightly an expression binds: or < and < not < a test or a value.
int binding(const ast::Expr& e) {
  switch (e.kind) {
    case Kind::or_: return 1;
    case Kind::and_: return 2;
    case Kind::not_: return 3;
    default: return 4;
  }
}

const char* op_text(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::eq: return "=";
    case ast::CompareOp::ne: return "!=";
    case ast::CompareOp::lt: return "<";
    case ast::CompareOp::le: return "<=";
    case ast::CompareOp::gt: return ">";
    case ast::CompareOp::ge: return ">=";
  }
  return "=";
}

}  // namespace

std::string Words::quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string Words::literal(const ast::Literal& l) const {
  switch (l.kind) {
    case ast::Literal::Kind::string: return quoted(l.text);
    case ast::Literal::Kind::boolean: return kw(l.boolean ? Word::true_ : Word::false_);
    default: return std::string(l.text);  // a number as written, or a member's name
  }
}

std::string Words::values(std::span<const ast::Literal> list) const {
  std::string out = "{ ";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + literal(list[i]);
  return out + " }";
}

/// An operand inside an expression that binds at `context`: in
/// parentheses when the source had them, or when it binds more loosely.
std::string Words::operand(const ast::Expr& e, int context) const {
  std::string text = expression(e);
  if (!e.parenthesized && binding(e) < context) return "(" + text + ")";
  return text;
}

std::string Words::expression(const ast::Expr& e) const {
  std::string out;
  auto kid = [&](std::size_t i, int context) { return operand(*e.kids[i], context); };
  switch (e.kind) {
    case Kind::number: out = e.literal().text; break;
    case Kind::string: out = quoted(e.literal().text); break;
    case Kind::boolean: out = kw(e.literal().boolean ? Word::true_ : Word::false_); break;
    case Kind::ref: {
      out = e.name().text;
      if (e.attr()) {
        const syntax::Keyword* k = syntax::find_keyword(e.attr()->text);
        bool attribute = k && k->kind == syntax::WordKind::attribute;
        out += "." + (attribute ? kw(k->word) : std::string(e.attr()->text));
      }
      break;
    }
    case Kind::not_: out = kw(Word::not_) + " " + kid(0, 3); break;
    case Kind::and_:
    case Kind::or_: {
      int self = binding(e);
      std::string joint = " " + kw(e.kind == Kind::and_ ? Word::and_ : Word::or_) + " ";
      for (std::size_t i = 0; i < e.kids.size(); ++i) out += (i ? joint : "") + kid(i, self + 1);
      break;
    }
    case Kind::compare: out = kid(0, 4) + " " + op_text(e.op) + " " + kid(1, 4); break;
    case Kind::in: out = kid(0, 4) + " " + kw(e.negated ? Word::not_in : Word::in) + " " + values(e.values()); break;
    case Kind::has:
      out = kid(0, 4) + " " + kw(Word::has) + " ";
      if (e.any) out += kw(Word::any) + " " + (e.values().size() == 1 ? literal(e.values()[0]) : values(e.values()));
      else out += e.values().size() == 1 ? literal(e.values()[0]) : kw(Word::all) + " " + values(e.values());
      break;
    case Kind::is_empty: out = kid(0, 4) + " " + kw(e.negated ? Word::is_not_empty : Word::is_empty); break;
    case Kind::contains: out = kid(0, 4) + " " + kw(Word::contains) + " " + quoted(e.literal().text); break;
    case Kind::starts_with: out = kid(0, 4) + " " + kw(Word::starts_with) + " " + quoted(e.literal().text); break;
    case Kind::ends_with: out = kid(0, 4) + " " + kw(Word::ends_with) + " " + quoted(e.literal().text); break;
  }
  return e.parenthesized ? "(" + out + ")" : out;
}

std::string Words::kind(ast::OutcomeKind k) const {
  switch (k) {
    case ast::OutcomeKind::cancel: return kw(Word::cancel);
    case ast::OutcomeKind::keep: return kw(Word::keep);
    case ast::OutcomeKind::filing: return kw(Word::filing);
    case ast::OutcomeKind::delegate: return kw(Word::delegate);
  }
  return kw(Word::keep);
}

std::string Words::mode(ast::Mode m) const {
  switch (m) {
    case ast::Mode::authorization: return kw(Word::authorization);
    case ast::Mode::entrustment: return kw(Word::entrustment);
    case ast::Mode::direct: return kw(Word::direct);
  }
  return kw(Word::direct);
}

std::string Words::outcome(const ast::Outcome& o) const {
  if (o.reject) return kw(Word::reject);
  std::string out = kind(o.kind);
  if (o.to_string) out += " " + kw(Word::target_to) + " " + quoted(o.to_string->value);
  if (o.to_next) out += " " + kw(Word::target_to) + " " + kw(Word::next) + " " + o.to_next->text;
  if (o.mode) out += " " + kw(Word::by) + " " + mode(*o.mode);
  if (o.receiver) out += " " + kw(Word::receiver) + " " + quoted(o.receiver->value);
  return out;
}

std::string Words::pattern(const ast::Pattern& p) const {
  std::string out = kind(p.kind);
  if (p.mode) out += " " + kw(Word::by) + " " + mode(*p.mode);
  return out;
}

std::string Words::type_name(const ast::Type& t) const {
  switch (t.kind) {
    case ast::TypeKind::text: return kw(Word::text);
    case ast::TypeKind::number: return kw(Word::number);
    case ast::TypeKind::boolean: return kw(Word::boolean);
    case ast::TypeKind::basis: return kw(Word::basis);
    case ast::TypeKind::set: return kw(Word::set);
    case ast::TypeKind::enumeration: return kw(t.ordered ? Word::ordered_enumeration : Word::enumeration);
  }
  return kw(Word::text);
}

std::string Words::member(const ast::Member& m) {
  return m.label ? m.id.text + " " + quoted(m.label->value) : m.id.text;
}

}  // namespace quanze::format
