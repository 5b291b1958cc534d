// Writing one CSV cell, shared by every CSV the program writes (decision
// records, attachment forms) so they all quote the same way.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace quanze {

/// True when the cell holds , " CR or LF, and so must be quoted.
bool csv_cell_needs_quotes(std::string_view cell);

/// RFC 4180: a cell with , " CR or LF is quoted and its quotes doubled.
void write_csv_cell(std::ostream& out, std::string_view cell);

/// The same, appended to a string.
void append_csv_cell(std::string& out, std::string_view cell);

}  // namespace quanze
