// A rule file of any bytes: parsed, checked, compiled, its diagnostics
// rendered; a small policy that loads is also analysed, and items made of
// its fields' representative values are evaluated with and without the
// evaluation memo, which must agree (eval/evaluation_memo.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "analysis/field_domains.hpp"
#include "eval/describe.hpp"
#include "eval/evaluation_memo.hpp"
#include "quanze/analysis.hpp"
#include "quanze/engine.hpp"

namespace {

bool same(const quanze::Evaluation& a, const quanze::Evaluation& b) {
  auto same_code = [](const char* x, const char* y) { return x == y || (x && y && !std::strcmp(x, y)); };
  if (a.checks.size() != b.checks.size()) return false;
  for (std::size_t i = 0; i < a.checks.size(); ++i)
    if (a.checks[i].requirement != b.checks[i].requirement || a.checks[i].held != b.checks[i].held) return false;
  return a.status == b.status && a.outcome == b.outcome && a.by_default == b.by_default &&
         a.applicable == b.applicable && a.live == b.live && a.deciding == b.deciding &&
         a.outranked == b.outranked && a.outcomes == b.outcomes && a.error == b.error &&
         same_code(a.error_code, b.error_code) && a.error_source == b.error_source && a.error_index == b.error_index;
}

/// Items whose every field takes one of its representative values, chosen
/// by a generator seeded with the file's bytes; many repeat, so the memo
/// answers most of them.
void check_evaluation_memo(const quanze::Program& program, const std::string& text) {
  using namespace quanze;
  std::vector<FieldDomain> domains = field_domains(program);
  for (const FieldDomain& d : domains)
    if (d.values.empty()) return;
  const InForce in_force = InForce::on(program, Date::parse("2025-06-30").value());
  Evaluator alone(program, in_force), memoized(program, in_force);
  EvaluationMemo memo(program, memoized);
  std::uint64_t seed = std::hash<std::string>{}(text);
  ItemValues item;
  item.values.resize(domains.size());
  item.bases.resize(domains.size());
  Evaluation expected;
  std::string numbered, whole;
  std::map<std::string, std::string> whole_of, numbered_of;  // each key of one kind by the other's
  for (int n = 0; n < 300; ++n) {
    for (std::size_t f = 0; f < domains.size(); ++f) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      std::size_t k = (seed >> 33) % domains[f].values.size();
      item.values[f] = domains[f].values[k];
      item.bases[f] = domains[f].bases[k];
    }
    alone.evaluate(item, expected);
    const bool trail = n % 2 == 0;
    const KeptEvaluation& got = memo.evaluate(memoized, item, trail);
    if (!same(got.evaluation, expected)) std::abort();
    if (!got.kept) continue;
    // The key made from the kept prefix's number is there when the whole
    // key is, and tells items apart exactly as it does.
    const std::string whole_key(describe_key(program, expected, item, got.trail, whole));
    if ((got.prefix_id != 0) == whole_key.empty()) std::abort();
    if (!got.prefix_id) continue;
    const std::string numbered_key(describe_key(program, got.prefix_id, got.holes, item, numbered));
    if (whole_of.try_emplace(numbered_key, whole_key).first->second != whole_key) std::abort();
    if (numbered_of.try_emplace(whole_key, numbered_key).first->second != numbered_key) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // A file name in no folder: imports resolve nowhere but fail cleanly.
  quanze::PolicyLoad load = quanze::load_policy_text("/nonexistent/fuzz.qz", text);
  for (const quanze::Diagnostic& d : load.diagnostics.items()) (void)quanze::render(d);
  if (load.policy && load.policy->rules().size() <= 12) {
    quanze::Diagnostics findings = quanze::analyze_policy(*load.policy);
    for (const quanze::Diagnostic& d : findings.items()) (void)quanze::render(d);
    check_evaluation_memo(load.policy->program(), text);
  }
  return 0;
}
