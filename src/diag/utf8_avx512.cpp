// valid_run_end with AVX-512 (BW): utf8_avx2.cpp's check, 64 bytes a block.
// Where the CPU has it, the check of every piece read took a twentieth of a
// one-job `classify` with 32-byte blocks (docs/performance.md, stop 25).
// The same check (utf8_blocks.hpp) over these operations; the same
// contract: it decides whether a block is clean, the scalar routine gives
// the offset.
#if defined(__x86_64__)

// GCC 12's AVX-512 headers start some intrinsics from an undefined
// vector and warn of it where they are inlined (GCC bug 105593, fixed in
// 13): nothing here is read uninitialized.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <immintrin.h>

#include "diag/utf8_lookup.hpp"
#include "diag/utf8_simd.hpp"

namespace quanze::utf8::detail {
namespace {

#define QUANZE_AVX512 __attribute__((target("avx512f,avx512bw")))

/// utf8_blocks.hpp's operations on 64-byte registers.
struct Avx512 {
  using Reg = __m512i;
  static constexpr std::size_t kBytes = 64;
  QUANZE_AVX512 static Reg load(const char* p) { return _mm512_loadu_si512(p); }
  QUANZE_AVX512 static Reg zero() { return _mm512_setzero_si512(); }
  QUANZE_AVX512 static Reg splat(char c) { return _mm512_set1_epi8(c); }
  QUANZE_AVX512 static Reg table(const unsigned char (&t)[16]) {
    return _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
  }
  QUANZE_AVX512 static Reg and_(Reg a, Reg b) { return _mm512_and_si512(a, b); }
  QUANZE_AVX512 static Reg or_(Reg a, Reg b) { return _mm512_or_si512(a, b); }
  QUANZE_AVX512 static Reg xor_(Reg a, Reg b) { return _mm512_xor_si512(a, b); }
  QUANZE_AVX512 static Reg subs(Reg a, Reg b) { return _mm512_subs_epu8(a, b); }
  QUANZE_AVX512 static Reg shift_right_16(Reg v, int n) { return _mm512_srli_epi16(v, n); }
  QUANZE_AVX512 static Reg shuffle(Reg table, Reg index) { return _mm512_shuffle_epi8(table, index); }
  /// Bytes of `in` shifted up by N, the last N of `prev` coming in below.
  /// alignr works within 128-bit lanes: each lane is first paired with the
  /// lane below it (prev's last below in's first), valignq's 64-bit steps.
  template <int N>
  QUANZE_AVX512 static Reg shifted(Reg in, Reg prev) {
    const Reg below = _mm512_alignr_epi64(in, prev, 6);  // prev's top lane, then in's lower three
    return _mm512_alignr_epi8(in, below, 16 - N);
  }
  QUANZE_AVX512 static bool any(Reg v) { return _mm512_test_epi8_mask(v, v) != 0; }
  QUANZE_AVX512 static bool ascii(Reg v) { return _mm512_movepi8_mask(v) == 0; }
};

using namespace lookup;
#define QUANZE_UTF8_TARGET QUANZE_AVX512
#include "diag/utf8_blocks.hpp"
#undef QUANZE_UTF8_TARGET

}  // namespace

QUANZE_AVX512 std::size_t valid_run_end_avx512(std::string_view s, std::size_t i) {
  return valid_run_end_blocks<Avx512>(s, i);
}

}  // namespace quanze::utf8::detail

#undef QUANZE_AVX512

#endif
