// Running rule tests: every test's cells become one row of a list whose
// columns are the policy's headers, classified as any list is, so a test
// decides exactly as the same item would in a department's list.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "analysis/test_text.hpp"
#include "diag/codes.hpp"
#include "eval/program.hpp"
#include "quanze/rule_tests.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

enum class What { status, outcome, mode, target, receiver, rules, requirements };

struct ExpectationKey {
  std::string_view label;  // as the CSV output's columns say it
  std::string_view id;     // as the decision record's keys say it
  What what;
};

constexpr ExpectationKey kExpectations[] = {
    {"状态", "status", What::status},          {"处理结果", "outcome", What::outcome},
    {"下放方式", "mode", What::mode},          {"承接层级", "target", What::target},
    {"承接主体", "receiver", What::receiver},  {"依据规则", "rules", What::rules},
    {"触发要求", "requirements", What::requirements},
};

constexpr std::string_view kNone = "无";

/// An expected value; `given` false when the test does not expect it.
template <typename T>
struct Expected {
  bool given = false;
  std::optional<T> value;  ///< nullopt: expected to be none (无)
};

struct Expectations {
  std::optional<Status> status;
  Expected<Outcome> outcome;
  Expected<Mode> mode;
  Expected<std::string> target, receiver;
  Expected<std::vector<std::string>> rules, requirements;
};

template <typename E, std::size_t N>
std::optional<E> word(std::string_view text, const E (&all)[N], std::string_view (*label)(E),
                      std::string_view (*id)(E)) {
  for (E e : all)
    if (text == label(e) || text == id(e)) return e;
  return std::nullopt;
}

constexpr Status kStatuses[] = {Status::decided, Status::conflict, Status::undecided, Status::rejected, Status::error};
constexpr Outcome kOutcomes[] = {Outcome::cancel, Outcome::delegate, Outcome::keep, Outcome::filing};
constexpr Mode kModes[] = {Mode::authorization, Mode::entrustment, Mode::direct};

template <typename E, std::size_t N>
std::string labels(const E (&all)[N], std::string_view (*label)(E)) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) out += fmt::format("{}{}", i == 0 ? "" : i + 1 == N ? " or " : ", ", label(all[i]));
  return out;
}

/// The columns of the list the tests make: each header the schema reads,
/// once, in schema order; a key finds its column by header, by one of the
/// header's `from "A" | "B"` aliases (a list may head it so), else by field.
struct Columns {
  std::vector<std::string> headers;
  std::map<std::string, std::size_t, std::less<>> by_key;

  explicit Columns(const Policy& policy) {
    std::vector<std::pair<std::string, std::string>> fields = policy.fields();
    std::vector<std::vector<std::string>> aliases = policy.field_headers();
    for (const auto& [name, header] : fields) {
      if (by_key.count(header)) continue;
      by_key.emplace(header, headers.size());
      headers.push_back(header);
    }
    for (std::size_t f = 0; f < fields.size(); ++f) {
      std::size_t column = by_key.at(fields[f].second);
      for (const std::string& alias : aliases[f]) by_key.emplace(alias, column);
    }
    for (const auto& [name, header] : fields) by_key.emplace(name, by_key.at(header));
  }
};

class Binder {
 public:
  explicit Binder(const Policy& policy) : policy_(policy), columns_(policy) {
    has_default_ = policy.program().default_.has_value();
  }

  const Columns& columns() const { return columns_; }

  struct Bound {
    Row row;
    std::vector<const TestEntry*> cell_from;  ///< per column: the entry that gave it
    Expectations expect;
  };

  /// One file's tests as rows, or errors.
  std::vector<Bound> bind(const RuleTestFile& file, Diagnostics& diags) {
    Diagnostics found;
    diags_ = &found;
    file_ = &file;
    std::vector<Bound> out = bind_tests(file);
    analysis::append_in_file_order(found, diags);
    return out;
  }

