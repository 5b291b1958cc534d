// DESIGN.md part 4, "Semantics", case by case.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "quanze/output.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

const std::string kSchema = R"(
schema {
  field id: text
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市" }
  field kind: enum { a "甲", b "乙" }
  field tags: set { x "标签一", y "标签二", z "标签三" }
  field n: number
  field m: number default 5
  field flag: bool
  field basis: basis
  field name: text
}
)";

const std::vector<std::string> kHeaders = {"id", "level", "kind", "tags", "n", "m", "flag", "basis", "name"};

DecisionRecord one(const std::string& rules, const std::map<std::string, std::string>& row) {
  auto records = classify(kSchema + rules, make_table(kHeaders, {row}));
  return records.at(0);
}

std::string defeats(const DecisionRecord& r) {
  std::string out;
  for (const Defeat& d : r.defeated) out += (out.empty() ? "" : ",") + d.rule + "<" + d.by;
  return out;
}

}  // namespace

TEST_CASE("semantics: an applicable rule decides, an inapplicable one does not") {
  auto r = one(R"(
rule r.keep: when flag then keep
rule r.cancel: when not flag then cancel
)", {{"id", "1"}, {"flag", "是"}});
  CHECK(r.status == Status::decided);
  CHECK(r.outcome == Outcome::keep);
  CHECK(joined(r.rules) == "r.keep");
  CHECK(r.defeated.empty());
}

namespace {

/// base ← middle ← top, after the rules `before`: who decides and who is
/// defeated when top, middle and base apply in turn.
void check_transitive_defeats(const std::string& before) {
  const std::string rules = before + R"(
rule base: when n > 0 then delegate to next level by entrustment
exception middle to base: when n > 100 then keep
exception top to middle: when flag then cancel
default keep because "none"
)";
  // top applies, middle does not, base does: top overrides base through middle.
  auto r = one(rules, {{"level", "盟市"}, {"n", "5"}, {"flag", "是"}});
  CHECK(r.status == Status::decided);
  CHECK(r.outcome == Outcome::cancel);
  CHECK(joined(r.rules) == "top");
  CHECK(defeats(r) == "base<top");
  // All three apply: middle and base are both defeated by top.
  auto all = one(rules, {{"level", "盟市"}, {"n", "500"}, {"flag", "是"}});
  CHECK(joined(all.rules) == "top");
  CHECK(defeats(all) == "base<top,middle<top");
  // Without top, middle defeats base.
  auto mid = one(rules, {{"level", "盟市"}, {"n", "500"}, {"flag", "否"}});
  CHECK(joined(mid.rules) == "middle");
  CHECK(defeats(mid) == "base<middle");
}

}  // namespace

TEST_CASE("semantics: overriding is transitive, also through a rule that does not apply") {
  check_transitive_defeats("");
}

TEST_CASE("semantics: defeats are the same in a policy of more than 64 rules") {
  // The record builder tells live and applicable rules by bit up to 64
  // rules and by search past that: 70 rules that never apply come first,
  // so the three that do sit past bit 64.
  std::string fillers;
  for (int i = 1; i <= 70; ++i) fillers += fmt::format("rule filler_{}: when n = -{} then keep\n", i, i);
  check_transitive_defeats(fillers);
  auto filler = one(fillers + "default keep because \"none\"\n", {{"level", "盟市"}, {"n", "-70"}, {"flag", "否"}});
  CHECK(joined(filler.rules) == "filler_70");
  CHECK(defeats(filler) == "");
}

TEST_CASE("semantics: live rules with equal outcomes all decide") {
  auto r = one(R"(
rule k1 "甲": when flag then keep because "一"
rule k2 "乙": when n = 3 then keep because "二" cite "依据"
)", {{"flag", "1"}, {"n", "3"}});
  CHECK(r.status == Status::decided);
  CHECK(joined(r.rules) == "k1+k2");
  CHECK(joined(r.reasons) == "一+二");
  CHECK(joined(r.citations) == "依据");
  REQUIRE(r.source.size() == 2);
  CHECK(r.source[0].rule == "k1");
  CHECK(r.source[0].file == "test.qz");
  CHECK(r.source[1].line == r.source[0].line + 1);
}

