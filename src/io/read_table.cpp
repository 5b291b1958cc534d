// Reading a whole list from a file or standard input, in the format its name
// says unless the user said otherwise: the rows of a RowStream, collected.
#include "io/file_suffix.hpp"
#include "quanze/row_stream.hpp"
#include "quanze/table.hpp"

namespace quanze {

TableFormat format_for_path(std::string_view path) {
  if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson")) return TableFormat::jsonl;
  if (has_suffix(path, ".json")) return TableFormat::json;
  if (has_suffix(path, ".tsv") || has_suffix(path, ".txt")) return TableFormat::tsv;
  if (has_suffix(path, ".xlsx") || has_suffix(path, ".xlsm") || has_suffix(path, ".xls")) return TableFormat::xlsx;
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