 private:
  std::vector<Bound> bind_tests(const RuleTestFile& file) {
    std::vector<std::vector<std::pair<std::size_t, const TestEntry*>>> commons;
    for (const std::vector<TestEntry>& common : file.commons) commons.push_back(resolve(common));
    std::vector<Bound> out;
    for (const RuleTest& test : file.tests) {
      Bound b;
      b.row.cells.assign(columns_.headers.size(), "");
      b.row.line = file.position(test.at).line;
      b.cell_from.assign(columns_.headers.size(), nullptr);
      auto put = [&](const std::vector<std::pair<std::size_t, const TestEntry*>>& cells) {
        for (const auto& [column, entry] : cells) {
          b.row.cells.set(column, entry->value);
          b.cell_from[column] = entry;
        }
      };
      if (test.common >= 0) put(commons[test.common]);
      put(resolve(test.cells));  // the test's own cells win over 【共同】's
      b.expect = expectations(test.expect);
      out.push_back(std::move(b));
    }
    return out;
  }

  void error(const char* code, const SourceRange& range, std::string message) {
    diags_->error(code, file_->sources, range, std::move(message));
  }
  std::uint32_t line_of(const SourceRange& range) const { return file_->position(range).line; }

  std::vector<std::pair<std::size_t, const TestEntry*>> resolve(const std::vector<TestEntry>& entries) {
    std::vector<std::pair<std::size_t, const TestEntry*>> out;
    for (const TestEntry& e : entries) {
      auto it = columns_.by_key.find(e.key);
      if (it == columns_.by_key.end()) {
        std::string present;
        for (const std::string& h : columns_.headers) present += (present.empty() ? "" : ", ") + h;
        error(code::test_unknown_column, e.key_range,
              fmt::format("the policy reads no column \"{}\": write one of its headers ({}) or a field name", e.key,
                          present));
        continue;
      }
      auto same = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == it->second; });
      if (same != out.end()) {
        error(code::test_duplicate, e.key_range,
              fmt::format("{} and {} are the same column, {} (first on line {})", same->second->key, e.key,
                          columns_.headers[it->second], line_of(same->second->key_range)));
        continue;
      }
      out.emplace_back(it->second, &e);
    }
    return out;
  }

  Expectations expectations(const std::vector<TestEntry>& entries) {
    Expectations x;
    std::map<What, const TestEntry*> seen;
    for (const TestEntry& e : entries) {
      auto key = std::find_if(std::begin(kExpectations), std::end(kExpectations),
                              [&](const ExpectationKey& k) { return e.key == k.label || e.key == k.id; });
      if (key == std::end(kExpectations)) {
        error(code::test_unknown_expectation, e.key_range,
              fmt::format("cannot expect \"{}\": expect 状态, 处理结果, 下放方式, 承接层级, 承接主体, 依据规则 or "
                          "触发要求",
                          e.key));
        continue;
      }
      if (auto earlier = seen.find(key->what); earlier != seen.end()) {
        error(code::test_duplicate, e.key_range,
              fmt::format("{} is given twice here (first on line {}, as {})", e.key,
                          line_of(earlier->second->key_range), earlier->second->key));
        continue;
      }
      seen.emplace(key->what, &e);
      expect(x, key->what, e);
    }
    return x;
  }

  void expect(Expectations& x, What what, const TestEntry& e) {
    bool none = e.value.empty() || e.value == kNone;
    auto bad = [&](std::string_view kind, const std::string& allowed) {
      error(code::test_bad_value, e.value.empty() ? e.key_range : e.value_range,
            fmt::format("\"{}\" is not a {}: write {}", e.value, kind, allowed));
    };
    switch (what) {
      case What::status:
        if (auto s = word(e.value, kStatuses, status_label, status_id)) x.status = s;
        else if (e.value == "被拒绝") x.status = Status::rejected;  // language.md's word for it
        else bad("状态", labels(kStatuses, status_label));
        return;
      case What::outcome:
        x.outcome.given = true;
        if (none) return;
        if (auto o = word(e.value, kOutcomes, outcome_label, outcome_id)) x.outcome.value = o;
        else if (e.value == "审批改为备案") x.outcome.value = Outcome::filing;
        else bad("处理结果", labels(kOutcomes, outcome_label) + " (无 for none)");
        return;
      case What::mode:
        x.mode.given = true;
        if (none) return;
        if (auto m = word(e.value, kModes, mode_label, mode_id)) x.mode.value = m;
        else bad("下放方式", labels(kModes, mode_label) + " (无 for none)");
        return;
      case What::target:
        x.target.given = true;
        if (!none) x.target.value = e.value;
        return;
      case What::receiver:
        x.receiver.given = true;
        if (!none) x.receiver.value = e.value;
        return;
      case What::rules:
      case What::requirements: {
        bool requirements = what == What::requirements;
        Expected<std::vector<std::string>>& into = requirements ? x.requirements : x.rules;
        into.given = true;
        into.value.emplace();
        if (none) return;
        for (const auto& [offset, id] : analysis::split_list(e.value)) {
          SourceRange at{0, static_cast<std::uint32_t>(e.value_range.begin + offset),
                         static_cast<std::uint32_t>(e.value_range.begin + offset + id.size())};
          if (std::string problem = rule_problem(id, requirements); !problem.empty())
            error(code::test_unknown_rule, at, problem);
          into.value->emplace_back(id);
        }
        return;
      }
    }
  }

  /// Why `id` cannot be expected here, or empty when it can.
  std::string rule_problem(std::string_view id, bool requirement) const {
    if (!requirement && id == "default")
      return has_default_ ? "" : "the policy has no default, so no item is decided by default";
    const RuleInfo* info = policy_.find_rule(id);
    if (!info) {
      std::string message = fmt::format("the policy has no {} \"{}\"", requirement ? "requirement" : "rule", id);
      if (std::string near = nearest(id, requirement); !near.empty()) message += "; did you mean " + near + "?";
      return message;
    }
    if (info->requirement && !requirement)
      return fmt::format("{} is a requirement, not a rule: expect it under 触发要求", id);
    if (!info->requirement && requirement)
      return fmt::format("{} is a rule, not a requirement: expect it under 依据规则", id);
    return "";
  }

  /// The rule (or requirement) id a typo most likely meant, if one is close.
  std::string nearest(std::string_view id, bool requirement) const {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, id.size() / 3) + 1;
    for (const RuleInfo& r : policy_.rules()) {
      if (r.requirement != requirement) continue;
      std::size_t d = analysis::edit_distance(id, r.id);
      if (d < best_distance) best = r.id, best_distance = d;
    }
    return best;
  }

  const Policy& policy_;
  Columns columns_;
  Diagnostics* diags_ = nullptr;
  const RuleTestFile* file_ = nullptr;
  bool has_default_ = false;
};

