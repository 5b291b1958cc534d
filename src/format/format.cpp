#include "format/format.hpp"

#include "format/layout.hpp"
#include "format/weave.hpp"

namespace quanze::format {

std::string format_file(const ast::File& file, std::string_view source, Dialect dialect) {
  std::string text = weave(layout(file, source, dialect), file.comments, source);
  // A byte order mark stays: the editor that wrote it expects it back.
  if (source.substr(0, 3) == "\xEF\xBB\xBF" && !text.empty()) text.insert(0, "\xEF\xBB\xBF");
  return text;
}

}  // namespace quanze::format
