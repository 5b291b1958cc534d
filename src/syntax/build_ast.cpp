#include "syntax/build_ast.hpp"

#include <fmt/format.h>

#include <charconv>

#include "diag/codes.hpp"
#include "syntax/keywords.hpp"

namespace quanze::syntax {
namespace {

using ast::Expr;
using Kind = ast::Expr::Kind;

/// The longest string literal, in bytes between its quotes (QZ1009).
constexpr std::size_t kMaxStringBytes = 64 * 1024;
/// The longest name (field, member, let, rule id), in bytes (QZ1011).
constexpr std::size_t kMaxNameBytes = 1024;

}  // namespace

/// Turns one parse tree into ast::File. Each function takes the node of
/// the construct it is named for; the grammar fixes their children.
class AstBuilder {
 public:
  AstBuilder(const SourceSet& sources, FileId file, Diagnostics& diags, ast::File& out)
      : sources_(sources), file_(file), diags_(diags), out_(out), arena_(*out.arena) {}

  void build(const Node& root, ast::File& out) {
    for (const auto& child : root.children) declaration(*child, out);
  }

  // declaration = header | import | schema | let | rule | require | default | precedence
  void declaration(const Node& n, ast::File& out) {
    using Kind = ast::Declaration::Kind;
    auto next = [&](Kind kind, std::size_t size) { out.order.push_back({kind, size}); };
    if (n.is_type<g::header>()) {
      if (header(n, out)) next(Kind::header, 0);
    } else if (n.is_type<g::import_decl>()) {
      next(Kind::import, out.imports.size());
      out.imports.push_back({string(*n.children[0]), range(n)});
    } else if (n.is_type<g::schema>()) {
      next(Kind::schema, out.schemas.size());
      schema(n, out);
    } else if (n.is_type<g::let_decl>()) {
      next(Kind::let, out.lets.size());
      out.lets.push_back({name(*n.children[0]), expr(*n.children[1]), range(n)});
    } else if (n.is_type<g::rule_decl>() || n.is_type<g::exception_decl>()) {
      next(Kind::rule, out.rules.size());
      out.rules.push_back(rule(n));
    } else if (n.is_type<g::require_decl>()) {
      next(Kind::require, out.requires_.size());
      out.requires_.push_back(require(n));
    } else if (n.is_type<g::default_decl>()) {
      next(Kind::default_, out.defaults.size());
      default_decl(n, out);
    } else if (n.is_type<g::precedence_decl>()) {
      next(Kind::precedence, out.precedences.size());
      precedence(n, out);
    }
    seen_declaration_ = true;
  }

 private:
  // header = "policy" STRING ["version" STRING] ["source" STRING]
  bool header(const Node& n, ast::File& out) {
    if (out.header || seen_declaration_) {
      diags_.error(code::syntax, sources_, range(n),
                   out.header ? "a second policy header in this file; a file has at most one"
                              : "the policy header must come first in its file");
      return false;
    }
    ast::Header h;
    h.range = range(n);
    for (const auto& c : n.children) {
      if (c->is_type<g::policy_name>()) h.name = string(*c);
      else if (c->is_type<g::version_text>()) h.version = string(*c);
      else if (c->is_type<g::source_text>()) h.source = string(*c);
    }
    out.header = std::move(h);
    return true;
  }

  // schema = "schema" "{" {field} "}"
  void schema(const Node& n, ast::File& out) {
    out.schemas.push_back({out.fields.size(), n.children.size(), range(n)});
    for (const auto& f : n.children) out.fields.push_back(field(*f));
  }

  // field = "field" IDENT ":" type ["from" STRING] ["default" literal]
  ast::Field field(const Node& n) {
    ast::Field f;
    f.range = range(n);
    f.name = name(*n.children[0]);
    f.type = type(*n.children[1]);
    for (std::size_t i = 2; i < n.children.size(); ++i) {
      const Node& c = *n.children[i];
      if (c.is_type<g::header_text>()) (f.from ? f.aliases.emplace_back() : f.from.emplace()) = string(c);
      else if (c.is_type<g::default_value>()) f.default_value = literal(*c.children[0]);
    }
    return f;
  }

