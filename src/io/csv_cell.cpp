#include "io/csv_cell.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "io/csv_scan.hpp"

namespace quanze {

bool csv_cell_needs_quotes(std::string_view cell) {
#ifdef __SSE2__
  // The CSV writer asks this of every reason and citation it writes, long
  // Chinese text that nearly never needs quotes: sixteen bytes a step
  // (SSE2, which every x86-64 has) rather than find_csv_special's eight,
  // and only whether, not where.
  if (cell.size() >= 16) {
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
    auto special = [&](const char* at) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
      return _mm_movemask_epi8(hits) != 0;
    };
    const char* p = cell.data();
    const std::size_t n = cell.size();
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16)
      if (special(p + i)) return true;
    return i < n && special(p + n - 16);  // the last bytes, overlapping what was seen
  }
#endif
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
