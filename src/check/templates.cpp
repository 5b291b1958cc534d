#include "check/templates.hpp"

#include <fmt/format.h>

#include "diag/codes.hpp"
#include "syntax/keywords.hpp"

namespace quanze::check {
namespace {

// Walks the raw text between the quotes, decoding escapes as the parser
// did, so byte offsets into the file stay known for every hole.
class TemplateScanner {
 public:
  TemplateScanner(const ast::StringLit& lit, CheckContext& ctx, std::vector<EvidenceKey>* reads)
      : lit_(lit), ctx_(ctx), reads_(reads),
        raw_(ctx.sources().file(lit.range.file).text()) {}

  std::optional<Template> scan() {
    // The quotes are " or “…” / ＂…＂ (three bytes each).
    std::uint32_t quote = raw_[lit_.range.begin] == '"' ? 1 : 3;
    std::uint32_t i = lit_.range.begin + quote, end = lit_.range.end - quote;
    while (i < end) {
      char c = raw_[i];
      if (c == '\\' && i + 1 < end) {
        char e = raw_[i + 1];
        literal_ += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        i += 2;
      } else if ((c == '{' || c == '}') && i + 1 < end && raw_[i + 1] == c) {
        literal_ += c;
        i += 2;
      } else if (c == '{') {
        i = hole(i, end);
      } else if (c == '}') {
        fail(i, i + 1, code::bad_interpolation, "a lone } in a string; write }} for a literal brace");
        ++i;
      } else {
        literal_ += c;
        ++i;
      }
    }
    flush();
    if (!ok_) return std::nullopt;
    return std::move(out_);
  }

 private:
  std::uint32_t hole(std::uint32_t open, std::uint32_t end) {
    std::uint32_t close = open + 1;
    while (close < end && raw_[close] != '}' && raw_[close] != '{' && raw_[close] != '"') ++close;
    if (close >= end || raw_[close] != '}') {
      fail(open, open + 1, code::bad_interpolation, "{ opens a field reference that is not closed by }; write {{ for a literal brace");
      return close;
    }
    std::string name(raw_.substr(open + 1, close - open - 1));
    resolve(name, SourceRange{lit_.range.file, open + 1, close});
    return close + 1;
  }

  void resolve(const std::string& name, SourceRange range) {
    std::string field = name, attr;
    if (auto dot = name.find('.'); dot != std::string::npos) {
      field = name.substr(0, dot);
      attr = name.substr(dot + 1);
      const syntax::Keyword* k = syntax::find_keyword(attr);  // {依据.最高} is {依据.highest}
      if (k && k->kind == syntax::WordKind::attribute) attr = std::string(k->en);
    }
    auto it = ctx_.fields.find(field);
    if (it == ctx_.fields.end()) {
      fail(range, code::unknown_field, ctx_.lets.count(field)
                      ? fmt::format("{{{}}} names a let; only fields can be shown in a string", field)
                      : fmt::format("unknown field {} in {{…}}", field.empty() ? "(empty)" : field));
      return;
    }
    ctx_.program.fields[it->second].used = true;
    Template::Piece piece;
    piece.field = it->second;
    EvidenceKey key{it->second};
    const FieldDef& def = ctx_.program.fields[it->second];
    if (!attr.empty()) {
      if (def.type.kind != ValueKind::basis || (attr != "highest" && attr != "count")) {
        fail(range, code::unknown_attribute, fmt::format("{} has no attribute .{}; only a basis has .highest and .count",
                                field, attr));
        return;
      }
      piece.kind = attr == "highest" ? Template::Piece::Kind::highest : Template::Piece::Kind::count;
      key.attr = attr == "highest" ? EvidenceKey::Attr::highest : EvidenceKey::Attr::count;
    } else {
      piece.kind = Template::Piece::Kind::field;
    }
    flush();
    out_.pieces.push_back(std::move(piece));
    if (reads_) reads_->push_back(key);
  }

  void flush() {
    if (literal_.empty()) return;
    Template::Piece piece;
    piece.text = std::move(literal_);
    literal_.clear();
    out_.pieces.push_back(std::move(piece));
  }

  void fail(std::uint32_t begin, std::uint32_t end, const char* code, std::string message) {
    fail(SourceRange{lit_.range.file, begin, end}, code, std::move(message));
  }
  void fail(SourceRange range, const char* code, std::string message) {
    ctx_.error(code, range, std::move(message));
    ok_ = false;
  }

  const ast::StringLit& lit_;
  CheckContext& ctx_;
  std::vector<EvidenceKey>* reads_;
  std::string_view raw_;
  std::string literal_;
  Template out_;
  bool ok_ = true;
};

}  // namespace

std::optional<std::uint32_t> compile_template(const ast::StringLit& lit, CheckContext& ctx,
                                              std::vector<EvidenceKey>* reads) {
  auto t = TemplateScanner(lit, ctx, reads).scan();
  if (!t) return std::nullopt;
  ctx.program.templates.push_back(std::move(*t));
  return static_cast<std::uint32_t>(ctx.program.templates.size() - 1);
}

}  // namespace quanze::check
