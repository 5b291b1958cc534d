// The vector operations utf8_blocks.hpp's check is written over, for
// 32-byte (AVX2) and 64-byte (AVX-512 BW) registers: for utf8_avx2.cpp and
// utf8_avx512.cpp, and for the CSV block reading (csv_simd.cpp), which
// checks the blocks it loads as it reads them. Each operation carries its
// target attribute, so it is inlined into any function compiled for that
// target or a wider one; only such functions may call them, and only when
// the CPU has it.
#pragma once

#if defined(__x86_64__)

#include <immintrin.h>

#include <cstddef>

#define QUANZE_UTF8_AVX2 __attribute__((target("avx2")))
#define QUANZE_UTF8_AVX512 __attribute__((target("avx512f,avx512bw")))

namespace quanze::utf8::detail {

/// utf8_blocks.hpp's operations on 32-byte registers.
struct Avx2 {
  using Reg = __m256i;
  static constexpr std::size_t kBytes = 32;
  QUANZE_UTF8_AVX2 static Reg load(const char* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  QUANZE_UTF8_AVX2 static Reg zero() { return _mm256_setzero_si256(); }
  QUANZE_UTF8_AVX2 static Reg splat(char c) { return _mm256_set1_epi8(c); }
  QUANZE_UTF8_AVX2 static Reg table(const unsigned char (&t)[16]) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
  }
  QUANZE_UTF8_AVX2 static Reg and_(Reg a, Reg b) { return _mm256_and_si256(a, b); }
  QUANZE_UTF8_AVX2 static Reg or_(Reg a, Reg b) { return _mm256_or_si256(a, b); }
  QUANZE_UTF8_AVX2 static Reg xor_(Reg a, Reg b) { return _mm256_xor_si256(a, b); }
  QUANZE_UTF8_AVX2 static Reg subs(Reg a, Reg b) { return _mm256_subs_epu8(a, b); }
  QUANZE_UTF8_AVX2 static Reg shift_right_16(Reg v, int n) { return _mm256_srli_epi16(v, n); }
  QUANZE_UTF8_AVX2 static Reg shuffle(Reg table, Reg index) { return _mm256_shuffle_epi8(table, index); }
  /// Bytes of `in` shifted up by N, the last N of `prev` coming in below.
  /// alignr works within 128-bit lanes, hence the lane swap first.
  template <int N>
  QUANZE_UTF8_AVX2 static Reg shifted(Reg in, Reg prev) {
    const Reg straddle = _mm256_permute2x128_si256(prev, in, 0x21);  // prev's high lane, in's low lane
    return _mm256_alignr_epi8(in, straddle, 16 - N);
  }
  QUANZE_UTF8_AVX2 static bool any(Reg v) { return !_mm256_testz_si256(v, v); }
  QUANZE_UTF8_AVX2 static bool ascii(Reg v) { return _mm256_movemask_epi8(v) == 0; }
};

/// utf8_blocks.hpp's operations on 64-byte registers.
struct Avx512 {
  using Reg = __m512i;
  static constexpr std::size_t kBytes = 64;
  QUANZE_UTF8_AVX512 static Reg load(const char* p) { return _mm512_loadu_si512(p); }
  QUANZE_UTF8_AVX512 static Reg zero() { return _mm512_setzero_si512(); }
  QUANZE_UTF8_AVX512 static Reg splat(char c) { return _mm512_set1_epi8(c); }
  QUANZE_UTF8_AVX512 static Reg table(const unsigned char (&t)[16]) {
    return _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
  }
  QUANZE_UTF8_AVX512 static Reg and_(Reg a, Reg b) { return _mm512_and_si512(a, b); }
  QUANZE_UTF8_AVX512 static Reg or_(Reg a, Reg b) { return _mm512_or_si512(a, b); }
  QUANZE_UTF8_AVX512 static Reg xor_(Reg a, Reg b) { return _mm512_xor_si512(a, b); }
  QUANZE_UTF8_AVX512 static Reg subs(Reg a, Reg b) { return _mm512_subs_epu8(a, b); }
  QUANZE_UTF8_AVX512 static Reg shift_right_16(Reg v, int n) { return _mm512_srli_epi16(v, n); }
  QUANZE_UTF8_AVX512 static Reg shuffle(Reg table, Reg index) { return _mm512_shuffle_epi8(table, index); }
  /// Bytes of `in` shifted up by N, the last N of `prev` coming in below.
  /// alignr works within 128-bit lanes: each lane is first paired with the
  /// lane below it (prev's last below in's first), valignq's 64-bit steps.
  template <int N>
  QUANZE_UTF8_AVX512 static Reg shifted(Reg in, Reg prev) {
    const Reg below = _mm512_alignr_epi64(in, prev, 6);  // prev's top lane, then in's lower three
    return _mm512_alignr_epi8(in, below, 16 - N);
  }
  QUANZE_UTF8_AVX512 static bool any(Reg v) { return _mm512_test_epi8_mask(v, v) != 0; }
  QUANZE_UTF8_AVX512 static bool ascii(Reg v) { return _mm512_movepi8_mask(v) == 0; }
};

}  // namespace quanze::utf8::detail

#endif
