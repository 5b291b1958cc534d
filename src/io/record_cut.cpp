#include "io/record_cut.hpp"

#include <algorithm>

#include "io/csv_scan.hpp"

namespace quanze {
namespace {

/// Delimiters are not looked for: a quote tells whether it opens a cell by
/// the byte before it, so a record costs a step or two, not one per cell.
std::size_t find_quote_or_line_end(const char* text, std::size_t from, std::size_t size) {
  return find_any_of(text, from, size, '"', '\r', '\n', '\n');
}

}  // namespace

RecordCut detail::last_record_end_scalar(std::string_view text, std::size_t from, char delimiter) {
  const std::size_t n = text.size();
  RecordCut cut{from, 0};
  std::uint64_t lines = 0;
  std::size_t i = from;
  for (;;) {
    std::size_t p = find_quote_or_line_end(text.data(), i, n);
    if (p == n) return cut;
    if (text[p] == '"') {
      char before = p == from ? '\n' : text[p - 1];
      if (before != delimiter && before != '\n' && before != '\r') {
        i = p + 1;  // a quote inside a cell is text (and the row's problem)
        continue;
      }
      // A quoted cell: its end is the first quote not doubled.
      std::size_t q = p + 1;
      for (;;) {
        std::size_t close = text.find('"', q);
        if (close == std::string_view::npos || close + 1 == n) return cut;  // open, or "" may follow
        lines += static_cast<std::uint64_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(q),
                                                       text.begin() + static_cast<std::ptrdiff_t>(close), '\n'));
        if (text[close + 1] != '"') {
          i = close + 1;
          break;
        }
        q = close + 2;
      }
      continue;
    }
    if (text[p] == '\r') {
      if (p + 1 == n) return cut;  // an LF may follow
      i = text[p + 1] == '\n' ? p + 2 : p + 1;
    } else {
      i = p + 1;
    }
    cut = {i, ++lines};
  }
}

RecordCut last_record_end(std::string_view text, std::size_t from, char delimiter) {
#if defined(__x86_64__)
  if (csv_simd_in_use()) return detail::last_record_end_simd(text, from, delimiter);
#endif
  return detail::last_record_end_scalar(text, from, delimiter);
}

}  // namespace quanze