TEST_CASE("semantics: disagreeing live rules are a conflict, never a silent pick") {
  auto r = one(R"(
rule c: when flag then cancel
rule k: when n = 3 then keep
rule d: when n = 3 then delegate to next level by direct
)", {{"level", "旗县"}, {"flag", "是"}, {"n", "3"}});
  CHECK(r.status == Status::conflict);
  CHECK_FALSE(r.outcome.has_value());
  CHECK_FALSE(r.mode.has_value());
  CHECK_FALSE(r.target.has_value());
  CHECK(joined(r.rules) == "c+k+d");
  REQUIRE(r.conflict.size() == 3);
  CHECK(r.conflict[2].rule == "d");
  CHECK(r.conflict[2].outcome == Outcome::delegate);
  CHECK(r.conflict[2].mode == Mode::direct);
  CHECK(r.conflict[2].target == "苏木乡镇");
}

TEST_CASE("semantics: equal kinds with different modes or targets conflict") {
  auto r = one(R"(
rule d1: when flag then delegate to next level by direct
rule d2: when flag then delegate to next level by entrustment
)", {{"level", "旗县"}, {"flag", "是"}});
  CHECK(r.status == Status::conflict);
  auto t = one(R"(
rule d1: when flag then delegate to "旗县" receiver "{name}"
rule d2: when flag then delegate to "旗县" receiver "甲局"
)", {{"flag", "是"}, {"name", "甲局"}});
  CHECK(t.status == Status::decided);  // the computed receivers are equal
  CHECK(t.receiver == "甲局");
  CHECK(joined(t.rules) == "d1+d2");
}

TEST_CASE("semantics: precedence picks the highest listed kind when it lists every live kind") {
  const std::string rules = R"(
rule c: when flag then cancel
rule k: when n = 3 then keep
rule f: when n = 4 then filing
precedence keep > cancel
)";
  auto r = one(rules, {{"flag", "是"}, {"n", "3"}});
  CHECK(r.status == Status::decided);
  CHECK(r.outcome == Outcome::keep);
  CHECK(joined(r.rules) == "k");
  CHECK(joined(r.outranked) == "c");
  // filing is live and not listed: precedence does not apply.
  auto c = one(rules, {{"flag", "是"}, {"n", "4"}});
  CHECK(c.status == Status::conflict);
  CHECK(joined(c.rules) == "c+f");
  CHECK(c.outranked.empty());
}

TEST_CASE("semantics: the winning kind's rules may still disagree") {
  auto r = one(R"(
rule k: when flag then keep
rule d1: when flag then delegate to next level by direct
rule d2: when flag then delegate to next level by authorization
precedence delegate > keep
)", {{"level", "盟市"}, {"flag", "是"}});
  CHECK(r.status == Status::conflict);
  CHECK(joined(r.rules) == "d1+d2");
  CHECK(joined(r.outranked) == "k");
}

TEST_CASE("semantics: requirements fall back, restart from the first, and fire once each") {
  const std::string rules = R"(
rule auth: when flag then delegate to next level by authorization because "授权"
require r.keep_needs_n for keep: n > 10 else cancel because "改为取消"
require r.auth_needs_basis for delegate by authorization: basis.highest >= local_regulation
  else keep because "依据不足" cite "许可法"
)";
  // auth fires -> keep; r.keep_needs_n then matches keep and fires -> cancel.
  auto r = one(rules, {{"level", "盟市"}, {"flag", "是"}, {"n", "3"}, {"basis", "《某办法》"}});
  CHECK(r.status == Status::decided);
  CHECK(r.outcome == Outcome::cancel);
  CHECK(joined(r.rules) == "auth");
  REQUIRE(r.requirements.size() == 2);
  CHECK(r.requirements[0].rule == "r.auth_needs_basis");
  CHECK_FALSE(r.requirements[0].held);
  CHECK(r.requirements[0].fallback == "keep");
  CHECK(r.requirements[1].rule == "r.keep_needs_n");
  CHECK(r.requirements[1].fallback == "cancel");
  CHECK(joined(r.reasons) == "授权+依据不足+改为取消");
  CHECK(joined(r.citations) == "许可法");
  // A requirement that holds is listed as held, with no fallback.
  auto held = one(rules, {{"level", "盟市"}, {"flag", "是"}, {"n", "3"}, {"basis", "《某法》"}});
  CHECK(held.outcome == Outcome::delegate);
  CHECK(held.mode == Mode::authorization);
  REQUIRE(held.requirements.size() == 1);
  CHECK(held.requirements[0].held);
  CHECK(held.requirements[0].fallback.empty());
}

