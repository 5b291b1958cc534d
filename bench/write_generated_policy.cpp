// Writes the policy BM_LoadGeneratedPolicy/N loads to standard output, so
// the same rules can be timed through the command line:
//
//   build/write_generated_policy 2500 > /tmp/10k.qz   # 10,000 rules
//   /usr/bin/time -v build/quanze check --no-analysis /tmp/10k.qz
#include <cstdio>
#include <cstdlib>
#include <string>

#include "generated_policy.hpp"

int main(int argc, char** argv) {
  int families = argc > 1 ? std::atoi(argv[1]) : 2500;
  if (families < 0) {
    std::fprintf(stderr, "usage: write_generated_policy [FAMILIES]  (four rules each; default 2500)\n");
    return 2;
  }
  std::string text = quanze::bench::generated_policy(families);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