  ast::Type type(const Node& n) {
    ast::Type t;
    t.range = range(n);
    if (n.is_type<g::type_text>()) t.kind = ast::TypeKind::text;
    else if (n.is_type<g::type_number>()) t.kind = ast::TypeKind::number;
    else if (n.is_type<g::type_bool>()) t.kind = ast::TypeKind::boolean;
    else if (n.is_type<g::type_basis>()) t.kind = ast::TypeKind::basis;
    else t.kind = n.is_type<g::type_set>() ? ast::TypeKind::set : ast::TypeKind::enumeration;
    for (const auto& c : n.children) {
      if (c->is_type<g::enum_ordered>() || c->is_type<g::ordered_enum>()) {
        t.ordered = true;
        continue;
      }
      ast::Member m;  // member = IDENT [STRING]
      m.id = name(*c->children[0]);
      if (c->children.size() > 1) m.label = string(*c->children[1]);
      t.members.push_back(std::move(m));
    }
    return t;
  }

  // rule = ("rule" RULEID [STRING] | "exception" RULEID [STRING] "to" RULEID {"," RULEID}) ":"
  //        "when" expr "then" outcome ["because" STRING] {"cite" STRING}
  ast::Rule rule(const Node& n) {
    ast::Rule r;
    r.range = range(n);
    r.exception = n.is_type<g::exception_decl>();
    for (const auto& c : n.children) {
      if (c->is_type<g::rule_id>()) r.id = name(*c);
      else if (c->is_type<g::title>()) r.title = string(*c);
      else if (c->is_type<g::override_id>()) r.overrides.push_back(name(*c));
      else if (c->is_type<g::when_expr>()) r.when = expr(*c);
      else if (c->is_type<g::then_outcome>()) r.then = outcome(*c);
      else if (c->is_type<g::because_text>()) r.because = string(*c);
      else if (c->is_type<g::cite_text>()) r.cites.push_back(string(*c));
      else if (c->is_type<g::effective_date>()) r.effective = string(*c);
      else if (c->is_type<g::until_date>()) r.until = string(*c);
    }
    return r;
  }

  // require = "require" RULEID [STRING] "for" pattern ":" expr
  //           "else" (outcome | "reject") ["because" STRING] {"cite" STRING}
  ast::Require require(const Node& n) {
    ast::Require r;
    r.range = range(n);
    for (const auto& c : n.children) {
      if (c->is_type<g::rule_id>()) r.id = name(*c);
      else if (c->is_type<g::title>()) r.title = string(*c);
      else if (c->is_type<g::pattern>()) r.pattern = pattern(*c);
      else if (c->is_type<g::condition>()) r.condition = expr(*c);
      else if (c->is_type<g::else_outcome>()) r.otherwise = outcome(*c);
      else if (c->is_type<g::because_text>()) r.because = string(*c);
      else if (c->is_type<g::cite_text>()) r.cites.push_back(string(*c));
      else if (c->is_type<g::effective_date>()) r.effective = string(*c);
      else if (c->is_type<g::until_date>()) r.until = string(*c);
    }
    return r;
  }

  // pattern = kind ["by" mode]
  ast::Pattern pattern(const Node& n) {
    ast::Pattern p;
    p.range = range(n);
    p.kind = outcome_kind(*n.children[0]);
    if (n.children.size() > 1) p.mode = mode(*n.children[1]);
    return p;
  }

  // default = "default" outcome ["because" STRING]
  void default_decl(const Node& n, ast::File& out) {
    ast::Default d;
    d.range = range(n);
    d.outcome = outcome(*n.children[0]);
    if (n.children.size() > 1) d.because = string(*n.children[1]);
    out.defaults.push_back(std::move(d));
  }

  // precedence = "precedence" kind ">" kind {">" kind}
  void precedence(const Node& n, ast::File& out) {
    ast::Precedence p;
    p.range = range(n);
    for (const auto& c : n.children) {
      p.kinds.push_back(outcome_kind(*c->children[0]));
      p.ranges.push_back(range(*c));
    }
    out.precedences.push_back(std::move(p));
  }

