#include "format/layout.hpp"

// GCC 12 warns about "literal" + std::string temporaries that it inlines
// into an insert at 0 (GCC bug 105329, a false positive); this file builds
// its lines that way throughout.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <algorithm>

#include "format/words.hpp"

namespace quanze::format {
namespace {

using Kind = ast::Declaration::Kind;
using syntax::Word;

class Layout {
 public:
  Layout(std::string_view source, Dialect dialect) : source_(source), w_(dialect) {
    for (std::size_t at = source.find('\n'); at != std::string_view::npos; at = source.find('\n', at + 1))
      line_breaks_.push_back(static_cast<std::uint32_t>(at));
  }

  Block declaration(const ast::File& f, const ast::Declaration& d) {
    block_ = Block{d.kind, {}};
    switch (d.kind) {
      case Kind::header: header(*f.header); break;
      case Kind::import: {
        const ast::Import& i = f.imports[d.index];
        line(0, w_.kw(Word::import) + " " + Words::quoted(i.path.value), i.range);
        break;
      }
      case Kind::schema: schema(f, f.schemas[d.index]); break;
      case Kind::let: {
        const ast::Let& l = f.lets[d.index];
        line(0, w_.kw(Word::let) + " " + l.name.text + " = " + w_.expression(*l.value), l.range);
        break;
      }
      case Kind::rule: rule(f.rules[d.index]); break;
      case Kind::require: require(f.requires_[d.index]); break;
      case Kind::default_: {
        const ast::Default& x = f.defaults[d.index];
        std::string text = w_.kw(Word::default_) + " " + w_.outcome(x.outcome);
        if (x.because) text += " " + w_.kw(Word::because) + " " + Words::quoted(x.because->value);
        line(0, text, x.range);
        break;
      }
      case Kind::precedence: {
        const ast::Precedence& p = f.precedences[d.index];
        std::string text = w_.kw(Word::precedence);
        for (std::size_t i = 0; i < p.kinds.size(); ++i) text += (i ? " > " : " ") + w_.kind(p.kinds[i]);
        line(0, text, p.range);
        break;
      }
    }
    return std::move(block_);
  }

 private:
  void line(std::size_t indent, const std::string& text, SourceRange from, std::size_t comment_indent) {
    block_.lines.push_back({std::string(indent, ' ') + text, comment_indent, from.begin, from.end});
  }
  void line(std::size_t indent, const std::string& text, SourceRange from) { line(indent, text, from, indent); }

  static SourceRange span(SourceRange a, SourceRange b) { return {a.file, a.begin, b.end}; }

  /// Offset just past the first { or ｛ at or after `from`.
  std::uint32_t past_brace(std::uint32_t from) const {
    std::size_t at = source_.find_first_of("{\xEF", from);
    while (at != std::string_view::npos && source_[at] != '{' && source_.substr(at, 3) != "｛")
      at = source_.find_first_of("{\xEF", at + 1);
    if (at == std::string_view::npos) return from;
    return static_cast<std::uint32_t>(at + (source_[at] == '{' ? 1 : 3));
  }
  /// Where the closing } or ｝ that ends at `end` begins.
  std::uint32_t closing_brace(std::uint32_t end) const {
    return end >= 3 && source_.substr(end - 3, 3) == "｝" ? end - 3 : end - 1;
  }
  std::size_t line_of(std::uint32_t offset) const {
    return static_cast<std::size_t>(std::lower_bound(line_breaks_.begin(), line_breaks_.end(), offset) -
                                    line_breaks_.begin());
  }

  void header(const ast::Header& h) {
    std::string text = w_.kw(Word::policy) + " " + Words::quoted(h.name.value);
    if (h.version) text += " " + w_.kw(Word::version) + " " + Words::quoted(h.version->value);
    if (h.source) text += " " + w_.kw(Word::source) + " " + Words::quoted(h.source->value);
    line(0, text, h.range);
  }

  void schema(const ast::File& f, const ast::Schema& s) {
    std::uint32_t open = past_brace(s.range.begin);
    line(0, w_.kw(Word::schema) + " {", {s.range.file, s.range.begin, open});
    for (std::size_t i = s.first; i < s.first + s.count; ++i) field(f.fields[i]);
    line(0, "}", {s.range.file, closing_brace(s.range.end), s.range.end}, 2);
  }

