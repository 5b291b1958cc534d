// Rule tests (.qztest): the file format, its errors with positions, and
// `quanze test` end to end — what it prints, its exit codes, and the rules
// no test exercised.
#include <doctest/doctest.h>

#include "quanze/rule_tests.hpp"
#include "test_support.hpp"

using namespace quanze;
using quanze::testing::Run;
using quanze::testing::run_quanze;
using quanze::testing::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string rendered(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) out += render(d);
  return out;
}

/// Parses `text` as "t.qztest" and, when it parses, checks it against the
/// baseline policy: the diagnostics, rendered.
std::string errors_of(const std::string& text) {
  RuleTestFile file;
  Diagnostics diags;
  if (parse_rule_tests("t.qztest", text, file, diags)) {
    std::vector<RuleTestFile> files;
    files.push_back(std::move(file));
    run_rule_tests(load_baseline_policy().policy, files, diags);
  }
  return rendered(diags);
}

const char* kTestPolicy = R"(policy "测试用政策"
schema {
  field id: text from "序号"
  field department: text from "实施部门"
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市" } from "行使层级"
  field risk: enum ordered { low "低", high "高" } from "风险等级"
}
rule delegate.down "下放": when level > township then delegate to next level by entrustment receiver "{department}对口部门"
require require.risk "高风险的不下放" for delegate: risk = low else reject
)";

}  // namespace

TEST_CASE("rule tests: a file's tests, their cells and expectations, with 【共同】 in force") {
  RuleTestFile file;
  Diagnostics diags;
  REQUIRE(parse_rule_tests("t.qztest",
                           "\xEF\xBB\xBF# 注释\r\n"
                           "【共同】\r\n"
                           "  近三年办件量 ： 120\r\n"
                           "\r\n"
                           "[测试]  盟市的事项\r\n"
                           "行使层级:盟市\r\n"
                           "设定依据：1.《行政许可法》第十二条：下列事项\r\n"
                           "【期望】\r\n"
                           "处理结果：下放\r\n"
                           "【测试】\n"
                           "【期望】\n"
                           "承接主体：\n",
                           file, diags));
  CHECK(diags.items().empty());
  REQUIRE(file.commons.size() == 1);
  CHECK(file.commons[0][0].key == "近三年办件量");
  CHECK(file.commons[0][0].value == "120");
  REQUIRE(file.tests.size() == 2);
  const RuleTest& first = file.tests[0];
  CHECK(first.name == "盟市的事项");
  CHECK(file.position(first.at).line == 5);
  CHECK(first.common == 0);
  REQUIRE(first.cells.size() == 2);
  CHECK(first.cells[0].key == "行使层级");
  CHECK(first.cells[0].value == "盟市");
  // Only the first colon separates: the cell keeps the article's own.
  CHECK(first.cells[1].value == "1.《行政许可法》第十二条：下列事项");
  CHECK(file.position(first.cells[1].value_range).column == 6);
  REQUIRE(first.expect.size() == 1);
  CHECK(first.expect[0].key == "处理结果");
  CHECK(file.tests[1].name == "");
  CHECK(file.tests[1].expect[0].value == "");
}

