#include "diag/cpu_features.hpp"

namespace quanze {

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = [] {
    CpuFeatures f;
#if defined(__x86_64__)
    __builtin_cpu_init();
    f.avx2 = __builtin_cpu_supports("avx2");
    f.popcnt = __builtin_cpu_supports("popcnt");
    f.pclmul = __builtin_cpu_supports("pclmul");
    f.bmi = __builtin_cpu_supports("bmi");
    f.avx512f = __builtin_cpu_supports("avx512f");
    f.avx512bw = __builtin_cpu_supports("avx512bw");
    f.avx512vbmi2 = __builtin_cpu_supports("avx512vbmi2");
#endif
    return f;
  }();
  return features;
}

}  // namespace quanze