/// `none` stands for a missing value: 无, or for an item not decided
/// 无（状态为冲突）, so the cause shows where the value is compared.
template <typename T>
std::string shown(const std::optional<T>& v, std::string_view none = kNone) {
  if (!v) return std::string(none);
  if constexpr (std::is_same_v<T, Outcome>) return std::string(outcome_label(*v));
  else if constexpr (std::is_same_v<T, Mode>) return std::string(mode_label(*v));
  else return *v;
}

std::string shown(const std::vector<std::string>& ids) {
  if (ids.empty()) return std::string(kNone);
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : "、") + id;
  return out;
}

/// Each expectation against the record, in the order the keys are listed.
std::vector<TestMismatch> compare(const Expectations& x, const DecisionRecord& r) {
  std::vector<TestMismatch> out;
  auto check = [&](std::string_view what, bool differs, std::string expected, std::string actual) {
    if (differs) out.push_back({std::string(what), std::move(expected), std::move(actual)});
  };
  std::string none = r.status == Status::decided || x.status
                         ? std::string(kNone)
                         : fmt::format("{}（状态为{}）", kNone, status_label(r.status));
  if (x.status) check("状态", *x.status != r.status, std::string(status_label(*x.status)), std::string(status_label(r.status)));
  if (x.outcome.given) check("处理结果", x.outcome.value != r.outcome, shown(x.outcome.value), shown(r.outcome, none));
  if (x.mode.given) check("下放方式", x.mode.value != r.mode, shown(x.mode.value), shown(r.mode, none));
  if (x.target.given) check("承接层级", x.target.value != r.target, shown(x.target.value), shown(r.target, none));
  if (x.receiver.given) check("承接主体", x.receiver.value != r.receiver, shown(x.receiver.value), shown(r.receiver, none));
  if (x.rules.given) {
    // Rules that decide together are a set: the order they are written in
    // says nothing.
    std::vector<std::string> want = *x.rules.value, got = r.rules;
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    check("依据规则", want != got, shown(*x.rules.value), shown(r.rules));
  }
  if (x.requirements.given) {
    std::vector<std::string> fired;  // in firing order, which matters: each fallback feeds the next check
    for (const RequirementCheck& c : r.requirements)
      if (!c.held) fired.push_back(c.rule);
    check("触发要求", *x.requirements.value != fired, shown(*x.requirements.value), shown(fired));
  }
  return out;
}

