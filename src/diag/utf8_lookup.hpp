// What the SIMD checks of UTF-8 (utf8_avx2.cpp, utf8_avx512.cpp) share:
// the error classes of Keiser and Lemire's lookup, and where the scalar
// routine restarts after a block that is not clean. The method is told in
// utf8_avx2.cpp; the check itself is utf8_blocks.hpp.
#pragma once

#include <cstddef>
#include <string_view>

namespace quanze::utf8::detail::lookup {

// One bit an error. A bit's condition must be a product of a set of each
// nibble, as ANDing the three lookups gives no more than that.
constexpr unsigned char kTooShort = 1 << 0;   // a lead, then no continuation byte
constexpr unsigned char kTooLong = 1 << 1;    // ASCII, then a continuation byte
constexpr unsigned char kOverlong3 = 1 << 2;  // E0 80..9F
constexpr unsigned char kSurrogate = 1 << 3;  // ED A0..BF
constexpr unsigned char kOverlong2 = 1 << 4;  // C0 or C1, then a continuation byte
constexpr unsigned char kTooLarge = 1 << 5;   // F4..FF 90..BF
constexpr unsigned char kF0or8 = 1 << 6;      // F0 80..8F (overlong) and F5..FF 80..8F (too large)
constexpr unsigned char kTwoConts = 1 << 7;   // a continuation byte after one: right only as a 3rd or 4th byte

// By the previous byte's high nibble.
constexpr unsigned char kPrevHigh[16] = {
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // 0x..7x ASCII
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // 8x..Bx continuation
    kTooShort | kOverlong2,                                                          // Cx
    kTooShort,                                                                       // Dx
    kTooShort | kOverlong3 | kSurrogate,                                             // Ex
    kTooShort | kTooLarge | kF0or8,                                                  // Fx
};

// By the previous byte's low nibble; the first three bits hold for any.
constexpr unsigned char kAny = kTooShort | kTooLong | kTwoConts;
constexpr unsigned char kPrevLow[16] = {
    kAny | kOverlong3 | kOverlong2 | kF0or8,  // x0: E0, C0, F0
    kAny | kOverlong2,                        // x1: C1
    kAny,
    kAny,
    kAny | kTooLarge,                        // x4: F4
    kAny | kTooLarge | kF0or8,               // x5..xF: F5..FF
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8 | kSurrogate,  // xD: ED
    kAny | kTooLarge | kF0or8,
    kAny | kTooLarge | kF0or8,
};

// By this byte's high nibble.
constexpr unsigned char kCont = kTooLong | kTwoConts | kOverlong2;  // any continuation byte
constexpr unsigned char kCurHigh[16] = {
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // ASCII
    kCont | kOverlong3 | kF0or8,                                                            // 8x
    kCont | kOverlong3 | kTooLarge,                                                         // 9x
    kCont | kSurrogate | kTooLarge,                                                         // Ax
    kCont | kSurrogate | kTooLarge,                                                         // Bx
    kTooShort, kTooShort, kTooShort, kTooShort,                                             // leads
};

/// The last character boundary at or before `p` in the checked bytes
/// [start, p): back over continuation bytes to their lead, which may begin
/// a sequence the next block was to finish.
inline std::size_t boundary_before(std::string_view s, std::size_t start, std::size_t p) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  std::size_t q = p;
  while (q > start && (byte(q - 1) & 0xC0) == 0x80) --q;
  if (q > start && byte(q - 1) >= 0xC0) --q;
  return q;
}


}  // namespace quanze::utf8::detail::lookup
