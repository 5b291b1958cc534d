// What every reader checks of a header row before rows are read.
#pragma once

#include <cstdint>

#include "quanze/table.hpp"

namespace quanze {

/// Strips spaces and tabs from both ends of each header, as typed lists
/// often carry them; the rest of the text is kept for display.
void trim_headers(std::vector<std::string>& headers);

/// Two columns whose headers match the same schema header would make the
/// list ambiguous; a column without a header cannot be matched at all
/// (unless `allow_empty`: a sheet's blank margin column). Reports the first
/// problem, at row `line` of the list, and returns false.
bool check_headers(const Table& table, std::uint32_t line, bool allow_empty, Diagnostics& diags);

}  // namespace quanze
