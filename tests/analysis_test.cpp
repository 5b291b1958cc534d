// quanze check's analysis: every finding, with its example item.
#include <doctest/doctest.h>

#include "quanze/analysis.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

/// The findings, leaving out unused fields unless `all` (the shared schema
/// below declares more than each test reads).
std::vector<std::string> findings(const std::string& policy, bool all = false) {
  PolicyLoad load = load_policy_text("p.qz", policy);
  REQUIRE_MESSAGE(load.policy, (load.diagnostics.items().empty() ? "" : load.diagnostics.items()[0].message));
  std::vector<std::string> out;
  for (const std::string& f : testing::summarize(analyze_policy(*load.policy)))
    if (all || f.rfind("QZ5006", 0) != 0) out.push_back(f);
  return out;
}

const char* kSchema = R"(schema {
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市" } from "行使层级"
  field mandated: bool from "法定层级"
  field n: number from "办件量"
  field security: set { national "国家安全", public "公共安全", ecological "生态安全" } from "涉及安全领域"
  field basis: basis from "设定依据"
  field title: text from "事项名称"
}
)";

}  // namespace

TEST_CASE("analysis: two rules with different outcomes and no override conflict, with an example") {
  CHECK(findings(std::string(kSchema) + R"(rule down: when level > township then delegate to next level
rule hold: when mandated then keep
default keep
)") == std::vector<std::string>{
      "QZ5002 9:6 down (delegate to next level) and hold (keep, line 10) can both decide one item and neither "
      "overrides the other, so the item is in conflict; for example 行使层级 = \"旗县\", 法定层级 = \"是\". "
      "Add an exception, or a precedence"});
}

TEST_CASE("analysis: an override, a precedence or the same outcome leaves no conflict") {
  CHECK(findings(std::string(kSchema) + R"(rule down: when level > township then delegate to next level
exception hold to down: when mandated then keep
rule busy: when n > 100 then cancel
rule quiet: when n < 5 then cancel
rule sensitive: when security has public then keep
precedence keep > cancel > delegate
default keep
)").empty());
}

TEST_CASE("analysis: a conflict needs both rules live: an exception that always strikes one prevents it") {
  CHECK(findings(std::string(kSchema) + R"(rule a: when n > 10 then cancel
rule b: when n > 20 then keep
exception c to a: when n > 15 then keep
default keep
)") == std::vector<std::string>{});
}

TEST_CASE("analysis: items no rule decides, when there is no default") {
  CHECK(findings(std::string(kSchema) + R"(rule a: when level = league then cancel
rule b: when level = county and n >= 3 then keep
)") == std::vector<std::string>{
      "QZ5003 1:1 no rule decides some items, and there is no default; for example 行使层级 = \"\""});
  CHECK(findings(std::string(kSchema) + R"(rule a: when level = league or level is empty then cancel
rule b: when level <= county and n >= 3 then keep
)") == std::vector<std::string>{
      "QZ5003 1:1 no rule decides some items, and there is no default; for example 行使层级 = \"苏木乡镇\", "
      "办件量 = \"\""});
}

TEST_CASE("analysis: a rule that can never apply, and one that never decides") {
  CHECK(findings(std::string(kSchema) + R"(rule never: when level > league then cancel
rule r: when n > 1 then cancel
exception e to r: when n > 0 then keep
rule contradiction: when n > 5 and n < 3 then keep
default keep
)") == std::vector<std::string>{
      "QZ5004 9:6 never can never apply: no item satisfies its condition",
      "QZ5005 10:6 r never decides anything: whenever it applies, a rule overriding it applies too (e)",
      "QZ5004 12:6 contradiction can never apply: no item satisfies its condition"});
}

TEST_CASE("analysis: unused fields and lets, and a requirement nothing triggers") {
  CHECK(findings(R"(schema {
  field id: text from "序号"
  field extra: text from "备注"
  field mandated: bool from "法定层级"
}
let spare = mandated
rule keep.all: when mandated then keep
require r for filing: mandated else keep
default cancel
)", true) == std::vector<std::string>{
      "QZ5006 3:3 field extra is declared but no rule, requirement or text reads it",
      "QZ5007 6:5 let spare is never used",
      "QZ5008 8:9 requirement r is for filing, which no rule, default or fallback decides; it never applies"});
}

