// Every static error the checker reports, at its exact position.
#include <doctest/doctest.h>

#include <map>

#include "quanze/format.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

const std::string kSchema =
    "schema {\n"
    "  field level: enum ordered { township \"苏木乡镇\", county \"旗县\" }\n"
    "  field kind: enum { a, b }\n"
    "  field tags: set { x, y }\n"
    "  field name: text\n"
    "  field n: number\n"
    "  field basis: basis\n"
    "}\n";  // 8 lines: policies below start on line 9

std::vector<std::string> errors_of(const std::string& rules) {
  PolicyLoad load = load_policy_text("p.qz", kSchema + rules);
  std::vector<std::string> out;
  for (const std::string& s : summarize(load.diagnostics))
    if (s.rfind("QZ5", 0) != 0) out.push_back(s);  // leave out warnings
  if (out.empty()) CHECK(load.policy != nullptr);
  else CHECK(load.policy == nullptr);
  return out;
}

std::string first(const std::string& rules) {
  auto errors = errors_of(rules);
  return errors.empty() ? "" : errors.front();
}

}  // namespace

TEST_CASE("checker: unknown field, member and rule id") {
  CHECK(first("rule r: when levl > township then keep\n") ==
        "QZ2001 9:14 unknown name levl: no field or let is called that");
  CHECK(first("rule r: when level > village then keep\n") ==
        "QZ2002 9:22 village is not a member of level (members: township 苏木乡镇, county 旗县), nor a field");
  CHECK(first("rule r: when kind = \"丙\" then keep\n") ==
        "QZ2002 9:21 \"丙\" is not a member of kind (members: a, b)");
  CHECK(first("rule r: when true then keep\nexception e to r, q: when true then cancel\n") ==
        "QZ2003 10:19 no rule is called q");
}

TEST_CASE("checker: type errors") {
  CHECK(first("rule r: when level > 3 then keep\n") ==
        "QZ3001 9:20 cannot compare level (an ordered enum) with 3 (a number)");
  CHECK(first("rule r: when name > 5 then keep\n") ==
        "QZ3001 9:19 cannot compare name (text) with 5 (a number)");
  CHECK(first("rule r: when name > \"甲\" then keep\n") ==
        "QZ3001 9:19 > compares numbers or ordered enums, but name is text");
  CHECK(first("rule r: when kind < b then keep\n") ==
        "QZ3002 9:19 kind is an enum without order: < needs `enum ordered`; use = or !=");
  CHECK(first("rule r: when name then keep\n") ==
        "QZ3006 9:14 a condition must be a test, but name is text; compare it, e.g. name = …");
  CHECK(first("rule r: when tags in { x } then keep\n") ==
        "QZ3004 9:19 tags is a set: use has (e.g. tags has any {…}), not in");
  CHECK(first("rule r: when kind has a then keep\n") ==
        "QZ3005 9:19 has tests a set, but kind is an enum; use = or in");
  CHECK(first("rule r: when n contains \"1\" then keep\n") ==
        "QZ3007 9:16 contains tests text or a legal basis, but n is a number");
  CHECK(first("rule r: when basis.level = none then keep\n") ==
        "QZ2007 9:20 a legal basis has .highest and .count, not .level");
  CHECK(first("rule r: when tags = x then keep\n") ==
        "QZ3001 9:19 tags is a set: test it with has (e.g. tags has …), not =");
}

TEST_CASE("checker: next needs an ordered enum") {
  CHECK(first("rule r: when true then delegate to next kind\n") ==
        "QZ3003 9:41 next needs an ordered enum, but kind is an enum");
  CHECK(first("rule r: when true then delegate to next nowhere\n") ==
        "QZ2001 9:41 unknown field nowhere after next");
}

TEST_CASE("checker: duplicate rule ids") {
  CHECK(first("rule r: when true then keep\nrule r: when true then cancel\n") ==
        "QZ2004 10:6 r is already defined at line 9");
  CHECK(first("rule r: when true then keep\nrequire r for keep: true else cancel\n") ==
        "QZ2004 10:9 r is already defined at line 9");
}

