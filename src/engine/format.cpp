#include "quanze/format.hpp"

#include "format/format.hpp"
#include "syntax/parse.hpp"

namespace quanze {

FormatResult format_rule_text(const std::string& path, const std::string& text, std::optional<Dialect> dialect) {
  FormatResult out;
  SourceSet sources;
  FileId id = sources.add(path, text);
  ast::File file = syntax::parse_file(sources, id, out.diagnostics);
  if (out.diagnostics.has_errors()) return out;
  out.dialect = dialect.value_or(file.dialect);
  out.text = format::format_file(file, sources.file(id).text(), out.dialect);
  out.ok = true;
  return out;
}

}  // namespace quanze
