// Finding the bytes that matter to CSV — the delimiter, the quote, CR and
// LF — eight bytes at a time (diag/byte_words.hpp).
#pragma once

#include <cstddef>

#include "diag/byte_words.hpp"

namespace quanze {

/// The offset in [from, size) of the first `delimiter`, '"', '\r' or '\n'
/// of `text`, or `size` when there is none.
inline std::size_t find_csv_special(const char* text, std::size_t from, std::size_t size, char delimiter) {
  const auto d = static_cast<unsigned char>(delimiter);
  std::size_t i = from;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w = bytes::word(text + i);
    std::uint64_t hits = bytes::equal(w, d) | bytes::equal(w, '"') | bytes::equal(w, '\r') | bytes::equal(w, '\n');
    if (hits) return i + bytes::first(hits);
  }
  for (; i < size; ++i) {
    char c = text[i];
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') return i;
  }
  return size;
}

}  // namespace quanze
