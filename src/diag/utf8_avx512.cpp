// valid_run_end with AVX-512 (BW): utf8_avx2.cpp's check, 64 bytes a block.
// Where the CPU has it, the check of every piece read took a twentieth of a
// one-job `classify` with 32-byte blocks (docs/performance.md, stop 25).
// Same lookups (utf8_lookup.hpp), same contract: this decides whether a
// block is clean, the scalar routine gives the offset.
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

using namespace lookup;

#define QUANZE_AVX512 __attribute__((target("avx512f,avx512bw")))

QUANZE_AVX512 inline __m512i table(const unsigned char (&t)[16]) {
  return _mm512_broadcast_i32x4(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
}

QUANZE_AVX512 inline __m512i high_nibbles(__m512i v) {
  return _mm512_and_si512(_mm512_srli_epi16(v, 4), _mm512_set1_epi8(0x0F));
}

/// Bytes of `in` shifted up by N, the last N of `prev` coming in below.
/// alignr works within 128-bit lanes: each lane is first paired with the
/// lane below it (prev's last below in's first), valignq's 64-bit steps.
template <int N>
QUANZE_AVX512 inline __m512i shifted(__m512i in, __m512i prev) {
  const __m512i below = _mm512_alignr_epi64(in, prev, 6);  // prev's top lane, then in's lower three
  return _mm512_alignr_epi8(in, below, 16 - N);
}

/// Non-zero bytes where `in`, following `prev`, is not well-formed.
QUANZE_AVX512 inline __m512i errors(__m512i in, __m512i prev) {
  const __m512i prev1 = shifted<1>(in, prev);
  const __m512i found = _mm512_and_si512(
      _mm512_and_si512(_mm512_shuffle_epi8(table(kPrevHigh), high_nibbles(prev1)),
                       _mm512_shuffle_epi8(table(kPrevLow), _mm512_and_si512(prev1, _mm512_set1_epi8(0x0F)))),
      _mm512_shuffle_epi8(table(kCurHigh), high_nibbles(in)));
  const __m512i third = _mm512_subs_epu8(shifted<2>(in, prev), _mm512_set1_epi8(0x60));
  const __m512i fourth = _mm512_subs_epu8(shifted<3>(in, prev), _mm512_set1_epi8(0x70));
  const __m512i must_continue = _mm512_and_si512(_mm512_or_si512(third, fourth), _mm512_set1_epi8(char(0x80)));
  return _mm512_xor_si512(found, must_continue);
}

/// Non-zero when the block ends inside a sequence (utf8_avx2.cpp's).
QUANZE_AVX512 inline __m512i unfinished(__m512i in) {
  alignas(64) static constexpr unsigned char kLimits[64] = {
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF};
  return _mm512_subs_epu8(in, _mm512_load_si512(kLimits));
}

QUANZE_AVX512 inline bool any(__m512i v) { return _mm512_test_epi8_mask(v, v) != 0; }

}  // namespace

QUANZE_AVX512 std::size_t valid_run_end_avx512(std::string_view s, std::size_t i) {
  std::size_t p = i;
  __m512i prev = _mm512_setzero_si512();
  // Four blocks at a time, their errors tested once, as in utf8_avx2.cpp.
  for (; p + 256 <= s.size(); p += 256) {
    const char* const at = s.data() + p;
    const __m512i b0 = _mm512_loadu_si512(at), b1 = _mm512_loadu_si512(at + 64), b2 = _mm512_loadu_si512(at + 128),
                  b3 = _mm512_loadu_si512(at + 192);
    const __m512i bad = _mm512_or_si512(_mm512_or_si512(errors(b0, prev), errors(b1, b0)),
                                        _mm512_or_si512(errors(b2, b1), errors(b3, b2)));
    if (any(bad)) break;
    prev = b3;
  }
  __m512i prev_unfinished = unfinished(prev);
  for (; p + 64 <= s.size(); p += 64) {
    const __m512i in = _mm512_loadu_si512(s.data() + p);
    __m512i bad;
    if (_mm512_movepi8_mask(in) == 0) {  // ASCII: wrong only if the last block left a sequence unfinished
      bad = prev_unfinished;
      prev_unfinished = _mm512_setzero_si512();
    } else {
      bad = errors(in, prev);
      prev_unfinished = unfinished(in);
    }
    if (any(bad)) break;
    prev = in;
  }
  return valid_run_end_scalar(s, boundary_before(s, i, p));
}

}  // namespace quanze::utf8::detail

#undef QUANZE_AVX512

#endif
