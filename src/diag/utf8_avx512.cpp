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
#include "diag/utf8_vector_ops.hpp"

namespace quanze::utf8::detail {
namespace {

using namespace lookup;
#define QUANZE_UTF8_TARGET QUANZE_UTF8_AVX512
#include "diag/utf8_blocks.hpp"
#undef QUANZE_UTF8_TARGET

}  // namespace

QUANZE_UTF8_AVX512 std::size_t valid_run_end_avx512(std::string_view s, std::size_t i) {
  return valid_run_end_blocks<Avx512>(s, i);
}

}  // namespace quanze::utf8::detail

#endif