  // outcome = "cancel" | "keep" | "filing"
  //         | "delegate" ["to" (STRING | "next" IDENT)] ["by" mode] ["receiver" STRING]
  ast::Outcome outcome(const Node& wrapper) {
    const Node& n = *wrapper.children[0];
    ast::Outcome o;
    o.range = range(n);
    if (n.is_type<g::reject_outcome>()) {
      o.reject = true;
      return o;
    }
    if (!n.is_type<g::delegate_outcome>()) {
      o.kind = outcome_kind(n);
      return o;
    }
    o.kind = ast::OutcomeKind::delegate;
    for (const auto& c : n.children) {
      if (c->is_type<g::target_text>()) o.to_string = string(*c);
      else if (c->is_type<g::next_field>()) o.to_next = name(*c);
      else if (c->is_type<g::receiver_text>()) o.receiver = string(*c);
      else if (!c->is_type<g::kw_delegate>()) {
        o.mode = mode(*c);
        o.mode_range = range(*c);
      }
    }
    return o;
  }

  static ast::OutcomeKind outcome_kind(const Node& n) {
    if (n.is_type<g::kw_cancel>()) return ast::OutcomeKind::cancel;
    if (n.is_type<g::kw_filing>()) return ast::OutcomeKind::filing;
    if (n.is_type<g::kw_delegate>()) return ast::OutcomeKind::delegate;
    return ast::OutcomeKind::keep;
  }

  static ast::Mode mode(const Node& n) {
    if (n.is_type<g::kw_authorization>()) return ast::Mode::authorization;
    if (n.is_type<g::kw_entrustment>()) return ast::Mode::entrustment;
    return ast::Mode::direct;
  }

  // expr = conj {"or" conj};  conj = neg {"and" neg}
  Expr* expr(const Node& n) {
    bool is_or = !n.is_type<g::conj>() && !n.is_type<g::or_operand>();
    if (n.children.size() == 1) return expr_child(*n.children[0]);
    Expr* e = make(is_or ? Kind::or_ : Kind::and_, n);
    std::size_t first = pending_kids_.size();
    for (const auto& c : n.children) pending_kids_.push_back(expr_child(*c));
    e->kids = take_kids(first);
    return e;
  }

  Expr* expr_child(const Node& n) {
    if (n.is_type<g::not_expr>()) {  // neg = "not" neg | test
      Expr* e = make(Kind::not_, n);
      e->kids = kids({expr_child(*n.children[0])});
      return e;
    }
    if (n.is_type<g::test>()) return test(n);
    return expr(n);
  }

  // test = operand [ compare | ["not"] "in" {…} | "has" … | "is" ["not"] "empty"
  //                | "contains" STRING | "starts" "with" STRING | "ends" "with" STRING ]
  Expr* test(const Node& n) {
    Expr* left = operand(*n.children[0]);
    if (n.children.size() == 1) return left;
    const Node& s = *n.children[1];
    Expr* e = make(Kind::compare, n);
    e->op_range = range(s);
    if (s.is_type<g::compare>()) {
      e->op = compare_op(*s.children[0]);
      e->op_range = range(*s.children[0]);
      e->kids = kids({left, operand(*s.children[1])});
      return e;
    }
    e->kids = kids({left});
    std::size_t first = pending_literals_.size();
    if (s.is_type<g::in_op>()) {  // in_test is no node: in_op, value_list follow operand
      e->kind = Kind::in;
      e->negated = !s.children.empty();
      values(*n.children[2]);
    } else if (s.is_type<g::has_test>()) {
      e->kind = Kind::has;
      for (const auto& c : s.children) {
        if (c->is_type<g::has_any>()) e->any = true;
        else if (c->is_type<g::value_list>()) values(*c);
        else if (!c->is_type<g::has_all>()) pending_literals_.push_back(literal(*c));
      }
    } else if (s.is_type<g::empty_test>()) {
      e->kind = Kind::is_empty;
      e->negated = !s.children.empty();
    } else {
      e->kind = s.is_type<g::contains_test>() ? Kind::contains
                : s.is_type<g::starts_test>() ? Kind::starts_with
                                               : Kind::ends_with;
      pending_literals_.push_back(literal(*s.children[0]));
    }
    e->literals = take_literals(first);
    return e;
  }

