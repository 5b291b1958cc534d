// A rule file of any bytes: parsed, checked, compiled, its diagnostics
// rendered; a small policy that loads is also analysed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "quanze/analysis.hpp"
#include "quanze/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // A file name in no folder: imports resolve nowhere but fail cleanly.
  quanze::PolicyLoad load = quanze::load_policy_text("/nonexistent/fuzz.qz", text);
  for (const quanze::Diagnostic& d : load.diagnostics.items()) (void)quanze::render(d);
  if (load.policy && load.policy->rules().size() <= 12) {
    quanze::Diagnostics findings = quanze::analyze_policy(*load.policy);
    for (const quanze::Diagnostic& d : findings.items()) (void)quanze::render(d);
  }
  return 0;
}