TEST_CASE("rule tests: syntax errors name line and column, in the order of the file") {
  CHECK(errors_of("行使层级：盟市\n"
                  "【测试】一\n"
                  "行使层级 盟市\n"
                  "：盟市\n"
                  "【测试】二\n"
                  "行使层级：盟市\n"
                  "行使层级：旗县\n"
                  "【期望】\n"
                  "处理结果：保留\n"
                  "【期望】\n"
                  "【规则】\n"
                  "【共同】 x\n"
                  "【期望\n") ==
        "t.qztest:1:1: error[QZ8001]: 键：值 before the first 【测试】: begin each test with 【测试】 and its name\n"
        "    1 | 行使层级：盟市\n"
        "      | ^~~~~~~~\n"
        "t.qztest:2:1: error[QZ8007]: this test expects nothing: add 【期望】 and below it a line such as 处理结果：保留\n"
        "    2 | 【测试】一\n"
        "      | ^~~~~~~~\n"
        "t.qztest:3:1: error[QZ8001]: expected a line 键：值, or 【测试】, 【期望】 or 【共同】: this line has no colon\n"
        "    3 | 行使层级 盟市\n"
        "      | ^~~~~~~~~~~~~\n"
        "t.qztest:4:1: error[QZ8001]: nothing before the colon: write the column's header (or what is expected), then "
        "the value\n"
        "    4 | ：盟市\n"
        "      | ^~\n"
        "t.qztest:7:1: error[QZ8002]: 行使层级 is given twice here (first on line 6)\n"
        "    7 | 行使层级：旗县\n"
        "      | ^~~~~~~~\n"
        "t.qztest:10:1: error[QZ8001]: a second 【期望】 in this test (the first is on line 8)\n"
        "   10 | 【期望】\n"
        "      | ^~~~~~~~\n"
        "t.qztest:11:1: error[QZ8001]: unknown section 【规则】: expected 【测试】, 【期望】 or 【共同】\n"
        "   11 | 【规则】\n"
        "      | ^~~~~~~~\n"
        "t.qztest:12:6: error[QZ8001]: nothing may follow 【共同】 on its line: write each line as 键：值 below it\n"
        "   12 | 【共同】 x\n"
        "      |          ^\n"
        "t.qztest:13:1: error[QZ8001]: 【 is not closed: write 【测试】, 【期望】 or 【共同】\n"
        "   13 | 【期望\n"
        "      | ^~\n");
  CHECK(errors_of("【期望】\n处理结果：保留\n") ==
        "t.qztest:1:1: error[QZ8001]: 【期望】 outside a test: write it after a 【测试】 and the item's cells\n"
        "    1 | 【期望】\n"
        "      | ^~~~~~~~\n"
        "t.qztest:2:1: error[QZ8001]: 键：值 before the first 【测试】: begin each test with 【测试】 and its name\n"
        "    2 | 处理结果：保留\n"
        "      | ^~~~~~~~\n");
}

TEST_CASE("rule tests: names and values are checked against the policy") {
  CHECK(errors_of("【共同】\n"
                  "办件数：3\n"
                  "【测试】一\n"
                  "行使层级：盟市\n"
                  "level：旗县\n"
                  "【期望】\n"
                  "处理结果：取消了\n"
                  "状态：完成\n"
                  "下放方式：委派\n"
                  "依据规则：keep.secure、require.filing_not_statutory，default\n"
                  "触发要求：keep.mandated\n"
                  "结果：保留\n"
                  "outcome：保留\n") ==
        "t.qztest:2:1: error[QZ8003]: the policy reads no column \"办件数\": write one of its headers (序号, 事项名称, "
        "实施部门, 事项类别, 职权类型, 行使层级, 设定依据, 涉及安全领域, 法定层级, 依据允许授权, 风险等级, 年办件量, "
        "近三年办件量, 办理环节, 申请材料, 法定时限, 承诺时限) or a field name\n"
        "    2 | 办件数：3\n"
        "      | ^~~~~~\n"
        "t.qztest:5:1: error[QZ8002]: 行使层级 and level are the same column, 行使层级 (first on line 4)\n"
        "    5 | level：旗县\n"
        "      | ^~~~~\n"
        "t.qztest:7:6: error[QZ8005]: \"取消了\" is not a 处理结果: write 取消, 下放, 保留 or 改为备案 (无 for none)\n"
        "    7 | 处理结果：取消了\n"
        "      |           ^~~~~~\n"
        "t.qztest:8:4: error[QZ8005]: \"完成\" is not a 状态: write 已决定, 冲突, 未决定, 驳回 or 错误\n"
        "    8 | 状态：完成\n"
        "      |       ^~~~\n"
        "t.qztest:9:6: error[QZ8005]: \"委派\" is not a 下放方式: write 法定授权, 委托实施 or 直接下放 (无 for none)\n"
        "    9 | 下放方式：委派\n"
        "      |           ^~~~\n"
        "t.qztest:10:6: error[QZ8006]: the policy has no rule \"keep.secure\"; did you mean keep.security?\n"
        "   10 | 依据规则：keep.secure、require.filing_not_statutory，default\n"
        "      |           ^~~~~~~~~~~\n"
        "t.qztest:10:18: error[QZ8006]: require.filing_not_statutory is a requirement, not a rule: expect it under "
        "触发要求\n"
        "   10 | 依据规则：keep.secure、require.filing_not_statutory，default\n"
        "      |                        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "t.qztest:11:6: error[QZ8006]: keep.mandated is a rule, not a requirement: expect it under 依据规则\n"
        "   11 | 触发要求：keep.mandated\n"
        "      |           ^~~~~~~~~~~~~\n"
        "t.qztest:12:1: error[QZ8004]: cannot expect \"结果\": expect 状态, 处理结果, 下放方式, 承接层级, 承接主体, "
        "依据规则 or 触发要求\n"
        "   12 | 结果：保留\n"
        "      | ^~~~\n"
        "t.qztest:13:1: error[QZ8002]: outcome is given twice here (first on line 7, as 处理结果)\n"
        "   13 | outcome：保留\n"
        "      | ^~~~~~~\n");
}

