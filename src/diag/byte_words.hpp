// Looking at text eight bytes at a time. Lists are mostly Chinese text —
// three bytes a character, none of them a delimiter, a quote or a control
// byte — so a byte-at-a-time loop spends its time confirming that nothing
// happens. These are the word tests the readers and writers share.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace quanze::bytes {

inline constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

/// The eight bytes at `p`, the first in the lowest bits whatever the machine.
inline std::uint64_t word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  return w;
}

// The tests below flag a byte by its high bit. Only the lowest flagged byte
// is exact (a borrow carries upwards into the bytes above a true one), which
// is all first() needs.

/// Flags the bytes of `w` equal to `c`.
inline std::uint64_t equal(std::uint64_t w, unsigned char c) {
  std::uint64_t v = w ^ (kOnes * c);
  return (v - kOnes) & ~v & kHighs;
}

/// Flags the bytes of `w` below `n` (n at most 0x80).
inline std::uint64_t below(std::uint64_t w, unsigned char n) { return (w - kOnes * n) & ~w & kHighs; }

/// Offset in its word of the lowest flagged byte; `hits` is not zero.
inline std::size_t first(std::uint64_t hits) { return static_cast<std::size_t>(std::countr_zero(hits) / 8); }

/// Whether the `n` bytes at `a` and at `b` are the same: inline, in
/// overlapping words, without a loop up to 32 bytes. For what is compared
/// once a row or more — enum labels (一 to 十 characters, 3 to 30 bytes),
/// memo keys, titles of a legal basis — where a call to memcmp cost more
/// than the compare.
inline bool same(const char* a, const char* b, std::size_t n) {
  auto differ = [&]<class Word>(Word, std::size_t at) {
    Word x, y;
    std::memcpy(&x, a + at, sizeof x);
    std::memcpy(&y, b + at, sizeof y);
    return static_cast<std::uint64_t>(x ^ y);
  };
  const std::uint64_t w64 = 0;
  const std::uint32_t w32 = 0;
  const std::uint16_t w16 = 0;
  if (n >= 8) {
    std::uint64_t d = differ(w64, 0) | differ(w64, n - 8);
    if (n <= 16) return d == 0;
    d |= differ(w64, 8) | differ(w64, n - 16);
    for (std::size_t i = 16; i + 16 < n; i += 8) d |= differ(w64, i);
    return d == 0;
  }
  if (n >= 4) return (differ(w32, 0) | differ(w32, n - 4)) == 0;
  if (n >= 2) return (differ(w16, 0) | differ(w16, n - 2)) == 0;
  return n == 0 || a[0] == b[0];
}

/// Whether the `n` bytes before `end` (n at most 32, and 32 bytes there to
/// read) are those kept in `tail` by tail_words(): four words, no branch
/// on n. For texts whose lengths vary from row to row (the members of one
/// enum), where same()'s branches on the length were mispredicted.
inline bool same_tail(const char* end, std::size_t n, const std::uint64_t (&tail)[4]) {
  // kMasks[n]'s bytes are 0xFF in its last n.
  static constexpr auto kMasks = [] {
    struct Table {
      std::uint64_t words[33][4];
    } t{};
    for (std::size_t n = 0; n <= 32; ++n)
      for (std::size_t b = 32 - n; b < 32; ++b) t.words[n][b / 8] |= std::uint64_t{0xFF} << (8 * (b % 8));
    return t;
  }();
  const std::uint64_t* m = kMasks.words[n];
  const std::uint64_t d = ((word(end - 32) ^ tail[0]) & m[0]) | ((word(end - 24) ^ tail[1]) & m[1]) |
                          ((word(end - 16) ^ tail[2]) & m[2]) | ((word(end - 8) ^ tail[3]) & m[3]);
  return d == 0;
}

/// `text` (at most 32 bytes) as same_tail() compares it: in the last bytes
/// of four words, zeros before it.
inline void tail_words(std::string_view text, std::uint64_t (&tail)[4]) {
  char padded[32] = {};
  std::memcpy(padded + 32 - text.size(), text.data(), text.size());
  for (std::size_t i = 0; i < 4; ++i) tail[i] = word(padded + 8 * i);
}

/// The same for two texts: equal lengths, then same().
inline bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && same(a.data(), b.data(), a.size());
}

}  // namespace quanze::bytes