class CoverageCounter {
 public:
  explicit CoverageCounter(const Policy& policy, TestRun& run) : run_(run) {
    for (const RuleInfo& r : policy.rules()) {
      index_.emplace(r.id, run.coverage.size());
      run.coverage.push_back({r.id, r.requirement});
    }
  }

  void add(const DecisionRecord& r) {
    for (const std::string& id : r.rules) {
      if (id == "default") ++run_.by_default;
      else if (TestedRule* t = at(id)) ++t->decided;
    }
    for (const std::string& id : r.outranked)
      if (TestedRule* t = at(id)) ++t->decided;
    for (const Defeat& d : r.defeated)
      if (TestedRule* t = at(d.rule)) ++t->defeated;
    for (const RequirementCheck& c : r.requirements)
      if (TestedRule* t = at(c.rule)) ++t->checked, t->fired += !c.held;
  }

 private:
  TestedRule* at(const std::string& id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &run_.coverage[it->second];
  }
  TestRun& run_;
  std::map<std::string, std::size_t> index_;
};

/// Cells the engine rejected, located where the test file gave them.
std::vector<std::string> problems(const DecisionRecord& r, const RuleTestFile& file,
                                  const std::vector<const TestEntry*>& cell_from) {
  std::vector<std::string> out;
  for (const RowProblem& p : r.problems) {
    const TestEntry* from = p.column >= 1 && p.column <= cell_from.size() ? cell_from[p.column - 1] : nullptr;
    LineColumn at = from ? file.position(from->value_range) : LineColumn{};
    out.push_back(from ? fmt::format("{}:{}:{}: [{}] {}", file.path, at.line, at.column, p.code, p.message)
                       : fmt::format("{}: [{}] {}", file.path, p.code, p.message));
  }
  return out;
}

}  // namespace

std::size_t TestRun::passed() const {
  return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [](const TestResult& r) { return r.passed; }));
}
std::size_t TestRun::failed() const { return results.size() - passed(); }

std::unique_ptr<TestRun> run_rule_tests(std::shared_ptr<const Policy> policy, const std::vector<RuleTestFile>& files,
                                        Diagnostics& diags) {
  std::size_t errors = diags.error_count();
  Binder binder(*policy);
  std::vector<std::vector<Binder::Bound>> bound;
  for (const RuleTestFile& file : files) bound.push_back(binder.bind(file, diags));
  if (diags.error_count() != errors) return nullptr;

  Table table;
  table.source = "rule tests";
  table.headers = binder.columns().headers;
  std::unique_ptr<Classifier> classifier = Classifier::bind(policy, table, diags);
  if (!classifier) return nullptr;  // cannot happen: the table has every header the schema reads

  auto run = std::make_unique<TestRun>();
  run->has_default = policy->program().default_.has_value();
  CoverageCounter coverage(*policy, *run);
  for (std::size_t f = 0; f < files.size(); ++f) {
    for (std::size_t t = 0; t < files[f].tests.size(); ++t) {
      const RuleTest& test = files[f].tests[t];
      const Binder::Bound& b = bound[f][t];
      TestResult result;
      result.file = files[f].path;
      result.line = static_cast<std::uint32_t>(b.row.line);
      result.name = test.name;
      result.derivation = classifier->derive(b.row);
      result.mismatches = compare(b.expect, result.derivation.record);
      result.problems = problems(result.derivation.record, files[f], b.cell_from);
      result.passed = result.mismatches.empty();
      coverage.add(result.derivation.record);
      run->results.push_back(std::move(result));
    }
  }
  return run;
}

}  // namespace quanze
