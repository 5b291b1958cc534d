// Reading a whole list from a file or standard input, in the format its name
// says unless the user said otherwise: the rows of a RowStream, collected.
#include <cctype>

#include "quanze/row_stream.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

/// Ends with `suffix` (lower case), ASCII case ignored: 清单.XLSX too.
bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != suffix[i]) return false;
  return true;
}

}  // namespace

TableFormat format_for_path(std::string_view path) {
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return TableFormat::jsonl;
  if (ends_with(path, ".json")) return TableFormat::json;
  if (ends_with(path, ".tsv") || ends_with(path, ".txt")) return TableFormat::tsv;
  if (ends_with(path, ".xlsx") || ends_with(path, ".xlsm") || ends_with(path, ".xls")) return TableFormat::xlsx;
  return TableFormat::csv;
}

bool read_table(const std::string& path, const ReadOptions& options, Table& out, Diagnostics& diags) {
  out.source = path == "-" ? "<stdin>" : path;
  StreamOptions stream_options;
  stream_options.read = options;
  std::unique_ptr<RowStream> stream = RowStream::open(path, stream_options, diags);
  return stream && stream->read_all(out, diags);
}

bool read_table(const std::string& path, TableFormat format, Table& out, Diagnostics& diags) {
  ReadOptions options;
  options.format = format;
  return read_table(path, options, out, diags);
}

}  // namespace quanze
