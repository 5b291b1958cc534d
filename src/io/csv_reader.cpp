// CSV and TSV text in memory, read with the same parser as a streamed list
// (csv_parser.cpp), so that both give the same rows and the same problems.
#include "quanze/row_stream.hpp"
#include "quanze/table.hpp"

namespace quanze {

bool read_csv(std::string_view bytes, Table& out, Diagnostics& diags) { return read_text(bytes, {}, out, diags); }

bool read_text(std::string_view bytes, const TextOptions& options, Table& out, Diagnostics& diags) {
  out.headers.clear();
  out.rows.clear();
  std::string source = out.source, sha256 = out.sha256;
  std::unique_ptr<RowStream> stream = RowStream::open_text(bytes, source, options, diags);
  if (!stream) return false;
  bool ok = stream->read_all(out, diags);
  out.sha256 = sha256;  // read_table sets it, of the file's bytes
  return ok;
}

}  // namespace quanze
