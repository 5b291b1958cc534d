#include "ast/dump.hpp"

#include <fmt/format.h>

namespace quanze::ast {
namespace {

const char* op_text(CompareOp op) {
  switch (op) {
    case CompareOp::eq: return "=";
    case CompareOp::ne: return "!=";
    case CompareOp::lt: return "<";
    case CompareOp::le: return "<=";
    case CompareOp::gt: return ">";
    case CompareOp::ge: return ">=";
  }
  return "?";
}

const char* kind_text(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::cancel: return "cancel";
    case OutcomeKind::keep: return "keep";
    case OutcomeKind::filing: return "filing";
    case OutcomeKind::delegate: return "delegate";
  }
  return "?";
}

const char* mode_text(Mode m) {
  switch (m) {
    case Mode::authorization: return "authorization";
    case Mode::entrustment: return "entrustment";
    case Mode::direct: return "direct";
  }
  return "?";
}

std::string quoted(std::string_view s) { return fmt::format("\"{}\"", s); }

std::string aliases(const Field& f) {
  std::string out;
  for (const StringLit& alias : f.aliases) out += " | " + quoted(alias.value);
  return out;
}

std::string literal(const Literal& l) {
  switch (l.kind) {
    case Literal::Kind::string: return quoted(l.text);
    case Literal::Kind::boolean: return l.boolean ? "true" : "false";
    default: return std::string(l.text);
  }
}

std::string values(std::span<const Literal> list) {
  std::string out = "{";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? " " : "") + literal(list[i]);
  return out + "}";
}

std::string outcome(const Outcome& o) {
  if (o.reject) return "reject";
  std::string out = kind_text(o.kind);
  if (o.to_string) out += " to " + quoted(o.to_string->value);
  if (o.to_next) out += " to next " + o.to_next->text;
  if (o.mode) out += std::string(" by ") + mode_text(*o.mode);
  if (o.receiver) out += " receiver " + quoted(o.receiver->value);
  return out;
}

std::string texts(const std::optional<StringLit>& because, const std::vector<StringLit>& cites) {
  std::string out;
  if (because) out += " because " + quoted(because->value);
  for (const StringLit& c : cites) out += " cite " + quoted(c.value);
  return out;
}

std::string window(const std::optional<StringLit>& effective, const std::optional<StringLit>& until) {
  std::string out;
  if (effective) out += " effective " + quoted(effective->value);
  if (until) out += " until " + quoted(until->value);
  return out;
}

std::string type(const Type& t) {
  switch (t.kind) {
    case TypeKind::text: return "text";
    case TypeKind::number: return "number";
    case TypeKind::boolean: return "bool";
    case TypeKind::basis: return "basis";
    default: break;
  }
  std::string out = t.kind == TypeKind::set ? "set {" : t.ordered ? "enum ordered {" : "enum {";
  for (std::size_t i = 0; i < t.members.size(); ++i) {
    out += (i ? ", " : "") + t.members[i].id.text;
    if (t.members[i].label) out += " " + quoted(t.members[i].label->value);
  }
  return out + "}";
}

std::string title(const std::optional<StringLit>& t) { return t ? " " + quoted(t->value) : ""; }

}  // namespace

std::string dump(const Expr& e) {
  auto kid = [&](std::size_t i) { return dump(*e.kids[i]); };
  switch (e.kind) {
    case Expr::Kind::number: return std::string(e.literal().text);
    case Expr::Kind::string: return quoted(e.literal().text);
    case Expr::Kind::boolean: return e.literal().boolean ? "true" : "false";
    case Expr::Kind::ref:
      return e.attr() ? fmt::format("{}.{}", e.name().text, e.attr()->text) : std::string(e.name().text);
    case Expr::Kind::not_: return "(not " + kid(0) + ")";
    case Expr::Kind::and_:
    case Expr::Kind::or_: {
      std::string out = e.kind == Expr::Kind::and_ ? "(and" : "(or";
      for (std::size_t i = 0; i < e.kids.size(); ++i) out += " " + kid(i);
      return out + ")";
    }
    case Expr::Kind::compare: return fmt::format("({} {} {})", op_text(e.op), kid(0), kid(1));
    case Expr::Kind::in: return fmt::format("({} {} {})", e.negated ? "not-in" : "in", kid(0), values(e.values()));
    case Expr::Kind::has:
      return fmt::format("({} {} {})", e.any ? "has-any" : "has-all", kid(0), values(e.values()));
    case Expr::Kind::is_empty: return fmt::format("({} {})", e.negated ? "is-not-empty" : "is-empty", kid(0));
    case Expr::Kind::contains: return fmt::format("(contains {} {})", kid(0), quoted(e.literal().text));
    case Expr::Kind::starts_with: return fmt::format("(starts-with {} {})", kid(0), quoted(e.literal().text));
    case Expr::Kind::ends_with: return fmt::format("(ends-with {} {})", kid(0), quoted(e.literal().text));
  }
  return "?";
}

std::string dump(const File& f) {
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\n"; };
  if (f.header) {
    line("policy " + quoted(f.header->name.value) +
         (f.header->version ? " version " + quoted(f.header->version->value) : "") +
         (f.header->source ? " source " + quoted(f.header->source->value) : ""));
  }
  for (const Import& i : f.imports) line("import " + quoted(i.path.value));
  for (const Field& fd : f.fields) {
    line("field " + fd.name.text + ": " + type(fd.type) + (fd.from ? " from " + quoted(fd.from->value) : "") + aliases(fd) +
         (fd.default_value ? " default " + literal(*fd.default_value) : ""));
  }
  for (const Let& l : f.lets) line("let " + l.name.text + " = " + dump(*l.value));
  for (const Rule& r : f.rules) {
    std::string head = (r.exception ? "exception " : "rule ") + r.id.text + title(r.title);
    if (r.exception) {
      head += " to";
      for (std::size_t i = 0; i < r.overrides.size(); ++i) head += (i ? ", " : " ") + r.overrides[i].text;
    }
    line(head + ": when " + dump(*r.when) + " then " + outcome(r.then) + texts(r.because, r.cites) +
         window(r.effective, r.until));
  }
  for (const Require& r : f.requires_) {
    std::string pattern = kind_text(r.pattern.kind);
    if (r.pattern.mode) pattern += std::string(" by ") + mode_text(*r.pattern.mode);
    line("require " + r.id.text + title(r.title) + " for " + pattern + ": " + dump(*r.condition) + " else " +
         outcome(r.otherwise) + texts(r.because, r.cites) + window(r.effective, r.until));
  }
  for (const Default& d : f.defaults) line("default " + outcome(d.outcome) + texts(d.because, {}));
  for (const Precedence& p : f.precedences) {
    std::string kinds;
    for (std::size_t i = 0; i < p.kinds.size(); ++i) kinds += (i ? " > " : "") + std::string(kind_text(p.kinds[i]));
    line("precedence " + kinds);
  }
  return out;
}

}  // namespace quanze::ast