TEST_CASE("checker: an override cycle, also through several rules") {
  CHECK(first("exception a to c: when true then keep\n"
              "exception b to a: when true then keep\n"
              "exception c to b: when true then keep\n") ==
        "QZ4001 10:16 override cycle: a → c → b → a; an exception cannot, even through others, "
        "override a rule that overrides it");
  CHECK(first("exception a to a: when true then keep\n") == "QZ4004 9:16 a cannot be an exception to itself");
}

TEST_CASE("checker: a requirement whose fallback chain can loop") {
  CHECK(first("rule r: when true then keep\n"
              "require q1 for keep: n > 1 else cancel\n"
              "require q2 for cancel: n > 2 else keep\n") ==
        "QZ4002 10:9 requirement fallbacks can loop: q1 → q2 → q1; a fallback must satisfy the "
        "requirements it leads to");
  CHECK(first("rule r: when true then delegate\n"
              "require q for delegate: n > 1 else delegate by entrustment\n") ==
        "QZ4002 10:9 requirement fallbacks can loop: q → q; a fallback must satisfy the "
        "requirements it leads to");
  CHECK(errors_of("rule r: when true then delegate by authorization\n"
                  "require q for delegate by authorization: n > 1 else delegate by entrustment\n")
            .empty());
}

TEST_CASE("checker: names inside strings") {
  CHECK(first("rule r: when true then keep because \"{levle}级\"\n") ==
        "QZ2001 9:39 unknown field levle in {…}");
  CHECK(first("rule r: when true then keep because \"a{level\"\n") ==
        "QZ1007 9:39 { opens a field reference that is not closed by }; write {{ for a literal brace");
  CHECK(first("rule r: when true then keep cite \"{basis.top}\"\n") ==
        "QZ2007 9:36 basis has no attribute .top; only a basis has .highest and .count");
}

TEST_CASE("checker: lets, defaults, precedence") {
  CHECK(first("let a = b\nlet b = a\nrule r: when a then keep\n") ==
        "QZ2006 10:9 let a is defined in terms of itself");
  CHECK(first("let name = true\n") == "QZ2005 9:5 name is already a field");
  CHECK(first("default keep\ndefault cancel\n") == "QZ4005 10:1 a second default; the first is at line 9");
  CHECK(first("precedence keep > cancel > keep\n") == "QZ4003 9:28 keep is listed twice in this precedence");
  PolicyLoad bad = load_policy_text("p.qz", "schema { field n: number default \"many\" }\n");
  REQUIRE(bad.diagnostics.items().size() >= 1);
  CHECK(summarize(bad.diagnostics)[0] ==
        "QZ3008 1:34 default of n is not one of its values: \"many\" is not a number");
}

TEST_CASE("checker: a policy without default gets a warning, not an error") {
  PolicyLoad load = load_policy_text("p.qz", kSchema + "rule r: when true then keep\n");
  REQUIRE(load.policy != nullptr);
  REQUIRE(load.diagnostics.items().size() == 1);
  CHECK(load.diagnostics.items()[0].code == "QZ5001");
  CHECK(load.diagnostics.items()[0].severity == Severity::warning);
}

TEST_CASE("checker: the shipped baseline policy is clean") {
  PolicyLoad load = load_baseline_policy();
  CHECK(summarize(load.diagnostics).empty());
  REQUIRE(load.policy != nullptr);
  CHECK(load.policy->name() == "两优专项行动基线");
  CHECK(load.policy->rules().size() == 10);
  CHECK(load.policy->find_rule("keep.security")->exception);
}

TEST_CASE("checker: members, sets and emptiness") {
  CHECK(errors_of("schema { field k: enum { a \"甲\", b \"甲\" } }\n").at(0) ==
        "QZ2009 9:33 \"甲\" names two members of k");
  std::string members;
  for (int i = 0; i < 65; ++i) members += (i ? ", m" : "m") + std::to_string(i);
  CHECK(first("schema { field big: set { " + members + " } }\n") ==
        "QZ3009 9:21 set big has 65 members; a set holds at most 64");
  CHECK(first("rule r: when 3 is empty then keep\n") == "QZ3010 9:16 is empty tests a field, but 3 is not one");
}