  static ast::CompareOp compare_op(const Node& n) {
    if (n.is_type<g::op_ne>()) return ast::CompareOp::ne;
    if (n.is_type<g::op_lt>()) return ast::CompareOp::lt;
    if (n.is_type<g::op_le>()) return ast::CompareOp::le;
    if (n.is_type<g::op_gt>()) return ast::CompareOp::gt;
    if (n.is_type<g::op_ge>()) return ast::CompareOp::ge;
    return ast::CompareOp::eq;
  }

  // operand = "(" expr ")" | NUMBER | STRING | "true" | "false" | IDENT ["." IDENT]
  Expr* operand(const Node& n) {
    if (n.is_type<g::nested_expr>()) {
      Expr* e = expr(n);
      e->parenthesized = true;
      return e;
    }
    if (n.is_type<g::ref>()) {
      Expr* e = make(Kind::ref, n);
      std::size_t first = pending_literals_.size();
      pending_literals_.push_back(name_literal(name_text(*n.children[0]), *n.children[0]));
      if (n.children.size() > 1) pending_literals_.push_back(attribute(*n.children[1]));
      e->literals = take_literals(first);
      return e;
    }
    ast::Literal lit = literal(n);
    Kind kind = lit.kind == ast::Literal::Kind::number   ? Kind::number
                : lit.kind == ast::Literal::Kind::string ? Kind::string
                                                         : Kind::boolean;
    Expr* e = make(kind, n);
    e->literals = arena_.copy(std::span<const ast::Literal>(&lit, 1));
    ++out_.literal_count;
    return e;
  }

  // value = IDENT | STRING | NUMBER, in "{" value {"," value} "}"
  void values(const Node& list) {
    for (const auto& c : list.children) pending_literals_.push_back(literal(*c));
  }

  ast::Literal literal(const Node& n) {
    ast::Literal lit;
    lit.range = range(n);
    if (n.is_type<g::number>()) {
      lit.kind = ast::Literal::Kind::number;
      lit.text = ascii_dots(n.string_view());
      std::from_chars(lit.text.data(), lit.text.data() + lit.text.size(), lit.number);
    } else if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
      lit.kind = ast::Literal::Kind::boolean;
      lit.boolean = n.is_type<g::true_lit>();
      lit.text = arena_.copy(n.string_view());
    } else if (n.is_type<g::ident>()) {
      lit.kind = ast::Literal::Kind::ident;
      lit.text = arena_.copy(n.string_view());
    } else {
      lit.kind = ast::Literal::Kind::string;
      lit.text = arena_.copy(string(n).value);
    }
    return lit;
  }

  /// A name in an expression, as an ident literal.
  ast::Literal name_literal(std::string_view text, const Node& n) {
    ast::Literal lit;
    lit.kind = ast::Literal::Kind::ident;
    lit.range = range(n);
    lit.text = text;
    return lit;
  }

  Expr* make(Kind kind, const Node& n) {
    Expr* e = arena_.make<Expr>();
    ++out_.expression_count;
    e->kind = kind;
    e->range = range(n);
    return e;
  }

  std::span<const Expr* const> kids(std::initializer_list<const Expr*> list) {
    return arena_.copy(std::span<const Expr* const>(list.begin(), list.size()));
  }

  /// The kids pushed since `first`, moved into the arena.
  std::span<const Expr* const> take_kids(std::size_t first) {
    auto out = arena_.copy(std::span<const Expr* const>(pending_kids_).subspan(first));
    pending_kids_.resize(first);
    return out;
  }

  /// The literals pushed since `first`, moved into the arena.
  std::span<const ast::Literal> take_literals(std::size_t first) {
    auto out = arena_.copy(std::span<const ast::Literal>(pending_literals_).subspan(first));
    out_.literal_count += out.size();
    pending_literals_.resize(first);
    return out;
  }

  ast::Name name(const Node& n) { return {std::string(name_text(n)), range(n)}; }