  // field = "field" IDENT ":" type ["from" STRING] ["default" literal]
  void field(const ast::Field& f) {
    std::string head = w_.kw(Word::field) + " " + f.name.text + ": " + w_.type_name(f.type);
    std::string tail;
    if (f.from) tail += " " + w_.kw(Word::from) + " " + Words::quoted(f.from->value);
    for (const ast::StringLit& alias : f.aliases) tail += " | " + Words::quoted(alias.value);
    if (f.default_value) tail += " " + w_.kw(Word::default_) + " " + w_.literal(*f.default_value);
    const auto& members = f.type.members;
    if (members.empty()) {
      line(2, head + tail, f.range);
      return;
    }
    std::uint32_t close = closing_brace(f.type.range.end);
    if (line_of(past_brace(f.type.range.begin)) == line_of(close)) {
      std::string list;
      for (std::size_t i = 0; i < members.size(); ++i) list += (i ? ", " : "") + Words::member(members[i]);
      line(2, head + " { " + list + " }" + tail, f.range);
      return;
    }
    // Broken in the source: one line per source line of members.
    line(2, head + " {", {f.range.file, f.range.begin, past_brace(f.type.range.begin)});
    for (std::size_t i = 0; i < members.size();) {
      std::size_t j = i;
      std::string text;
      for (; j < members.size() && line_of(members[j].id.range.begin) == line_of(members[i].id.range.begin); ++j)
        text += (j > i ? " " : "") + Words::member(members[j]) + ",";
      const ast::Member& last = members[j - 1];
      line(4, text, span(members[i].id.range, last.label ? last.label->range : last.id.range));
      i = j;
    }
    line(2, "}" + tail, {f.range.file, close, f.range.end}, 4);
  }

  void title(std::string& text, const std::optional<ast::StringLit>& t) {
    if (t) text += " " + Words::quoted(t->value);
  }
  SourceRange head_range(const ast::Name& id, const std::optional<ast::StringLit>& t) {
    return span(id.range, t ? t->range : id.range);
  }

  void explanations(const std::optional<ast::StringLit>& because, const std::vector<ast::StringLit>& cites,
                    const std::optional<ast::StringLit>& effective, const std::optional<ast::StringLit>& until) {
    if (because) line(2, w_.kw(Word::because) + " " + Words::quoted(because->value), because->range);
    for (const ast::StringLit& c : cites) line(2, w_.kw(Word::cite) + " " + Words::quoted(c.value), c.range);
    if (effective) line(2, w_.kw(Word::effective) + " " + Words::quoted(effective->value), effective->range);
    if (until) line(2, w_.kw(Word::until) + " " + Words::quoted(until->value), until->range);
  }

  // rule = ("rule" RULEID [STRING] | "exception" RULEID [STRING] "to" RULEID {"," RULEID}) ":"
  //        "when" expr "then" outcome ["because" STRING] {"cite" STRING} [dates]
  void rule(const ast::Rule& r) {
    std::string head = w_.kw(r.exception ? Word::exception : Word::rule) + " " + r.id.text;
    title(head, r.title);
    SourceRange from = {r.range.file, r.range.begin, head_range(r.id, r.title).end};
    if (!r.exception) {
      line(0, head + ":", from);
    } else {
      line(0, head, from);
      std::string targets;
      for (std::size_t i = 0; i < r.overrides.size(); ++i) targets += (i ? ", " : "") + r.overrides[i].text;
      line(4, w_.kw(Word::overrides_to) + " " + targets + ":", span(r.overrides.front().range, r.overrides.back().range));
    }
    line(2, w_.kw(Word::when) + " " + w_.expression(*r.when), r.when->range);
    line(2, w_.kw(Word::then) + " " + w_.outcome(r.then), r.then.range);
    explanations(r.because, r.cites, r.effective, r.until);
  }

  // require = "require" RULEID [STRING] "for" pattern ":" expr
  //           "else" (outcome | "reject") ["because" STRING] {"cite" STRING} [dates]
  void require(const ast::Require& r) {
    std::string head = w_.kw(Word::require) + " " + r.id.text;
    title(head, r.title);
    line(0, head, {r.range.file, r.range.begin, head_range(r.id, r.title).end});
    line(4, w_.kw(Word::for_) + " " + w_.pattern(r.pattern) + ":", r.pattern.range);
    line(2, w_.expression(*r.condition), r.condition->range);
    line(2, w_.kw(Word::else_) + " " + w_.outcome(r.otherwise), r.otherwise.range);
    explanations(r.because, r.cites, r.effective, r.until);
  }

  std::string_view source_;
  std::vector<std::uint32_t> line_breaks_;  // offsets of every \n, for line_of
  Words w_;
  Block block_;
};

}  // namespace

std::vector<Block> layout(const ast::File& file, std::string_view source, Dialect dialect) {
  Layout l(source, dialect);
  std::vector<Block> out;
  for (const ast::Declaration& d : file.order) out.push_back(l.declaration(file, d));
  return out;
}

}  // namespace quanze::format