TEST_CASE("rule tests: a cell may be keyed by a header's alias, which is the same column as the header") {
  PolicyLoad load = load_policy_text("p.qz", R"(schema {
  field id: text from "序号"
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市" } from "行使层级" | "层级"
}
rule down: when level > township then delegate to next level by entrustment
default keep
)");
  REQUIRE(load.policy);
  auto run_text = [&](const std::string& text, Diagnostics& diags) {
    RuleTestFile file;
    REQUIRE(parse_rule_tests("t.qztest", text, file, diags));
    std::vector<RuleTestFile> files;
    files.push_back(std::move(file));
    return run_rule_tests(load.policy, files, diags);
  };
  Diagnostics diags;
  auto run = run_text("【测试】按别名\n层级：盟市\n【期望】\n处理结果：下放\n承接层级：旗县\n"
                      "【测试】按表头\n行使层级：苏木乡镇\n【期望】\n处理结果：保留\n",
                      diags);
  CHECK(rendered(diags) == "");
  REQUIRE(run);
  REQUIRE(run->results.size() == 2);
  CHECK(run->results[0].passed);
  CHECK(run->results[1].passed);

  Diagnostics twice;
  run_text("【测试】同一列写两次\n层级：盟市\n行使层级：旗县\n【期望】\n处理结果：下放\n", twice);
  CHECK(rendered(twice) ==
        "t.qztest:3:1: error[QZ8002]: 层级 and 行使层级 are the same column, 行使层级 (first on line 2)\n"
        "    3 | 行使层级：旗县\n"
        "      | ^~~~~~~~\n");
}

TEST_CASE("rule tests: a file that is not UTF-8, or not there") {
  TempDir dir;
  std::string gbk = dir.write("gbk.qztest", "\xA1\xBE\xB2\xE2\xCA\xD4\xA1\xBF\n");  // 【测试】 in GBK
  Run r = run_quanze("test '" + gbk + "' /nonexistent.qztest");
  CHECK(r.code == 1);
  CHECK(r.out == "");
  CHECK(r.err == gbk + ":1:1: error[QZ8008]: the test file is not UTF-8 (GBK?): save it as UTF-8, e.g. in Notepad "
                       "or WPS with 另存为 and 编码 UTF-8\n"
                       "/nonexistent.qztest: error[QZ8009]: cannot read the test file: No such file or directory\n"
                       "2 errors in the test files; no test was run\n");
}

TEST_CASE("cli: the shipped tests pass and exercise every rule of the baseline") {
  Run r = run_quanze("test rules/liangyou.tests.qztest");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  CHECK(r.out == "25 passed, 0 failed\n");
  // The same with the rule file named, and every test listed.
  Run named = run_quanze("test --rules rules/liangyou.qz rules/liangyou.tests.qztest -v");
  CHECK(named.code == 0);
  CHECK(named.out.rfind("rules/liangyou.tests.qztest:22: 通过：盟市的普通事项委托下放到旗县\n", 0) == 0);
  CHECK(contains(named.out, "\nrules/liangyou.tests.qztest:201: 通过：法定层级又没有设定依据：冲突，由人来判断\n"
                            "25 passed, 0 failed\n"));
}

