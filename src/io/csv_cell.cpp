#include "io/csv_cell.hpp"

#include "io/csv_scan.hpp"

namespace quanze {

bool csv_cell_needs_quotes(std::string_view cell) {
  return find_csv_special(cell.data(), 0, cell.size(), ',') != cell.size();
}

void write_csv_cell(std::ostream& out, std::string_view cell) {
  if (!csv_cell_needs_quotes(cell)) {
    out << cell;
    return;
  }
  out << '"';
  for (char c : cell) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void append_csv_cell(std::string& out, std::string_view cell) {
  if (!csv_cell_needs_quotes(cell)) {
    out += cell;
    return;
  }
  // Whole runs between quotes: a cell of legal text is long, and only its
  // quotes need doubling.
  out += '"';
  for (std::size_t quote; (quote = cell.find('"')) != std::string_view::npos; cell.remove_prefix(quote + 1)) {
    out.append(cell.data(), quote + 1);
    out += '"';
  }
  out += cell;
  out += '"';
}

}  // namespace quanze