  /// A name's text as written, full-width dots made ASCII, in the arena;
  /// reports a name too long.
  std::string_view name_text(const Node& n) {
    std::string_view text = ascii_dots(n.string_view());
    if (text.size() > kMaxNameBytes) {
      // Rule ids go into every record that names the rule; a name this
      // long is a file generated wrongly. At its first character only.
      std::uint32_t first = range(n).begin;
      std::string_view written = n.string_view();
      std::uint32_t one = 1;
      while (one < written.size() && (static_cast<unsigned char>(written[one]) & 0xC0) == 0x80) ++one;
      diags_.error(code::name_too_long, sources_, {file_, first, first + one},
                   fmt::format("this name is {} bytes long; a name holds at most {} bytes", text.size(),
                               kMaxNameBytes));
    }
    return text;
  }

  /// `.最高` is `.highest` and `.条数` is `.count`: the tree is the same
  /// in both dialects.
  ast::Literal attribute(const Node& n) {
    ast::Literal attr = name_literal(name_text(n), n);
    const Keyword* k = find_keyword(attr.text);
    if (k && k->kind == WordKind::attribute) attr.text = k->en;
    return attr;
  }

  /// A full-width ． (typed by a Chinese input method) is the dot it stands for.
  /// In the arena.
  std::string_view ascii_dots(std::string_view text) {
    static constexpr std::string_view kWideDot = "．";
    if (text.find(kWideDot) == std::string_view::npos) return arena_.copy(text);
    char* out = arena_.text_buffer(text.size());
    std::size_t size = 0;
    for (std::size_t at = 0; at < text.size();) {
      bool wide = text.substr(at, kWideDot.size()) == kWideDot;
      out[size++] = wide ? '.' : text[at];
      at += wide ? kWideDot.size() : 1;
    }
    return {out, size};
  }

  /// A string node's text with its escapes decoded; the grammar admits
  /// only \" \\ \n \t. Its quotes are " (one byte) or “…” / ＂…＂ (three).
  ast::StringLit string(const Node& n) {
    std::string_view raw = n.string_view();
    std::size_t quote = raw.front() == '"' ? 1 : 3;
    raw = raw.substr(quote, raw.size() - 2 * quote);
    ast::StringLit s;
    s.range = range(n);
    if (raw.size() > kMaxStringBytes) {
      // Every string is copied into records, derivations, reports and
      // messages, once per item: a megabyte reason would be written a
      // hundred thousand times. Pointed at the opening quote, as the
      // caret under the whole string would be as long as the string.
      diags_.error(code::string_too_long, sources_, {file_, s.range.begin, s.range.begin + static_cast<std::uint32_t>(quote)},
                   fmt::format("this string is {} bytes long; a string in a rule file holds at most {} bytes (64 KiB)",
                               raw.size(), kMaxStringBytes));
      return s;
    }
    s.value.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == '\\' && i + 1 < raw.size()) {
        char e = raw[++i];
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
      s.value += c;
    }
    return s;
  }

  SourceRange range(const Node& n) const {
    return {file_, static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
  }

  const SourceSet& sources_;
  FileId file_;
  Diagnostics& diags_;
  ast::File& out_;  // the file being built, for its counts
  ast::Arena& arena_;
  bool seen_declaration_ = false;
  // Kids and literals of the nodes being built, until each node takes its
  // own into the arena: one vector for the whole file, not one per node.
  std::vector<const Expr*> pending_kids_;
  std::vector<ast::Literal> pending_literals_;
};

void build_ast(const Node& root, const SourceSet& sources, FileId file, Diagnostics& diags,
               ast::File& out) {
  AstBuilder(sources, file, diags, out).build(root, out);
}

DeclarationSink::DeclarationSink(const SourceSet& sources, FileId file, ast::File& out)
    : builder_(std::make_unique<AstBuilder>(sources, file, diags, out)), out_(out) {}
DeclarationSink::~DeclarationSink() = default;

void DeclarationSink::add(const Node& declaration) { builder_->declaration(declaration, out_); }

}  // namespace quanze::syntax