TEST_CASE("cli: a failing test shows expected against actual and the derivation — exit 1") {
  TempDir dir;
  std::string tests = dir.write("t.qztest",
                                "【测试】盟市的许可\n"
                                "事项类别：权责清单事项\n"
                                "行使层级：盟市\n"
                                "设定依据：《农药管理条例》第二十四条\n"
                                "近三年办件量：120\n"
                                "【期望】\n"
                                "处理结果：保留\n"
                                "依据规则：keep.security\n"
                                "\n"
                                "【测试】坏值\n"
                                "行使层级：省级\n"
                                "【期望】\n"
                                "处理结果：保留\n"
                                "\n"
                                "【测试】没有法规依据的取消\n"
                                "事项类别：权责清单事项\n"
                                "【期望】\n"
                                "处理结果：取消\n");
  Run r = run_quanze("test '" + tests + "'");
  CHECK(r.code == 1);
  CHECK(r.err == "");
  CHECK(r.out.rfind(tests + ":1: 失败：盟市的许可\n"
                            "  处理结果：期望 保留，实际 下放\n"
                            "  依据规则：期望 keep.security，实际 delegate.entrust\n"
                            "  推导：\n"
                            "    事项：1（" + tests + " 第 1 行）\n"
                            "    结论：下放（委托实施） → 旗县\n"
                            "    决定规则：\n"
                            "      · delegate.entrust「应放尽放，委托下一级实施」（rules/liangyou.qz:58）\n",
                    0) == 0);
  CHECK(contains(r.out, "\n      · keep.security「涉及重大敏感领域的事项保留」（rules/liangyou.qz:98） 不适用：不成立的是 "
                        "sensitive（let sensitive = security is not empty）（rules/liangyou.qz:38:17；security = （空））\n"));
  // A cell the engine cannot read is pointed at where the test wrote it.
  CHECK(contains(r.out, "\n\n" + tests + ":10: 失败：坏值\n"
                        "  处理结果：期望 保留，实际 无（状态为错误）\n"
                        "  数据问题：" + tests + ":11:6: [QZ6002] \"省级\" is not a member of level (苏木乡镇、旗县、盟市、自治区)\n"
                        "  推导：\n"
                        "    事项：10（" + tests + " 第 10 行）\n"));
  CHECK_FALSE(contains(r.out, "没有法规依据的取消"));  // it passed
  // What no test reached, then the count.
  CHECK(contains(r.out, "\n\n没有测试用到的规则（既没有作出决定，也没有被推翻）：\n"
                        "  · delegate.direct「规章、地方性法规设定或内部管理事项直接下放」（rules/liangyou.qz:65）\n"
                        "  · delegate.authorize「依据允许授权的，法定授权下放」（rules/liangyou.qz:72）\n"
                        "  · filing.low_risk「低风险行政许可改为备案」（rules/liangyou.qz:82）\n"
                        "  · keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91）\n"
                        "  · keep.security「涉及重大敏感领域的事项保留」（rules/liangyou.qz:98）\n"
                        "没有测试触发的依据要求：\n"
                        "  · require.authorization_basis「法定授权须有法规以上依据」（rules/liangyou.qz:107）：没有检查过\n"
                        "  · require.filing_not_statutory「法律设定的许可不得在地方改为备案」（rules/liangyou.qz:114）："
                        "没有检查过\n"
                        "没有测试由 default 决定（rules/liangyou.qz:121）\n"
                        "1 passed, 2 failed\n"));
  CHECK(r.out.ends_with("\n1 passed, 2 failed\n"));
}

TEST_CASE("cli: coverage counts defeated rules as exercised and requirements only once they fire") {
  TempDir dir;
  // 近三年办件量 empty is 0: cancel.dormant decides over delegate.entrust,
  // which is defeated and so exercised. The licence at low risk goes to
  // filing; require.filing_not_statutory is checked and holds.
  std::string tests = dir.write("t.qztest",
                                "【共同】\n"
                                "行使层级：盟市\n"
                                "【测试】取消\n"
                                "【期望】\n"
                                "处理结果：取消\n"
                                "【测试】备案\n"
                                "职权类型：行政许可\n"
                                "风险等级：低\n"
                                "近三年办件量：9\n"
                                "设定依据：《农药管理条例》\n"
                                "【期望】\n"
                                "处理结果：改为备案\n");
  Run r = run_quanze("test '" + tests + "'");
  CHECK(r.code == 0);
  CHECK(r.out == "没有测试用到的规则（既没有作出决定，也没有被推翻）：\n"
                 "  · cancel.no_basis「无法律法规依据的事项一律取消」（rules/liangyou.qz:42）\n"
                 "  · delegate.direct「规章、地方性法规设定或内部管理事项直接下放」（rules/liangyou.qz:65）\n"
                 "  · delegate.authorize「依据允许授权的，法定授权下放」（rules/liangyou.qz:72）\n"
                 "  · keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91）\n"
                 "  · keep.security「涉及重大敏感领域的事项保留」（rules/liangyou.qz:98）\n"
                 "没有测试触发的依据要求：\n"
                 "  · require.authorization_basis「法定授权须有法规以上依据」（rules/liangyou.qz:107）：没有检查过\n"
                 "  · require.filing_not_statutory「法律设定的许可不得在地方改为备案」（rules/liangyou.qz:114）："
                 "检查 1 次，都满足\n"
                 "没有测试由 default 决定（rules/liangyou.qz:121）\n"
                 "2 passed, 0 failed\n");
}

