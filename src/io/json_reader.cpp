// Lists as a JSON array of objects, read whole: keys become headers in the
// order they first appear, so a schema's `from` names work unchanged. JSON
// Lines stream (jsonl_row_stream.cpp); read_json hands them to that stream.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "diag/codes.hpp"
#include "io/header_match.hpp"
#include "io/json_record.hpp"
#include "quanze/row_stream.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

/// The column of `key`, a new one when no record before had it.
std::size_t column(Table& out, const std::string& key) {
  for (std::size_t c = 0; c < out.headers.size(); ++c)
    if (out.headers[c] == key) return c;
  out.headers.push_back(key);
  return out.headers.size() - 1;
}

bool read_array(std::string_view bytes, Table& out, Diagnostics& diags) {
  try {
    Json doc = Json::parse(bytes);
    if (!doc.is_array()) {
      diags.add({code::bad_json, Severity::error, out.source, 1, 1,
                 "expected a JSON array of objects, one per item (or use JSON Lines)", "", 1});
      return false;
    }
    std::uint64_t n = 0;
    for (const Json& record : doc) {
      Row& row = out.rows.emplace_back();
      row.line = ++n;
      row.cells.resize(out.headers.size());
      record_to_row(record, row, [&](const std::string& key) { return column(out, key); });
    }
  } catch (const Json::exception& e) {
    JsonErrorAt at;
    std::string message = json_error_message(e, bytes, at);
    diags.add({code::bad_json, Severity::error, out.source, std::max<std::uint32_t>(at.line, 1), at.column,
               std::move(message), "", 1});
    return false;
  }
  for (Row& row : out.rows) row.cells.resize(out.headers.size());
  return check_headers(out, 1, false, diags);
}

}  // namespace

bool read_json(std::string_view bytes, bool lines, Table& out, Diagnostics& diags) {
  out.headers.clear();
  out.rows.clear();
  if (lines) {
    auto stream = RowStream::open_json_lines(bytes, out.source, {}, diags);
    return stream && stream->read_all(out, diags);
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return read_array(bytes, out, diags);
}

}  // namespace quanze
