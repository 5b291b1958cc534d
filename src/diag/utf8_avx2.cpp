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

using namespace lookup;

#define QUANZE_AVX2 __attribute__((target("avx2")))

QUANZE_AVX2 inline __m256i table(const unsigned char (&t)[16]) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t)));
}

QUANZE_AVX2 inline __m256i high_nibbles(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

/// Bytes of `in` shifted up by N, the last N of `prev` coming in below.
/// alignr works within 128-bit lanes, hence the lane swap first.
template <int N>
QUANZE_AVX2 inline __m256i shifted(__m256i in, __m256i prev) {
  __m256i straddle = _mm256_permute2x128_si256(prev, in, 0x21);  // prev's high lane, in's low lane
  return _mm256_alignr_epi8(in, straddle, 16 - N);
}

/// Non-zero bytes where `in`, following `prev`, is not well-formed.
QUANZE_AVX2 inline __m256i errors(__m256i in, __m256i prev) {
  __m256i prev1 = shifted<1>(in, prev);
  __m256i found = _mm256_and_si256(
      _mm256_and_si256(_mm256_shuffle_epi8(table(kPrevHigh), high_nibbles(prev1)),
                       _mm256_shuffle_epi8(table(kPrevLow), _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
      _mm256_shuffle_epi8(table(kCurHigh), high_nibbles(in)));
  // A byte two after an E0..FF lead or three after F0..FF must be a
  // continuation byte after one: its kTwoConts is then expected, and
  // cancels; anywhere else it is an error. Subtracting 0x60 (0x70) with
  // saturation leaves the high bit set exactly from E0 (F0) up.
  __m256i third = _mm256_subs_epu8(shifted<2>(in, prev), _mm256_set1_epi8(0x60));
  __m256i fourth = _mm256_subs_epu8(shifted<3>(in, prev), _mm256_set1_epi8(0x70));
  __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(char(0x80)));
  return _mm256_xor_si256(found, must_continue);
}

/// Non-zero when the block ends inside a sequence: a lead in its last
/// byte, an E0.. lead in the last two or an F0.. lead in the last three.
/// An ASCII block after it is then an error.
QUANZE_AVX2 inline __m256i unfinished(__m256i in) {
  const __m256i limits = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,  //
                                          -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, char(0xEF),
                                          char(0xDF), char(0xBF));
  return _mm256_subs_epu8(in, limits);
}

}  // namespace

QUANZE_AVX2 std::size_t valid_run_end_avx2(std::string_view s, std::size_t i) {
  std::size_t p = i;
  // Nothing comes before `i`: what precedes it counts as ASCII, so a
  // continuation byte at `i` is an error, as it is for the scalar routine.
  __m256i prev = _mm256_setzero_si256();
  // Four blocks at a time, their errors tested once: lists mix Chinese
  // text and short runs of ASCII, so the ASCII shortcut below was a coin
  // toss a block, and a test and a branch a block cost more than errors()
  // on ASCII. errors() alone is complete here, the next block checking
  // what this one left unfinished. A group with an error is read again
  // block by block below, from the same state, which finds the block.
  for (; p + 128 <= s.size(); p += 128) {
    const __m256i* const at = reinterpret_cast<const __m256i*>(s.data() + p);
    const __m256i b0 = _mm256_loadu_si256(at), b1 = _mm256_loadu_si256(at + 1), b2 = _mm256_loadu_si256(at + 2),
                  b3 = _mm256_loadu_si256(at + 3);
    const __m256i bad = _mm256_or_si256(_mm256_or_si256(errors(b0, prev), errors(b1, b0)),
                                        _mm256_or_si256(errors(b2, b1), errors(b3, b2)));
    if (!_mm256_testz_si256(bad, bad)) break;
    prev = b3;
  }
  __m256i prev_unfinished = unfinished(prev);
  for (; p + 32 <= s.size(); p += 32) {
    __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + p));
    __m256i bad;
    if (_mm256_movemask_epi8(in) == 0) {  // ASCII: wrong only if the last block left a sequence unfinished
      bad = prev_unfinished;
      prev_unfinished = _mm256_setzero_si256();
    } else {
      bad = errors(in, prev);
      prev_unfinished = unfinished(in);
    }
    if (!_mm256_testz_si256(bad, bad)) break;
    prev = in;
  }
  // The bad block, or the tail shorter than a block: a sequence at a time.
  return valid_run_end_scalar(s, boundary_before(s, i, p));
}

}  // namespace quanze::utf8::detail

#undef QUANZE_AVX2

#endif
