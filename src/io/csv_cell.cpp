#include "io/csv_cell.hpp"

#include <array>

namespace quanze {

/// A cell needs quotes when it holds , " CR or LF. One table look-up a
/// byte: string_view::find_first_of calls memchr on the set for every byte.
bool csv_cell_needs_quotes(std::string_view cell) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {',', '"', '\r', '\n'}) t[c] = true;
    return t;
  }();
  for (char c : cell)
    if (kSpecial[static_cast<unsigned char>(c)]) return true;
  return false;
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