TEST_CASE("semantics: else reject ends checking with status rejected") {
  auto r = one(R"(
rule c: when flag then cancel
require r.no for cancel: n > 0 else reject because "不得取消"
require r.never for cancel: false else keep
)", {{"flag", "是"}, {"n", "0"}});
  CHECK(r.status == Status::rejected);
  CHECK_FALSE(r.outcome.has_value());
  REQUIRE(r.requirements.size() == 1);
  CHECK(r.requirements[0].fallback == "reject");
  CHECK(joined(r.rules) == "c");
}

TEST_CASE("semantics: the default decides when no rule is live, without one, undecided") {
  auto d = one(R"(
rule c: when flag then cancel
default filing because "默认{name}"
require r.f for filing: n < 10 else keep
)", {{"flag", "否"}, {"n", "20"}, {"name", "甲"}});
  CHECK(d.status == Status::decided);
  CHECK(d.outcome == Outcome::keep);  // requirements apply to the default too
  CHECK(joined(d.rules) == "default");
  CHECK(joined(d.reasons) == "默认甲");
  CHECK(d.requirements.size() == 1);
  auto u = one("rule c: when flag then cancel\n", {{"flag", "否"}});
  CHECK(u.status == Status::undecided);
  CHECK(u.rules.empty());
  CHECK_FALSE(u.outcome.has_value());
}

TEST_CASE("semantics: every test on a missing value is false except is empty") {
  const std::string rules = R"(
rule gt: when n > 3 then cancel
rule ne: when n != 3 then cancel
rule lt: when not (n < 3) then keep
rule em: when n is empty then filing
rule ne2: when n is not empty then cancel
rule inn: when kind not in { a } then cancel
rule hs: when tags has any { x, y } then cancel
rule ct: when name contains "" then cancel
rule fl: when flag then cancel
rule nf: when not flag then keep
)";
  auto r = one(rules, {});
  CHECK(r.status == Status::conflict);
  CHECK(joined(r.rules) == "lt+em+nf");
}

TEST_CASE("semantics: a declared default fills an empty cell, so it is not empty") {
  auto r = one(R"(
rule e: when m is empty then cancel
rule five: when m = 5 then keep
)", {});
  CHECK(joined(r.rules) == "five");
}

TEST_CASE("semantics: next at the lowest member, or on a missing value, is an item error") {
  const std::string rules = "rule d.down \"下放\": when true then delegate to next level\n";
  auto low = one(rules, {{"id", "A-1"}, {"level", "苏木乡镇"}});
  CHECK(low.status == Status::error);
  CHECK(joined(low.rules) == "d.down");
  CHECK_FALSE(low.outcome.has_value());
  CHECK(low.error == "rule d.down: next level: 苏木乡镇 is the lowest level; there is no level below it");
  auto missing = one(rules, {{"id", "A-2"}});
  CHECK(missing.status == Status::error);
  CHECK(missing.error == "rule d.down: next level: level is empty, so there is no level below it");
  REQUIRE(low.problems.size() == 1);
  CHECK(low.problems[0].code == "QZ7001");
  REQUIRE(missing.problems.size() == 1);
  CHECK(missing.problems[0].code == "QZ7002");
  auto ok = one(rules, {{"level", "盟市"}});
  CHECK(ok.status == Status::decided);
  CHECK(ok.target == "旗县");
  CHECK_FALSE(ok.mode.has_value());
}

TEST_CASE("semantics: enum members by id or label, in, has any and all, text tests") {
  const std::string rules = R"(
rule by_id: when kind = a and level >= county then keep
rule by_label: when kind = "甲" and level < "盟市" then keep
rule ins: when level in { county, "盟市" } then keep
rule all: when tags has { x, z } then keep
rule any: when tags has any { "标签二" } then keep
rule single: when tags has z then keep
rule cont: when name contains "许可" and name starts with "危险" and name ends with "许可" then keep
rule basis_title: when basis contains "安全生产" then keep
)";
  auto r = one(rules, {{"kind", "a"}, {"level", "旗县"}, {"tags", "标签一、z"}, {"name", "危险品许可"},
                       {"basis", "1.《中华人民共和国安全生产法》第十条"}});
  CHECK(joined(r.rules) == "by_id+by_label+ins+all+single+cont+basis_title");
}

