// How long `quanze check`'s analysis takes on a policy of hundreds of
// rules, and loading one of 10,000: generated over the baseline's schema
// (generated_policy.hpp).
#include <benchmark/benchmark.h>

#include "generated_policy.hpp"
#include "quanze/analysis.hpp"

namespace {

using quanze::bench::generated_policy;

void BM_AnalyzeGeneratedPolicy(benchmark::State& state) {
  int families = static_cast<int>(state.range(0));
  quanze::PolicyLoad load = quanze::load_policy_text("generated.qz", generated_policy(families));
  if (!load.policy) {
    state.SkipWithError(load.diagnostics.items().front().message.c_str());
    return;
  }
  std::size_t findings = 0;
  for (auto _ : state) findings = quanze::analyze_policy(*load.policy).items().size();
  state.counters["rules"] = static_cast<double>(load.policy->rules().size());
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_AnalyzeGeneratedPolicy)->Arg(25)->Arg(75)->Arg(150)->Unit(benchmark::kMillisecond);

/// Parse, check and compile (load_policy_text) of the same generated
/// policies: four rules a family, so 2,500 families are the 10,000 rules of
/// the issue 5 target (under 200 ms).
void BM_LoadGeneratedPolicy(benchmark::State& state) {
  int families = static_cast<int>(state.range(0));
  std::string text = generated_policy(families);
  std::size_t rules = 0;
  for (auto _ : state) {
    quanze::PolicyLoad load = quanze::load_policy_text("generated.qz", text);
    if (!load.policy) {
      state.SkipWithError(load.diagnostics.items().front().message.c_str());
      return;
    }
    rules = load.policy->rules().size();
  }
  state.counters["rules"] = static_cast<double>(rules);
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_LoadGeneratedPolicy)->Arg(250)->Arg(2500)->Unit(benchmark::kMillisecond);

}  // namespace
