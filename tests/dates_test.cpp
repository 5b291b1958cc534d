// Rules in force for a while: `effective` and `until` (生效, 有效至), the day a
// policy is applied as of, and what a rule out of force leaves behind.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "quanze/explain.hpp"
#include "quanze/output.hpp"
#include "test_support.hpp"

using namespace quanze;
using testing::Run;
using testing::run_quanze;
using testing::TempDir;

namespace {

// base delegates; a pilot keeps everything during 2024 (an exception to
// base); top cancels flagged items and is an exception to the pilot only.
// q, from 2025, keeps what would go down to a township.
const char* kPolicy = R"(schema {
  field id: text from "序号"
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市" } from "行使层级"
  field flag: bool from "标记"
}
rule base "下放": when level > township then delegate to next level by entrustment
exception pilot "试点保留" to base:
  when true then keep
  effective "2024-01-01" until "2024-12-31"
exception top "标记的取消" to pilot: when flag then cancel
require q "不下放到苏木乡镇" for delegate: level > county else keep 生效 "2025-01-01"
default keep
)";

const std::vector<std::string> kHeaders = {"序号", "行使层级", "标记"};

Table items() {
  return testing::make_table(kHeaders, {{{"序号", "A"}, {"行使层级", "盟市"}, {"标记", "是"}},
                                        {{"序号", "B"}, {"行使层级", "盟市"}, {"标记", "否"}},
                                        {{"序号", "C"}, {"行使层级", "旗县"}, {"标记", "否"}}});
}

std::vector<DecisionRecord> decide(const std::string& day, const std::string& policy = kPolicy) {
  PolicyLoad load = load_policy_text("p.qz", policy);
  REQUIRE_MESSAGE(load.policy, testing::joined(testing::summarize(load.diagnostics), "\n"));
  Table table = items();
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags, *Date::parse(day));
  REQUIRE(classifier);
  std::vector<DecisionRecord> out;
  for (const Row& row : table.rows) out.push_back(classifier->classify(row));
  return out;
}

std::string outcome(const DecisionRecord& r) {
  if (r.status != Status::decided) return std::string(status_id(r.status)) + ":" + testing::joined(r.rules);
  return std::string(outcome_id(*r.outcome)) + ":" + testing::joined(r.rules);
}

std::vector<std::string> checker_errors(const std::string& policy) {
  return testing::summarize(load_policy_text("p.qz", policy).diagnostics);
}

}  // namespace

TEST_CASE("dates: a rule counts only from its effective day to its until day, both included") {
  // B: the pilot keeps it during 2024; before and after, base delegates it.
  CHECK(outcome(decide("2023-12-31")[1]) == "delegate:base");
  CHECK(outcome(decide("2024-01-01")[1]) == "keep:pilot");
  CHECK(outcome(decide("2024-06-30")[1]) == "keep:pilot");
  CHECK(outcome(decide("2024-12-31")[1]) == "keep:pilot");
  CHECK(outcome(decide("2025-01-01")[1]) == "delegate:base");
}

TEST_CASE("dates: no override runs through a rule out of force") {
  // A: top overrides base only through the pilot. While the pilot is in
  // force, top decides alone and defeats both; outside its window top and
  // base are two rules no `to` joins, and their outcomes conflict.
  std::vector<DecisionRecord> during = decide("2024-06-30");
  CHECK(outcome(during[0]) == "cancel:top");
  REQUIRE(during[0].defeated.size() == 2);
  CHECK(during[0].defeated[0].rule == "base");
  CHECK(during[0].defeated[0].by == "top");
  CHECK(during[0].defeated[1].rule == "pilot");
  CHECK(outcome(decide("2023-06-30")[0]) == "conflict:base+top");
  CHECK(outcome(decide("2025-06-30")[0]) == "conflict:base+top");
}

TEST_CASE("dates: a requirement out of force is not checked") {
  // C: base delegates to a township; q keeps it instead, from 2025 on.
  std::vector<DecisionRecord> before = decide("2024-12-31");
  CHECK(outcome(before[2]) == "keep:pilot");
  CHECK(outcome(decide("2023-01-01")[2]) == "delegate:base");
  CHECK(decide("2023-01-01")[2].requirements.empty());
  DecisionRecord after = decide("2025-01-01")[2];
  CHECK(outcome(after) == "keep:base");
  REQUIRE(after.requirements.size() == 1);
  CHECK(after.requirements[0].rule == "q");
  CHECK_FALSE(after.requirements[0].held);
}

