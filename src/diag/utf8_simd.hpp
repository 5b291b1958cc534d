// The two ways valid_run_end checks UTF-8, for utf8.cpp's dispatch and for
// the tests, which hold the SIMD path to the scalar one byte for byte.
#pragma once

#include <cstddef>
#include <string_view>

namespace quanze::utf8::detail {

/// valid_run_end a sequence at a time: the reference, the fallback on
/// machines without AVX2, and how the SIMD path finishes every call.
std::size_t valid_run_end_scalar(std::string_view s, std::size_t i);

/// The path valid_run_end takes on this machine: the widest the CPU has.
enum class SimdPath { none, avx2, avx512 };
SimdPath simd_path();
/// True when valid_run_end takes a SIMD path on this machine.
inline bool simd_in_use() { return simd_path() != SimdPath::none; }

#if defined(__x86_64__)
/// valid_run_end 32 bytes at a time; only call it when the CPU has AVX2.
std::size_t valid_run_end_avx2(std::string_view s, std::size_t i);
/// valid_run_end 64 bytes at a time; only call it when the CPU has
/// AVX-512 F and BW (simd_path takes it only where they run at full
/// clock: CpuFeatures::wide_avx512).
std::size_t valid_run_end_avx512(std::string_view s, std::size_t i);
#endif

}  // namespace quanze::utf8::detail