TEST_CASE("checker: reject only follows a requirement's else") {
  CHECK(first("rule r: when true then reject\n") ==
        "QZ4006 9:24 reject is only a requirement's fallback (require … else reject); a rule or the "
        "default decides cancel, keep, filing or delegate");
  CHECK(first("default reject\n") ==
        "QZ4006 9:9 reject is only a requirement's fallback (require … else reject); a rule or the "
        "default decides cancel, keep, filing or delegate");
}

TEST_CASE("binding: a header the schema reads but the list lacks lists the headers present") {
  PolicyLoad load = load_policy_text("p.qz", kSchema + "default keep\n");
  REQUIRE(load.policy != nullptr);
  Table t = make_table({"level", "kind", "name"}, {});
  t.source = "部门清单.csv";
  Diagnostics diags;
  CHECK(Classifier::bind(load.policy, t, diags) == nullptr);
  CHECK(summarize(diags) == std::vector<std::string>{
                                "QZ6001 1:0 the list has no column \"tags\", which the policy's schema reads; "
                                "its columns are: level, kind, name",
                                "QZ6001 1:0 the list has no column \"n\", which the policy's schema reads; "
                                "its columns are: level, kind, name",
                                "QZ6001 1:0 the list has no column \"basis\", which the policy's schema reads; "
                                "its columns are: level, kind, name"});
  CHECK(diags.items()[0].file == "部门清单.csv");
}

TEST_CASE("binding: from \"A\" | \"B\" reads whichever header the list has, the first named when it has both") {
  const std::string policy =
      "schema {\n"
      "  field id: text from \"序号\" | \"编号\" ｜ \"事项编码\"\n"
      "  field level: enum ordered { county \"旗县\", league \"盟市\" } from \"行使层级\" | \"层级\"\n"
      "}\n"
      "rule r: when level = league then keep because \"{id}\"\n"
      "default cancel\n";
  PolicyLoad load = load_policy_text("p.qz", policy);
  REQUIRE(load.policy != nullptr);
  CHECK(load.policy->headers() == std::vector<std::string>{"序号", "编号", "事项编码", "行使层级", "层级"});
  auto decide = [&](const std::vector<std::string>& headers, const std::map<std::string, std::string>& row) {
    Table t = make_table(headers, {row});
    Diagnostics diags;
    auto c = Classifier::bind(load.policy, t, diags);
    if (!c) return "unbound: " + testing::joined(summarize(diags), "; ");
    DecisionRecord r = c->classify(t.rows[0]);
    return std::string(outcome_id(*r.outcome)) + " " + r.item;
  };
  CHECK(decide({"事项编码", "层级"}, {{"事项编码", "X-1"}, {"层级", "盟市"}}) == "keep X-1");
  CHECK(decide({"编号", " 行使层级 "}, {{"编号", "X-2"}, {" 行使层级 ", "旗县"}}) == "cancel X-2");
  // Both: the header named first.
  CHECK(decide({"层级", "行使层级", "序号"}, {{"层级", "旗县"}, {"行使层级", "盟市"}, {"序号", "X-3"}}) == "keep X-3");

  Table t = make_table({"名称"}, {});
  Diagnostics diags;
  CHECK(Classifier::bind(load.policy, t, diags) == nullptr);
  CHECK(summarize(diags) == std::vector<std::string>{
                                "QZ6001 1:0 the list has no column \"序号\" or \"编号\" or \"事项编码\", which the "
                                "policy's schema reads; its columns are: 名称",
                                "QZ6001 1:0 the list has no column \"行使层级\" or \"层级\", which the policy's "
                                "schema reads; its columns are: 名称"});

  // fmt writes the aliases back, with ASCII bars.
  FormatResult f = format_rule_text("p.qz", policy);
  REQUIRE(f.ok);
  CHECK(f.text.find("  field id: text from \"序号\" | \"编号\" | \"事项编码\"\n") != std::string::npos);
  CHECK(f.text.find("from \"行使层级\" | \"层级\"\n") != std::string::npos);
}
