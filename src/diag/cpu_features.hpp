// What the CPU that runs quanze has of the instruction sets its SIMD paths
// are compiled for (function by function, with target attributes): the
// build targets the baseline x86-64, which has none of them, and every
// path is chosen at run time by what is asked here, once.
#pragma once

namespace quanze {

struct CpuFeatures {
  bool avx2 = false;
  bool popcnt = false;
  bool pclmul = false;
  bool bmi = false;
  bool avx512f = false;
  bool avx512bw = false;
  bool avx512vbmi2 = false;
  /// AVX-512 F and BW on a CPU that does not slow down for them: one with
  /// VBMI2 too (Ice Lake, Zen 4 and later; simdjson draws the same line).
  /// Skylake-X and Cascade Lake have F and BW but lower the core's clock
  /// while 512-bit instructions run, which costs the rest of a row more
  /// than the wider blocks save.
  bool wide_avx512() const { return avx512f && avx512bw && avx512vbmi2; }
};

/// All false off x86-64.
const CpuFeatures& cpu_features();

}  // namespace quanze