TEST_CASE("semantics: interpolation formats each type") {
  auto r = one(R"(
rule show: when true then keep
  because "{id}|{level}|{tags}|{n}|{m}|{flag}|{basis.highest}|{basis.count}|{name}|{{x}}"
  cite "{basis}"
)", {{"id", "A"}, {"level", "旗县"}, {"tags", "z;x"}, {"n", "7.50"}, {"flag", "true"},
     {"basis", "《甲条例》；【规章】《乙规定》"}});
  CHECK(joined(r.reasons) == "A|旗县|标签一、标签三|7.5|5|是|行政法规|2||{x}");
  CHECK(joined(r.citations) == "《甲条例》；【规章】《乙规定》");
}

TEST_CASE("semantics: evidence lists the fields the applicable rules read") {
  auto r = one(R"(
let low = level < league
rule a1: when low and basis.highest <= gov_rule then keep
rule a2: when n > 100 then cancel
)", {{"level", "旗县"}, {"basis", "《某某办法》"}, {"n", "1"}});
  REQUIRE(r.evidence.size() == 2);
  CHECK(r.evidence[0].first == "level");
  CHECK(r.evidence[0].second == "旗县");
  CHECK(r.evidence[1].first == "basis.highest");
  CHECK(r.evidence[1].second == "规章 (inferred: 办法)");
}

TEST_CASE("semantics: an item without an id is named by its row") {
  auto records = classify(kSchema + "default keep\n", make_table(kHeaders, {{{"level", "旗县"}}, {{"id", "B"}}}));
  CHECK(records.at(0).item == "2");
  CHECK(records.at(1).item == "B");
}

TEST_CASE("semantics: a cell that is not a value of its field makes the row an error") {
  auto records = classify(kSchema + "rule k: when true then keep\n",
                          make_table(kHeaders, {{{"id", "X"}, {"level", "省级"}, {"n", "十"}}}));
  const DecisionRecord& r = records.at(0);
  CHECK(r.status == Status::error);
  CHECK(r.item == "X");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].code == "QZ6002");
  CHECK(r.problems[0].column == 2);
  CHECK(r.problems[0].header == "level");
  CHECK(r.problems[0].value == "省级");
  CHECK(r.problems[1].code == "QZ6003");
  CHECK(r.problems[1].column == 5);
  CHECK(r.error == "row 2, column 2 (level): \"省级\" is not a member of level (苏木乡镇、旗县、盟市)");
}

TEST_CASE("semantics: number cells, whole or not, read exactly, anything else is an error") {
  auto value = [](const std::string& cell) {
    auto r = one("rule k: when true then keep because \"{n}\"\n", {{"n", cell}});
    return r.status == Status::error ? "error" : r.reasons.at(0);
  };
  CHECK(value("0") == "0");
  CHECK(value("007") == "7");
  CHECK(value("+12") == "12");
  CHECK(value("999999999999999") == "999999999999999");      // 15 digits: the whole-number path
  CHECK(value("1234567890123456") == "1234567890123456");    // 16: from_chars
  CHECK(value("-3") == "-3");
  CHECK(value("2.5") == "2.5");
  CHECK(value("1e3") == "error");
  CHECK(value("12a") == "error");
  CHECK(value("+") == "error");
}

TEST_CASE("semantics: enum cells by label or id, and a label's prefix or a longer text is no member") {
  auto kind = [](const std::string& cell) {
    auto r = one("rule k: when kind = a then keep\nrule c: when kind = b then cancel\n", {{"kind", cell}});
    return r.status == Status::error ? std::string("error") : std::string(outcome_id(*r.outcome));
  };
  CHECK(kind("甲") == "keep");
  CHECK(kind("a") == "keep");
  CHECK(kind("乙") == "cancel");
  CHECK(kind("b") == "cancel");
  CHECK(kind("甲乙") == "error");
  CHECK(kind("A") == "error");
}

TEST_CASE("semantics: a classifier told to leave out evidence decides the same, with none") {
  PolicyLoad load = load_policy_text("p.qz", kSchema + "rule k: when level < league then keep\n");
  REQUIRE(load.policy);
  Table table = make_table(kHeaders, {{{"id", "A"}, {"level", "旗县"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  DecisionRecord with = classifier->classify(table.rows[0]);
  classifier->set_evidence(false);
  DecisionRecord without = classifier->classify(table.rows[0]);
  CHECK(with.evidence.size() == 1);
  CHECK(without.evidence.empty());
  without.evidence = with.evidence;
  CHECK(record_to_json(without) == record_to_json(with));
}
