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
  // The last bytes in one more step, overlapping bytes already found plain,
  // rather than a byte at a time — when there are sixteen bytes from `from`.
  if (i < size && size - from >= 16) {
    const std::size_t last = size - 16;
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + last));
    __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                                _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
    int mask = _mm_movemask_epi8(hits);
    return mask ? last + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(mask))) : size;
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

/// The bytes that matter to CSV among 64: bit k of each mask says whether
/// byte k is one. A record's cells are then found with bit operations on
/// whole blocks rather than a search per cell (CsvParser::simple_record).
struct CsvBlockMasks {
  std::uint64_t quote = 0, delimiter = 0, cr = 0, lf = 0;
};

/// The masks of the 64 bytes at `block`, which must all be there.
inline CsvBlockMasks csv_block_masks(const char* block, char delimiter) {
  CsvBlockMasks m;
#if defined(__SSE2__)
  const __m128i vq = _mm_set1_epi8('"'), vd = _mm_set1_epi8(delimiter), vr = _mm_set1_epi8('\r'),
                vn = _mm_set1_epi8('\n');
  auto bits = [](__m128i hits, std::size_t k) {
    return std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(hits))} << k;
  };
  for (std::size_t k = 0; k < 64; k += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + k));
    m.quote |= bits(_mm_cmpeq_epi8(v, vq), k);
    m.delimiter |= bits(_mm_cmpeq_epi8(v, vd), k);
    m.cr |= bits(_mm_cmpeq_epi8(v, vr), k);
    m.lf |= bits(_mm_cmpeq_epi8(v, vn), k);
  }
#else
  for (std::size_t k = 0; k < 64; ++k) {
    char c = block[k];
    m.quote |= std::uint64_t{c == '"'} << k;
    m.delimiter |= std::uint64_t{c == delimiter} << k;
    m.cr |= std::uint64_t{c == '\r'} << k;
    m.lf |= std::uint64_t{c == '\n'} << k;
  }
#endif
  return m;
}

/// std::popcount without the POPCNT instruction (not in baseline x86-64)
/// is a call into libgcc; this is the same arithmetic, inline.
inline int count_bits(std::uint64_t x) {
#if defined(__POPCNT__)
  return std::popcount(x);
#else
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
#endif
}

/// Bit k of the result is the parity of bits 0..k of `x`: over a quote
/// mask, which bytes are inside quotes (an opening quote counts as inside,
/// its closing one as outside).
inline std::uint64_t prefix_xor(std::uint64_t x) {
  for (int shift = 1; shift < 64; shift *= 2) x ^= x << shift;
  return x;
}

/// How blocks are read: with the baseline x86-64's instructions; with
/// AVX2, POPCNT, PCLMUL and BMI1 (csv_simd.cpp); or with AVX-512 BW too,
/// a block's 64 bytes compared at once (where it runs at full clock:
/// CpuFeatures::wide_avx512).
enum class CsvBlockScan : std::uint8_t { baseline, avx2, avx512 };

/// The widest way this CPU has; asked once.
CsvBlockScan csv_widest_scan();

/// Whether this CPU has what the block reading of csv_simd.cpp uses (AVX2,
/// POPCNT, PCLMUL, BMI1).
inline bool csv_simd_in_use() { return csv_widest_scan() != CsvBlockScan::baseline; }

/// The block operations of the baseline x86-64 (csv_scan_avx2.hpp has the
/// same with AVX2, POPCNT and PCLMUL), for code written once over either.
struct BaselineScan {
  static CsvBlockMasks masks(const char* block, char delimiter) { return csv_block_masks(block, delimiter); }
  static int count(std::uint64_t x) { return count_bits(x); }
  static std::uint64_t parity(std::uint64_t x) { return prefix_xor(x); }
};

}  // namespace quanze