TEST_CASE("analysis: examples are found for sets, texts and legal bases") {
  std::string conflict = " can both decide one item and neither overrides the other, so the item is in conflict; "
                         "for example ";
  std::string advice = ". Add an exception, or a precedence";
  std::string both = "涉及安全领域 = \"国家安全、公共安全\"", title = "事项名称 = \"许可·审批\"",
              basis = "设定依据 = \"《内蒙古自治区测试条例》；《关于测试1的通知》\"", eco = "涉及安全领域 = \"生态安全\"";
  CHECK(findings(std::string(kSchema) + R"(rule a: when security has all { national, public } then keep
rule b: when title contains "许可" and title ends with "审批" then cancel
rule c: when basis.highest = local_regulation and basis.count >= 2 then filing
exception a2 to a: when security has ecological then keep
default keep
)") == std::vector<std::string>{
      "QZ5002 9:6 a (keep) and b (cancel, line 10)" + conflict + both + ", " + title + advice,
      "QZ5002 9:6 a (keep) and c (filing, line 11)" + conflict + both + ", " + basis + advice,
      "QZ5002 10:6 b (cancel) and c (filing, line 11)" + conflict + basis + ", " + title + advice,
      "QZ5002 10:6 b (cancel) and a2 (keep, line 12)" + conflict + eco + ", " + title + advice,
      "QZ5002 11:6 c (filing) and a2 (keep, line 12)" + conflict + eco + ", " + basis + advice});
}

TEST_CASE("analysis: the baseline policy's known conflict, with its example") {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  CHECK(testing::summarize(analyze_policy(*load.policy)) == std::vector<std::string>{
      "QZ5006 29:3 field volume is declared but no rule, requirement or text reads it",
      "QZ5002 42:11 cancel.no_basis (cancel) and keep.mandated (keep, line 91) can both decide one item and "
      "neither overrides the other, so the item is in conflict; for example 事项类别 = \"权责清单事项\", "
      "设定依据 = \"\", 法定层级 = \"是\". Add an exception, or a precedence"});
}

TEST_CASE("analysis: dated rules are searched on every day the policy changes, and the example says which") {
  // Old and new overlap only in 2020: a conflict then, whatever today is.
  CHECK(findings(std::string(kSchema) + R"(rule old: when level > township then delegate to next level
  until "2020-12-31"
rule new: when mandated then keep
  effective "2020-01-01"
default keep
)") == std::vector<std::string>{
      "QZ5002 9:6 old (delegate to next level) and new (keep, line 11) can both decide one item and neither "
      "overrides the other, so the item is in conflict; for example 行使层级 = \"旗县\", 法定层级 = \"是\" (on "
      "2020-01-01). Add an exception, or a precedence"});
  // Windows that never overlap: no conflict on any day.
  CHECK(findings(std::string(kSchema) + R"(rule old: when level > township then delegate to next level
  until "2019-12-31"
rule new: when mandated then keep
  effective "2020-01-01"
default keep
)").empty());
  // An exception in force only for a while: outside it, the two rules conflict.
  CHECK(findings(std::string(kSchema) + R"(rule down: when level > township then delegate to next level
exception hold to down: when mandated then keep
  effective "2021-01-01" until "2021-12-31"
rule stay: when mandated then cancel
exception hold2 to stay: when mandated then keep
default keep
)") == std::vector<std::string>{
      "QZ5005 12:6 stay never decides anything: whenever it applies, a rule overriding it applies too (hold2)",
      "QZ5002 9:6 down (delegate to next level) and hold2 (keep, line 13) can both decide one item and neither "
      "overrides the other, so the item is in conflict; for example 行使层级 = \"旗县\", 法定层级 = \"是\" (on "
      "2020-12-31). Add an exception, or a precedence"});
  // Without a default, items no rule decides: before the only rule is in force.
  CHECK(findings(std::string(kSchema) + R"(rule all: when true then keep
  effective "2022-01-01"
)") == std::vector<std::string>{
      "QZ5003 1:1 no rule decides some items, and there is no default; for example every cell empty (on "
      "2021-12-31)"});
}
