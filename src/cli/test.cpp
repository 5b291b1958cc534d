// quanze test: an analyst's example items, each with the decision it should
// get, run against the policy; failures come with their derivation.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/rule_tests.hpp"

namespace quanze::cli {
namespace {

struct TestOptions {
  std::vector<std::string> rules;
  std::vector<std::string> files;
  bool verbose = false;
};

int run_test(const TestOptions& o) {
  PolicyLoad load = o.rules.empty() ? load_baseline_policy() : load_policy(o.rules, policy_load_options());
  print_diagnostics(load.diagnostics);
  if (!load.policy) return kFailure;
  Diagnostics diags;
  std::vector<RuleTestFile> files(o.files.size());
  bool read = true;
  for (std::size_t i = 0; i < o.files.size(); ++i) read = read_rule_tests(o.files[i], files[i], diags) && read;
  std::unique_ptr<TestRun> run;
  // Names are checked only once every file reads: a syntax error's
  // consequences would be noise.
  if (read) run = run_rule_tests(load.policy, files, diags);
  print_diagnostics(diags);
  if (!run) {
    std::size_t errors = diags.error_count();
    std::cerr << fmt::format("{} error{} in the test files; no test was run\n", errors, errors == 1 ? "" : "s");
    return kFailure;
  }
  std::cout << test_run_text(*run, *load.policy, o.verbose);
  return run->failed() == 0 ? kSuccess : kFailure;
}

}  // namespace

Command add_test(CLI::App& app) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* sub = app.add_subcommand("test", "Run rule tests (.qztest): example items and the decisions they should get");
  sub->add_option("-r,--rules", o->rules,
                  "Rule file (.qz); repeat for several. Without it: the shipped baseline policy")
      ->type_name("FILE")
      ->allow_extra_args(false);  // --rules a.qz b.qztest: b is a test file, not a second rule file
  sub->add_option("files", o->files, "Test files (.qztest); see docs/testing-rules.md")
      ->required()
      ->type_name("TESTFILE");
  sub->add_flag("-v,--verbose", o->verbose, "Also list the tests that passed");
  sub->footer("Prints each failing test with expected against actual and its derivation, the rules and\n"
              "requirements no test exercised, and last \"N passed, N failed\".\n"
              "Exit codes: 0 every test passed; 1 a test failed, or the rules or a test file have errors;\n"
              "2 a wrong command line.");
  return {sub, [o] { return run_test(*o); }};
}

}  // namespace quanze::cli
