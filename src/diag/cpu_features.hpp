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
};

/// All false off x86-64.
const CpuFeatures& cpu_features();

}  // namespace quanze
