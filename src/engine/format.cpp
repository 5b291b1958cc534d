#include "quanze/format.hpp"

#include <fmt/format.h>

#include "diag/codes.hpp"
#include "format/format.hpp"
#include "syntax/keywords.hpp"
#include "syntax/parse.hpp"

namespace quanze {

FormatResult format_rule_text(const std::string& path, const std::string& text, std::optional<Dialect> dialect) {
  FormatResult out;
  SourceSet sources;
  FileId id = sources.add(path, text);
  ast::File file = syntax::parse_file(sources, id, out.diagnostics);
  if (out.diagnostics.has_errors()) return out;
  out.dialect = dialect.value_or(file.dialect);
  if (out.dialect == Dialect::zh && !file.chinese_keywords && file.first_chinese_word) {
    // Written with Chinese keywords, the name would read as the keyword.
    const SourceRange& at = *file.first_chinese_word;
    std::string word(sources.file(id).text().substr(at.begin, at.end - at.begin));
    const syntax::Keyword* k = syntax::find_keyword(word);
    out.diagnostics.error(code::names_are_keywords, sources, at,
                          fmt::format("{} is a name in this file but the Chinese keyword for {}: the file "
                                      "cannot be written with Chinese keywords until it is renamed",
                                      word, k ? k->en : "a keyword"));
    return out;
  }
  out.text = format::format_file(file, sources.file(id).text(), out.dialect);
  out.ok = true;
  return out;
}

}  // namespace quanze
