// The rule tests' report, for the analyst who wrote them: what failed and
// why (the derivation, as `quanze explain` tells it), what no test reached.
#include <fmt/format.h>

#include "eval/program.hpp"
#include "quanze/explain.hpp"
#include "quanze/rule_tests.hpp"

namespace quanze {
namespace {

/// "keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91）"
std::string rule_ref(const Policy& policy, const std::string& id) {
  const RuleInfo* info = policy.find_rule(id);
  if (!info) return id;
  return id + (info->title.empty() ? "" : "「" + info->title + "」") + fmt::format("（{}:{}）", info->file, info->line);
}

std::string indented(const std::string& text, std::string_view indent) {
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += std::string(indent) + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

std::string failure(const TestResult& r, const Policy& policy) {
  std::string out = fmt::format("{}:{}: 失败：{}\n", r.file, r.line, r.name.empty() ? "（未命名）" : r.name);
  for (const TestMismatch& m : r.mismatches)
    out += fmt::format("  {}：期望 {}，实际 {}\n", m.what, m.expected, m.actual);
  for (const std::string& p : r.problems) out += "  数据问题：" + p + "\n";
  out += "  推导：\n" + indented(explain_text(r.derivation, policy, r.file), "    ");
  return out;
}

std::string coverage(const TestRun& run, const Policy& policy) {
  std::string rules, requirements;
  for (const TestedRule& t : run.coverage) {
    if (t.exercised()) continue;
    if (!t.requirement) {
      rules += "  · " + rule_ref(policy, t.rule) + "\n";
      continue;
    }
    requirements += "  · " + rule_ref(policy, t.rule) +
                    (t.checked ? fmt::format("：检查 {} 次，都满足\n", t.checked) : std::string("：没有检查过\n"));
  }
  std::string out;
  if (!rules.empty()) out += "没有测试用到的规则（既没有作出决定，也没有被推翻）：\n" + rules;
  if (!requirements.empty()) out += "没有测试触发的依据要求：\n" + requirements;
  if (run.has_default && run.by_default == 0) {
    const CompiledDefault& d = *policy.program().default_;
    out += fmt::format("没有测试由 default 决定（{}:{}）\n", policy.program().file_path(d.file), d.line);
  }
  return out;
}

}  // namespace

std::string test_run_text(const TestRun& run, const Policy& policy, bool verbose) {
  std::string out;
  for (const TestResult& r : run.results) {
    if (!r.passed) out += failure(r, policy) + "\n";
    else if (verbose) out += fmt::format("{}:{}: 通过：{}\n", r.file, r.line, r.name.empty() ? "（未命名）" : r.name);
  }
  out += coverage(run, policy);
  out += fmt::format("{} passed, {} failed\n", run.passed(), run.failed());
  return out;
}

}  // namespace quanze
