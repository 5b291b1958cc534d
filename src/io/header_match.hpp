// What every reader checks of a header row before rows are read.
#pragma once

#include <cstdint>
#include <set>
#include <string_view>

#include "quanze/table.hpp"

namespace quanze {

/// Lists saved from a spreadsheet often start with a title (兴安盟商务局权责清单)
/// or a note above the header row. The header row is known by naming the
/// schema's headers: two of them (one, for a schema of a single header),
/// compared by header_key, within the first kSearchRows rows.
class HeaderRowTest {
 public:
  static constexpr std::size_t kSearchRows = 20;
  /// Every header and alias of the schema; none: every test fails.
  explicit HeaderRowTest(const std::vector<std::string>& schema_headers);
  bool enabled() const { return need_ > 0; }
  /// Whether a row of these cells names enough of the schema's headers.
  bool is_header(const std::vector<std::string_view>& cells) const;

 private:
  std::set<std::string> keys_;
  std::size_t need_ = 0;
};

/// Strips spaces and tabs from both ends of each header, as typed lists
/// often carry them; the rest of the text is kept for display.
void trim_headers(std::vector<std::string>& headers);

/// Two columns whose headers match the same schema header would make the
/// list ambiguous; a column without a header cannot be matched at all
/// (unless `allow_empty`: a sheet's blank margin column). Reports the first
/// problem, at row `line` of the list, and returns false.
bool check_headers(const Table& table, std::uint32_t line, bool allow_empty, Diagnostics& diags);

}  // namespace quanze
