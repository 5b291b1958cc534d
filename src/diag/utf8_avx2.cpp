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
#include "diag/utf8_vector_ops.hpp"

namespace quanze::utf8::detail {
namespace {

using namespace lookup;
#define QUANZE_UTF8_TARGET QUANZE_UTF8_AVX2
#include "diag/utf8_blocks.hpp"
#undef QUANZE_UTF8_TARGET

}  // namespace

QUANZE_UTF8_AVX2 std::size_t valid_run_end_avx2(std::string_view s, std::size_t i) {
  return valid_run_end_blocks<Avx2>(s, i);
}

}  // namespace quanze::utf8::detail

#endif