TEST_CASE("dates: every record says the day it was decided as of") {
  std::vector<DecisionRecord> records = decide("2024-06-30");
  for (const DecisionRecord& r : records) CHECK(r.as_of == "2024-06-30");
  nlohmann::json j = nlohmann::json::parse(record_to_json(records[1]));
  CHECK(j["as_of"] == "2024-06-30");
  // An item whose cells cannot be read still says it.
  PolicyLoad load = load_policy_text("p.qz", kPolicy);
  Table bad = testing::make_table(kHeaders, {{{"序号", "X"}, {"行使层级", "省级"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, bad, diags, *Date::parse("2024-06-30"));
  DecisionRecord r = classifier->classify(bad.rows[0]);
  CHECK(r.status == Status::error);
  CHECK(r.as_of == "2024-06-30");
}

TEST_CASE("dates: the explanation names the day and the rules out of force") {
  PolicyLoad load = load_policy_text("p.qz", kPolicy);
  Table table = items();
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags, *Date::parse("2023-06-30"));
  Derivation d = classifier->derive(table.rows[1]);
  std::string text = explain_text(d, *load.policy, "list.csv");
  CHECK(text.find("\n日期：按 2023-06-30 有效的规则决定\n") != std::string::npos);
  CHECK(text.find("  · pilot「试点保留」（p.qz:7） 不适用：2023-06-30 不在有效期内（生效 2024-01-01，有效至 2024-12-31）\n") !=
        std::string::npos);
  nlohmann::json j = nlohmann::json::parse(derivation_to_json(d, *load.policy));
  nlohmann::json pilot = j["derivation"]["not_applied"][0];
  CHECK(pilot["rule"] == "pilot");
  CHECK(pilot["not_in_force"] == nlohmann::json::parse(R"({"effective": "2024-01-01", "until": "2024-12-31"})"));
  CHECK(explain_rule_text(d, *load.policy, "q") ==
        "事项：B\nq「不下放到苏木乡镇」（p.qz:11） 没有检查：2023-06-30 不在有效期内（生效 2025-01-01）\n");
}

TEST_CASE("dates: a day that is not one, and a window that holds no day, are checker errors") {
  CHECK(checker_errors("rule r: when true then keep effective \"2023-02-30\"\ndefault keep\n") ==
        std::vector<std::string>{"QZ3011 1:39 \"2023-02-30\" is not a day: effective takes a date written "
                                 "YYYY-MM-DD, e.g. \"2023-01-01\""});
  CHECK(checker_errors("require q for keep: true else cancel 有效至 \"2024/12/31\"\ndefault keep\n") ==
        std::vector<std::string>{"QZ3011 1:42 \"2024/12/31\" is not a day: until takes a date written "
                                 "YYYY-MM-DD, e.g. \"2023-01-01\""});
  CHECK(checker_errors("rule r: when true then keep effective \"2024-03-01\" until \"2024-02-29\"\ndefault keep\n") ==
        std::vector<std::string>{"QZ3012 1:58 r is never in force: until 2024-02-29 is before effective 2024-03-01"});
  // A one-day window is a window.
  CHECK(checker_errors("rule r: when true then keep effective \"2024-02-29\" until \"2024-02-29\"\ndefault keep\n")
            .empty());
  CHECK(checker_errors("rule r: when true then keep effective 2024\n").front() ==
        "QZ1001 1:39 expected the first day in force as a string after effective, e.g. effective \"2023-01-01\", "
        "found 2024");
}

TEST_CASE("cli: --as-of decides as of that day and says so in the records and the manifest") {
  TempDir dir;
  std::string policy = dir.write("dated.qz", kPolicy);
  std::string list = dir.write("list.csv", "序号,行使层级,标记\nA,盟市,否\n");
  Run during = run_quanze("classify -r '" + policy + "' -i '" + list + "' --format json --as-of 2024-06-30");
  REQUIRE(during.code == 0);
  nlohmann::json out = nlohmann::json::parse(during.out);
  CHECK(out["manifest"]["as_of"] == "2024-06-30");
  CHECK(out["records"][0]["as_of"] == "2024-06-30");
  CHECK(out["records"][0]["outcome"] == "keep");
  Run after = run_quanze("classify -r '" + policy + "' -i '" + list + "' --format json --as-of 2025-06-30");
  CHECK(nlohmann::json::parse(after.out)["records"][0]["outcome"] == "delegate");
  // Without --as-of: today.
  Run today = run_quanze("classify -r '" + policy + "' -i '" + list + "' --format json");
  CHECK(nlohmann::json::parse(today.out)["records"][0]["as_of"] == Date::today().to_string());

  Run bad = run_quanze("classify -r '" + policy + "' -i '" + list + "' --as-of 2024-02-30");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("\"2024-02-30\" is not a day: write YYYY-MM-DD, e.g. 2024-06-30") != std::string::npos);

  Run explain = run_quanze("explain -r '" + policy + "' -i '" + list + "' --item A --as-of 2023-06-30");
  CHECK(explain.code == 0);
  CHECK(explain.out.find("日期：按 2023-06-30 有效的规则决定") != std::string::npos);
  Run summary = run_quanze("summary -r '" + policy + "' -i '" + list + "' --format json --as-of 2024-06-30");
  CHECK(summary.code == 0);
  CHECK(nlohmann::json::parse(summary.out)["manifest"]["as_of"] == "2024-06-30");
  Run report = run_quanze("report -r '" + policy + "' -i '" + list + "' --out-dir '" + dir.file("forms") +
                          "' --format csv --as-of 2024-06-30");
  CHECK(report.code == 0);
  CHECK(report.err.find("附件2：0 项，附件3：1 项") != std::string::npos);
}
