// csv_scan.hpp's block operations with AVX2 (two 32-byte compares a class,
// not four of 16), POPCNT and PCLMUL (the parity of a quote mask in one
// carry-less multiply), and with AVX-512 BW (one compare a class), for the
// functions csv_simd.cpp compiles for such CPUs. Only code marked
// QUANZE_CSV_SIMD (QUANZE_CSV_AVX512) may call them, and only when
// csv_widest_scan() says the CPU has them.
#pragma once

#if defined(__x86_64__)

#include <immintrin.h>

#include "io/csv_scan.hpp"

#define QUANZE_CSV_SIMD __attribute__((target("avx2,popcnt,pclmul,bmi")))

namespace quanze {

struct SimdScan {
  QUANZE_CSV_SIMD static CsvBlockMasks masks(const char* block, char delimiter) {
    const __m256i vq = _mm256_set1_epi8('"'), vd = _mm256_set1_epi8(delimiter), vr = _mm256_set1_epi8('\r'),
                  vn = _mm256_set1_epi8('\n');
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
    CsvBlockMasks m;
    m.quote = bits(_mm256_cmpeq_epi8(lo, vq), _mm256_cmpeq_epi8(hi, vq));
    m.delimiter = bits(_mm256_cmpeq_epi8(lo, vd), _mm256_cmpeq_epi8(hi, vd));
    m.cr = bits(_mm256_cmpeq_epi8(lo, vr), _mm256_cmpeq_epi8(hi, vr));
    m.lf = bits(_mm256_cmpeq_epi8(lo, vn), _mm256_cmpeq_epi8(hi, vn));
    return m;
  }
  QUANZE_CSV_SIMD static std::uint64_t bits(__m256i lo, __m256i hi) {
    return std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(lo))} |
           std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(hi))} << 32;
  }
  QUANZE_CSV_SIMD static int count(std::uint64_t x) { return __builtin_popcountll(x); }
  QUANZE_CSV_SIMD static std::uint64_t parity(std::uint64_t x) {
    const __m128i product = _mm_clmulepi64_si128(_mm_set_epi64x(0, static_cast<long long>(x)), _mm_set1_epi8(-1), 0);
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(product));
  }
};

#define QUANZE_CSV_AVX512 __attribute__((target("avx512f,avx512bw,avx2,popcnt,pclmul,bmi")))

/// SimdScan with a block's masks from one 64-byte compare each, straight
/// into mask registers (no movemask of two halves, shifted and joined).
struct Avx512Scan : SimdScan {
  QUANZE_CSV_AVX512 static CsvBlockMasks masks(const char* block, char delimiter) {
    const __m512i v = _mm512_loadu_si512(block);
    CsvBlockMasks m;
    m.quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
    m.delimiter = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(delimiter));
    m.cr = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
    m.lf = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
    return m;
  }
};

}  // namespace quanze

#endif
