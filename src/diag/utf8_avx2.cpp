// valid_run_end with AVX2, after Keiser and Lemire, "Validating UTF-8 in
// less than one instruction per byte" (2021). Lists are mostly Chinese
// text, three bytes a character, where checking a sequence at a time spent
// a tenth of `classify`'s time.
//
// Every error in UTF-8 shows in a byte and the one before it, except a
// missing or extra third or fourth byte. Three 16-entry tables, looked up
// by the previous byte's high and low nibble and this byte's high nibble,
// each give the errors their nibble allows; a bit left on after ANDing the
// three is an error. The third and fourth bytes are checked by where the
// lead two or three bytes back says continuation bytes must be.
//
// This only decides whether a 32-byte block is clean. The offset the
// contract asks for comes from the scalar routine, restarted at the last
// character boundary before the first block that is not: the two paths
// cannot disagree.
#if defined(__x86_64__)

#include <immintrin.h>

#include "diag/utf8_lookup.hpp"
#include "diag/utf8_simd.hpp"

namespace quanze::utf8::detail {
namespace {

#define QUANZE_AVX2 __attribute__((target("avx2")))

/// utf8_blocks.hpp's operations on 32-byte registers.
struct Avx2 {
  using Reg = __m256i;
  static constexpr std::size_t kBytes = 32;
  QUANZE_AVX2 static Reg load(const char* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  QUANZE_AVX2 static Reg zero() { return _mm256_setzero_si256(); }
  QUANZE_AVX2 static Reg splat(char c) { return _mm256_set1_epi8(c); }
  QUANZE_AVX2 static Reg table(const unsigned char (&t)[16]) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
  }
  QUANZE_AVX2 static Reg and_(Reg a, Reg b) { return _mm256_and_si256(a, b); }
  QUANZE_AVX2 static Reg or_(Reg a, Reg b) { return _mm256_or_si256(a, b); }
  QUANZE_AVX2 static Reg xor_(Reg a, Reg b) { return _mm256_xor_si256(a, b); }
  QUANZE_AVX2 static Reg subs(Reg a, Reg b) { return _mm256_subs_epu8(a, b); }
  QUANZE_AVX2 static Reg shift_right_16(Reg v, int n) { return _mm256_srli_epi16(v, n); }
  QUANZE_AVX2 static Reg shuffle(Reg table, Reg index) { return _mm256_shuffle_epi8(table, index); }
  /// Bytes of `in` shifted up by N, the last N of `prev` coming in below.
  /// alignr works within 128-bit lanes, hence the lane swap first.
  template <int N>
  QUANZE_AVX2 static Reg shifted(Reg in, Reg prev) {
    const Reg straddle = _mm256_permute2x128_si256(prev, in, 0x21);  // prev's high lane, in's low lane
    return _mm256_alignr_epi8(in, straddle, 16 - N);
  }
  QUANZE_AVX2 static bool any(Reg v) { return !_mm256_testz_si256(v, v); }
  QUANZE_AVX2 static bool ascii(Reg v) { return _mm256_movemask_epi8(v) == 0; }
};

using namespace lookup;
#define QUANZE_UTF8_TARGET QUANZE_AVX2
#include "diag/utf8_blocks.hpp"
#undef QUANZE_UTF8_TARGET

}  // namespace

QUANZE_AVX2 std::size_t valid_run_end_avx2(std::string_view s, std::size_t i) {
  return valid_run_end_blocks<Avx2>(s, i);
}

}  // namespace quanze::utf8::detail

#undef QUANZE_AVX2

#endif
