// Finding the bytes that matter to CSV — the delimiter, the quote, CR and
// LF — eight bytes at a time. Cells are mostly Chinese text, three bytes a
// character and none of them special, so a byte-at-a-time loop spends its
// time confirming that nothing happens.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace quanze {

/// The offset in [from, size) of the first `delimiter`, '"', '\r' or '\n'
/// of `text`, or `size` when there is none.
inline std::size_t find_csv_special(const char* text, std::size_t from, std::size_t size, char delimiter) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const std::uint64_t d = kOnes * static_cast<unsigned char>(delimiter), q = kOnes * '"', cr = kOnes * '\r',
                      lf = kOnes * '\n';
  // A zero byte of x ^ pattern is a byte equal to the pattern's; the lowest
  // flagged byte of (v - ones) & ~v & highs is exact (borrows only carry
  // upwards), which is all that is needed.
  auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  std::size_t i = from;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text + i, 8);
    if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
    std::uint64_t hits = zero_bytes(w ^ d) | zero_bytes(w ^ q) | zero_bytes(w ^ cr) | zero_bytes(w ^ lf);
    if (hits) return i + static_cast<std::size_t>(std::countr_zero(hits) / 8);
  }
  for (; i < size; ++i) {
    char c = text[i];
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') return i;
  }
  return size;
}

}  // namespace quanze