TEST_CASE("cli: tests of another policy: field names, 【共同】, statuses, receivers, several test files") {
  TempDir dir;
  std::string policy = dir.write("p.qz", kTestPolicy);
  std::string first = dir.write("a.qztest",
                                "【共同】\n"
                                "实施部门：盟公安局\n"
                                "风险等级：低\n"
                                "【测试】盟市的低风险事项下放\n"
                                "行使层级：盟市\n"
                                "【期望】\n"
                                "状态：已决定\n"
                                "处理结果：下放\n"
                                "下放方式：委托实施\n"
                                "承接层级：旗县\n"
                                "承接主体：盟公安局对口部门\n"
                                "【测试】高风险的驳回\n"
                                "level：盟市\n"
                                "risk：高\n"
                                "【期望】\n"
                                "状态：驳回\n"
                                "处理结果：无\n"
                                "依据规则：delegate.down\n"
                                "触发要求：require.risk\n");
  std::string second = dir.write("b.qztest",
                                 "【测试】苏木乡镇的没有规则决定\n"
                                 "行使层级：苏木乡镇\n"
                                 "【期望】\n"
                                 "status：undecided\n"
                                 "rules：无\n"
                                 "【测试】没写部门，承接主体只剩“对口部门”\n"
                                 "行使层级：旗县\n"
                                 "风险等级：低\n"
                                 "【期望】\n"
                                 "承接主体：盟公安局对口部门\n");
  Run r = run_quanze("test -r '" + policy + "' '" + first + "' '" + second + "'");
  CHECK(r.code == 1);
  // The policy has no default: check's warning, then the tests.
  CHECK(contains(r.err, "warning[QZ5001]"));
  CHECK(r.out.rfind(second + ":6: 失败：没写部门，承接主体只剩“对口部门”\n"
                             "  承接主体：期望 盟公安局对口部门，实际 对口部门\n",
                    0) == 0);
  CHECK(r.out.ends_with("\n3 passed, 1 failed\n"));
  // A test's own empty cell clears what 【共同】 gave.
  std::string cleared = dir.write("c.qztest",
                                  "【共同】\n风险等级：低\n"
                                  "【测试】风险等级留空\n行使层级：盟市\n风险等级：\n"
                                  "【期望】\n状态：驳回\n");
  CHECK(run_quanze("test -r '" + policy + "' '" + cleared + "'").out == "1 passed, 0 failed\n");
}

TEST_CASE("cli: test's usage errors exit 2 — errors in the rules exit 1") {
  CHECK(run_quanze("test").code == 2);
  CHECK(run_quanze("test --frobnicate rules/liangyou.tests.qztest").code == 2);
  Run help = run_quanze("test --help");
  CHECK(help.code == 0);
  CHECK(contains(help.out, "Exit codes"));
  TempDir dir;
  std::string bad = dir.write("bad.qz", "rule r: when true thn keep\n");
  Run r = run_quanze("test -r '" + bad + "' rules/liangyou.tests.qztest");
  CHECK(r.code == 1);
  CHECK(r.out == "");
  CHECK(contains(r.err, bad + ":1:19: error[QZ1001]"));
  // --rules takes one file each time: the next word is a test file.
  std::string tests = dir.write("t.qztest", "【测试】x\n行使层级：苏木乡镇\n近三年办件量：5\n【期望】\n依据规则：default\n");
  Run two = run_quanze("test --rules rules/liangyou.qz '" + tests + "' rules/liangyou.tests.qztest");
  CHECK(two.code == 0);
  CHECK(two.out == "26 passed, 0 failed\n");
}
