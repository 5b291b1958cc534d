// Finding the bytes that matter to CSV — the delimiter, the quote, CR and
// LF. Lists are mostly Chinese text, three bytes a character and none of
// them one of these, so the search runs sixteen bytes a step with SSE2
// (in every x86-64), else eight with word arithmetic (diag/byte_words.hpp).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include "diag/byte_words.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace quanze {

/// The offset of the first byte of text[from, size) that is `a`, `b`, `c`
/// or `d`, or `size` when there is none.
inline std::size_t find_any_of(const char* text, std::size_t from, std::size_t size, char a, char b, char c, char d) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  for (; i + 16 <= size; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                                _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
    if (int mask = _mm_movemask_epi8(hits))
      return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask)));
  }
#else
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w = bytes::word(text + i);
    std::uint64_t hits = bytes::equal(w, static_cast<unsigned char>(a)) | bytes::equal(w, static_cast<unsigned char>(b)) |
                         bytes::equal(w, static_cast<unsigned char>(c)) | bytes::equal(w, static_cast<unsigned char>(d));
    if (hits) return i + bytes::first(hits);
  }
#endif
  for (; i < size; ++i)
    if (text[i] == a || text[i] == b || text[i] == c || text[i] == d) return i;
  return size;
}

/// The first `delimiter`, '"', '\r' or '\n' of text[from, size), or `size`.
inline std::size_t find_csv_special(const char* text, std::size_t from, std::size_t size, char delimiter) {
  return find_any_of(text, from, size, delimiter, '"', '\r', '\n');
}

/// Where a record's cells end, 64 bytes at a time: one pass makes the bit
/// masks of the delimiter, CR, LF and the quote for a block, and each cell
/// then costs a count of trailing zeros rather than a search of its own.
/// Blocks follow one another from `from`; one that would pass `size` is
/// not read (next_* return npos), so the caller reads the rest otherwise.
class CsvBlockScan {
 public:
  static constexpr std::size_t npos = ~std::size_t{0};
  CsvBlockScan(const char* text, std::size_t from, std::size_t size, char delimiter)
      : text_(text), size_(size), delimiter_(delimiter), base_(from) {
    load();
  }
  /// The first delimiter, quote, CR or LF at or after `p`.
  std::size_t next_special(std::size_t p) { return next(p, &CsvBlockScan::special_); }
  /// The first quote at or after `p`.
  std::size_t next_quote(std::size_t p) { return next(p, &CsvBlockScan::quote_); }
  /// What the byte at `p`, just returned by next_*, is: told by the masks
  /// at hand rather than by loading it again.
  bool is_quote(std::size_t p) const { return quote_ >> (p - base_) & 1; }
  bool is_delimiter(std::size_t p) const { return delimiter_bits_ >> (p - base_) & 1; }

 private:
  std::size_t next(std::size_t p, std::uint64_t CsvBlockScan::*mask) {
    for (;;) {
      if (!loaded_) return npos;
      if (p < base_ + 64) {
        std::uint64_t m = p < base_ ? this->*mask : (this->*mask) >> (p - base_) << (p - base_);
        if (m) return base_ + static_cast<std::size_t>(std::countr_zero(m));
      }
      base_ += 64;
      load();
    }
  }
  void load() {
    loaded_ = base_ + 64 <= size_;
    if (!loaded_) return;
    std::uint64_t special = 0, quote = 0, delimiter = 0;
    const char* block = text_ + base_;
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8(delimiter_), vq = _mm_set1_epi8('"'), vr = _mm_set1_epi8('\r'),
                  vn = _mm_set1_epi8('\n');
    for (std::size_t k = 0; k < 64; k += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + k));
      __m128i q = _mm_cmpeq_epi8(v, vq), d = _mm_cmpeq_epi8(v, vd);
      __m128i any = _mm_or_si128(_mm_or_si128(q, d), _mm_or_si128(_mm_cmpeq_epi8(v, vr), _mm_cmpeq_epi8(v, vn)));
      quote |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(q))} << k;
      delimiter |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(d))} << k;
      special |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(any))} << k;
    }
#else
    for (std::size_t k = 0; k < 64; ++k) {
      char c = block[k];
      quote |= std::uint64_t{c == '"'} << k;
      delimiter |= std::uint64_t{c == delimiter_} << k;
      special |= std::uint64_t{c == '"' || c == delimiter_ || c == '\r' || c == '\n'} << k;
    }
#endif
    special_ = special;
    quote_ = quote;
    delimiter_bits_ = delimiter;
  }

  const char* text_;
  std::size_t size_;
  char delimiter_;
  std::size_t base_;
  bool loaded_ = false;
  std::uint64_t special_ = 0, quote_ = 0, delimiter_bits_ = 0;  ///< bit k: byte base_ + k is one
};

}  // namespace quanze
