// Rule tests: example items written by an analyst, each with the decision
// the policy should reach, in a .qztest file (docs/testing-rules.md). A
// test names only the columns that matter; every other cell is empty.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quanze/derivation.hpp"
#include "quanze/diagnostics.hpp"
#include "quanze/engine.hpp"
#include "quanze/source.hpp"

namespace quanze {

/// One `键：值` line as written. Under 【测试】 and 【共同】 the key names a
/// column of the list (by header or by schema field name) and the value is
/// the cell; under 【期望】 the key names what is expected. Ranges point into
/// the file, for diagnostics; the value's range covers the trimmed value.
struct TestEntry {
  std::string key;
  std::string value;
  SourceRange key_range;
  SourceRange value_range;
};

/// One 【测试】 block.
struct RuleTest {
  std::string name;  ///< the text after 【测试】; may be empty
  SourceRange at;    ///< the 【测试】 marker
  int common = -1;   ///< index into RuleTestFile::commons in force, or -1
  std::vector<TestEntry> cells;
  std::vector<TestEntry> expect;
};

/// A parsed test file. `sources` holds its text (file id 0), so positions
/// and caret lines can be given for any entry.
struct RuleTestFile {
  std::string path;
  SourceSet sources;
  /// Each 【共同】 block: cells every following test starts from, until the
  /// next 【共同】.
  std::vector<std::vector<TestEntry>> commons;
  std::vector<RuleTest> tests;

  LineColumn position(const SourceRange& range) const;
};

/// Parses a test file's text. Syntax problems go to `diags` (with line,
/// column and caret); false when there were any. Needs no policy: names are
/// checked by `run_rule_tests`.
bool parse_rule_tests(const std::string& path, std::string text, RuleTestFile& out, Diagnostics& diags);

/// Reads `path` and parses it; false when it cannot be read, is not UTF-8 or
/// has syntax errors.
bool read_rule_tests(const std::string& path, RuleTestFile& out, Diagnostics& diags);

/// An expectation that did not hold, as a person reads it: what (处理结果),
/// the expected and the actual value, with Chinese labels.
struct TestMismatch {
  std::string what;
  std::string expected;
  std::string actual;
};

/// What one test found.
struct TestResult {
  std::string file;
  std::uint32_t line = 0;  ///< of the 【测试】 marker
  std::string name;
  bool passed = true;
  std::vector<TestMismatch> mismatches;
  /// Cells the engine could not read (a value that is no member, not a
  /// number…), located in the test file: "file:line:col: [QZ6002] message".
  std::vector<std::string> problems;
  Derivation derivation;
};

/// How one rule or requirement fared over all tests.
struct TestedRule {
  std::string rule;
  bool requirement = false;
  std::uint32_t decided = 0;   ///< deciding rule (also: live in a conflict, outranked)
  std::uint32_t defeated = 0;  ///< applied, but an exception overrode it
  std::uint32_t checked = 0;   ///< requirements: checked against an outcome
  std::uint32_t fired = 0;     ///< requirements: did not hold
  /// A rule is exercised when it decided or was defeated in some test; a
  /// requirement when it fired in some test (its `else` was taken).
  bool exercised() const { return requirement ? fired > 0 : decided + defeated > 0; }
};

struct TestRun {
  std::vector<TestResult> results;  ///< files in order, tests in file order
  std::vector<TestedRule> coverage; ///< the policy's rules then requirements, in policy order
  bool has_default = false;         ///< the policy has a `default`
  std::uint32_t by_default = 0;     ///< tests the default decided

  std::size_t passed() const;
  std::size_t failed() const;
};

/// Checks every test against the policy — each key names a column or an
/// expectation, each expected rule exists, each value is one that can be
/// expected — and, when none has an error, runs them all. Errors go to
/// `diags`; null when there were any.
std::unique_ptr<TestRun> run_rule_tests(std::shared_ptr<const Policy> policy, const std::vector<RuleTestFile>& files,
                                        Diagnostics& diags);

/// The report for a person: each failing test with expected against actual
/// and its derivation (explain_text), every passing test too when
/// `verbose`, the rules and requirements no test exercised, and last the
/// line "N passed, N failed".
std::string test_run_text(const TestRun& run, const Policy& policy, bool verbose = false);

}  // namespace quanze
