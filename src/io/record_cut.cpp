#include "io/record_cut.hpp"

#include <algorithm>
#include <bit>

#include "diag/byte_words.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace quanze {
namespace {

/// The first '"', CR or LF of text[from, size), or `size`. Delimiters are
/// not looked for: a quote tells whether it opens a cell by the byte before
/// it. Most of a list is Chinese text with one line end per record, so this
/// runs sixteen bytes a step (SSE2 is in every x86-64).
std::size_t find_quote_or_line_end(const char* text, std::size_t from, std::size_t size) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
  for (; i + 16 <= size; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, lf));
    if (int mask = _mm_movemask_epi8(hits)) return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
  }
#else
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w = bytes::word(text + i);
    if (std::uint64_t hits = bytes::equal(w, '"') | bytes::equal(w, '\r') | bytes::equal(w, '\n'))
      return i + bytes::first(hits);
  }
#endif
  for (; i < size; ++i)
    if (text[i] == '"' || text[i] == '\r' || text[i] == '\n') return i;
  return size;
}

}  // namespace

RecordCut last_record_end(std::string_view text, std::size_t from, char delimiter) {
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

}  // namespace quanze
