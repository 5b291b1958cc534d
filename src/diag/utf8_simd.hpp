// The two ways valid_run_end checks UTF-8, for utf8.cpp's dispatch and for
// the tests, which hold the SIMD path to the scalar one byte for byte.
#pragma once

#include <cstddef>
#include <string_view>

namespace quanze::utf8::detail {

/// valid_run_end a sequence at a time: the reference, the fallback on
/// machines without AVX2, and how the SIMD path finishes every call.
std::size_t valid_run_end_scalar(std::string_view s, std::size_t i);

/// True when valid_run_end takes the SIMD path on this machine.
bool simd_in_use();

#if defined(__x86_64__)
/// valid_run_end 32 bytes at a time; only call it when the CPU has AVX2.
std::size_t valid_run_end_avx2(std::string_view s, std::size_t i);
#endif

}  // namespace quanze::utf8::detail
