// One JSON record as one row of text cells: shared by the JSON array reader
// and the JSON Lines stream, so both read a value the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "quanze/table.hpp"

namespace quanze {

using Json = nlohmann::ordered_json;

/// No cell takes the value of this key.
inline constexpr std::size_t kNoColumn = std::numeric_limits<std::size_t>::max();

/// A value as a cell: strings as they are, numbers in shortest form,
/// true/false, null as empty; arrays of scalars joined with 、. False for a
/// nested object, or an array holding an array or an object.
bool cell_of(const Json& value, std::string& out);

/// Marks `row` as not read: `problem` with QZ6007 at `column` (0: not known).
void set_json_problem(Row& row, std::string problem, std::uint32_t column);

/// Where in the parsed text a JSON error was found: 1-based line and
/// character column; 0, 0 when the library does not say (a number beyond a
/// double's range).
struct JsonErrorAt {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// "not valid JSON: …", the message of a parse error or of a value the
/// library cannot hold, and where in `text` it was found.
std::string json_error_message(const Json::exception& e, std::string_view text, JsonErrorAt& at);

/// `record`, read for `row` (whose line and cells the caller set), into
/// the row's cells: the value of each key goes to the cell column_of(key)
/// says (kNoColumn: nowhere; a column past the cells grows them). A record
/// that is not an object, or a value that is not a scalar or a list of
/// scalars, makes the row's problem (QZ6007; the first one found).
template <class ColumnOf>
void record_to_row(const Json& record, Row& row, ColumnOf&& column_of) {
  if (!record.is_object()) {
    set_json_problem(row, "record " + std::to_string(row.line) + " is not an object {\"header\": value, …}", 0);
    return;
  }
  std::string text;
  for (const auto& [key, value] : record.items()) {
    std::size_t col = column_of(key);
    if (col == kNoColumn) continue;
    if (col >= row.cells.size()) row.cells.resize(col + 1);
    text.clear();  // a value cell_of refuses leaves it as it was
    bool scalar = cell_of(value, text);
    row.cells.set(col, text);
    if (!scalar && row.problem.empty())
      set_json_problem(row,
                       "the value of \"" + key +
                           "\" is a nested object; expected text, a number, true/false or a list of them",
                       static_cast<std::uint32_t>(col + 1));
  }
}

}  // namespace quanze
