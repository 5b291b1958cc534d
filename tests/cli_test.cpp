// The command-line tool end to end: the binary run as a user runs it, its
// exit codes, what it prints and what it writes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <stdlib.h>

#include "quanze/manifest.hpp"
#include "test_support.hpp"

using namespace quanze;
using quanze::testing::TempDir;

namespace {

namespace fs = std::filesystem;
using testing::Run;
using testing::run_quanze;
using testing::slurp;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

/// The digest of a file as sha256sum(1) prints it, via the engine's hash.
std::string sha256_of_file(const std::string& path) {
  std::ifstream in(std::string(QUANZE_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return sha256_hex(s.str());
}

}  // namespace

TEST_CASE("cli: classify the sample with the embedded baseline gives the expected decisions") {
  Run r = run_quanze("classify --input tests/data/sample-league.csv --format json");
  REQUIRE(r.code == 0);
  nlohmann::json output = nlohmann::json::parse(r.out);
  nlohmann::json records = output["records"];
  REQUIRE(records.size() == 50);
  // The manifest lets an auditor re-run this and compare bytes.
  CHECK(output["manifest"]["engine"] == "quanze 0.1.0");
  CHECK(output["manifest"]["command"] ==
        nlohmann::json::parse(R"(["quanze", "classify", "--input", "tests/data/sample-league.csv", "--format", "json"])"));
  CHECK(output["manifest"]["input"] == nlohmann::json::parse(R"({"file": "tests/data/sample-league.csv",
      "sha256": "2c16b868703415a9f51516809df95fa5c0e8b9505cee4a5e5f40244d4e065890"})"));
  CHECK(output["manifest"]["rules"][0]["file"] == "rules/liangyou.qz");
  CHECK(output["manifest"]["rules"][0]["sha256"] == sha256_of_file("rules/liangyou.qz"));
  CHECK(run_quanze("classify --input tests/data/sample-league.csv --format json").out == r.out);
  Table expected;
  Diagnostics diags;
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.expected.csv", TableFormat::csv,
                     expected, diags));
  for (std::size_t i = 0; i < 50; ++i) {
    const nlohmann::json& j = records[i];
    const std::vector<std::string> want = expected.rows[i].cells.strings();
    CAPTURE(want[0]);
    auto text = [](const nlohmann::json& v) { return v.is_null() ? std::string() : v.get<std::string>(); };
    CHECK(text(j["item"]) == want[0]);
    CHECK(text(j["status"]) == want[1]);
    CHECK(text(j["outcome"]) == want[2]);
    CHECK(text(j["mode"]) == want[3]);
    CHECK(text(j["target"]) == want[4]);
    std::vector<std::string> rules = j["rules"];
    CHECK(testing::joined(rules) == want[5]);
    std::vector<std::string> fired;
    for (const auto& c : j["requirements"])
      if (!c["held"].get<bool>()) fired.push_back(c["rule"]);
    CHECK(testing::joined(fired) == want[6]);
  }
  CHECK(contains(r.err, "共 50 项，已决定 49，冲突 1，未决定 0，驳回 0，错误 0\n"));
  CHECK(contains(r.err, "  下放 19（法定授权 2，委托实施 10，直接下放 7）\n"));
  CHECK(contains(r.err, "  盟公安局：3 项，保留 3\n"));
}

TEST_CASE("cli: CSV output keeps the input columns and adds the result columns") {
  Run r = run_quanze("classify -i tests/data/sample-league.csv -f csv -q");
  REQUIRE(r.code == 0);
  CHECK(r.err == "");
  CHECK(first_line(r.out) ==
        "\xEF\xBB\xBF序号,事项名称,实施部门,事项类别,职权类型,行使层级,设定依据,涉及安全领域,法定层级,依据允许授权,"
        "风险等级,年办件量,近三年办件量,办理环节,申请材料,法定时限,承诺时限,处理结果,下放方式,承接层级,承接主体,"
        "依据规则,理由,引用依据");
  CHECK(contains(r.out, "\nFGW-003,粮食收购资格认定,盟发展和改革委员会,权责清单事项,行政许可,盟市,"
                        "《关于加强粮食收购资格管理的通知》,,否,否,低,40,130,4,7,20,15,取消,,,,cancel.no_basis,"
                        "设定依据最高为规范性文件，没有法律、法规或规章依据,兴党办发电〔2022〕18号：没有法律法规依据的一律取消\n"));
}

TEST_CASE("cli: -o writes the whole file, a failed run leaves none") {
  TempDir dir;
  Run ok = run_quanze("classify -i tests/data/sample-league.csv -o '" + dir.file("out.jsonl") + "'");
  REQUIRE(ok.code == 0);
  CHECK(ok.out == "");
  std::string written = slurp(dir.file("out.jsonl"));
  // The format follows the name: JSON Lines, the manifest first, then a line per item.
  CHECK(std::count(written.begin(), written.end(), '\n') == 51);
  CHECK(nlohmann::json::parse(first_line(written)).contains("manifest"));
  CHECK(nlohmann::json::parse(first_line(written.substr(written.find('\n') + 1)))["item"] == "FGW-001");

  std::string rules = dir.write("bad.qz", "rule r: when true thn keep\n");
  Run bad = run_quanze("classify -r '" + rules + "' -i tests/data/sample-league.csv -o '" + dir.file("x.csv") + "'");
  CHECK(bad.code == 1);
  CHECK(contains(bad.err, rules + ":1:19: error[QZ1001]: expected then and the outcome after the condition, found thn\n"));
  CHECK_FALSE(fs::exists(dir.file("x.csv")));

  std::string list = dir.write("list.csv", "序号,事项名称\nA,甲\n");
  Run missing = run_quanze("classify -i '" + list + "' -o '" + dir.file("y.csv") + "'");
  CHECK(missing.code == 1);
  CHECK(contains(missing.err, "error[QZ6001]: the list has no column \"实施部门\", which the policy's schema reads; "
                              "its columns are: 序号, 事项名称\n"));
  CHECK_FALSE(fs::exists(dir.file("y.csv")));
  CHECK(fs::directory_iterator(dir.path) != fs::directory_iterator());  // only the inputs remain
  std::size_t files = std::distance(fs::directory_iterator(dir.path), fs::directory_iterator());
  CHECK(files == 3);
}

TEST_CASE("cli: rows with bad cells are results, reported with row and column") {
  TempDir dir;
  std::string rules = dir.write("p.qz",
                                "schema { field id: text from \"序号\"\n"
                                "  field level: enum ordered { county \"旗县\", league \"盟市\" } from \"行使层级\" }\n"
                                "rule down: when level > county then delegate to next level\n"
                                "default keep\n");
  std::string list = dir.write("清单.json", R"([{"序号": "A", "行使层级": "盟市"}, {"序号": "B", "行使层级": "省级"}])");
  Run r = run_quanze("classify -r '" + rules + "' -i '" + list + "' -f jsonl");
  CHECK(r.code == 1);  // the output is whole, but not every item could be classified
  CHECK(contains(r.err, list + ":2:2: error[QZ6002]: item B: \"省级\" is not a member of level (旗县、盟市)\n"));
  CHECK(contains(r.err, "共 2 项，已决定 1，冲突 0，未决定 0，驳回 0，错误 1\n"));
  CHECK(contains(r.out, R"("item":"A","name":"","status":"decided","outcome":"delegate","mode":null,"target":"旗县")"));
  CHECK(contains(r.out, R"("item":"B","name":"","status":"error")"));
}

TEST_CASE("cli: --max-errors stops a list that is wrong throughout, and writes nothing") {
  TempDir dir;
  std::string rules = dir.write("p.qz", "schema { field id: text from \"序号\" field n: number from \"数\" }\n"
                                        "default keep\n");
  std::string list = dir.write("list.csv", "序号,数\nA,1\nB,一\nC,2\nD,二\nE,三\n");
  Run stopped = run_quanze("classify -r '" + rules + "' -i '" + list + "' -f csv --max-errors 2");
  CHECK(stopped.code == 1);
  CHECK(stopped.out == "");
  CHECK(stopped.err == list + ":3:2: error[QZ6003]: item B: \"一\" is not a number\n" + list +
                           ":5:2: error[QZ6003]: item D: \"二\" is not a number\n"
                           "quanze: stopped at row 5 after 2 rows with errors (--max-errors 2); nothing was written\n");
  Run to_file = run_quanze("classify -r '" + rules + "' -i '" + list + "' --max-errors 1 -o '" + dir.file("out.csv") + "'");
  CHECK(to_file.code == 1);
  CHECK_FALSE(fs::exists(dir.file("out.csv")));
  // Fewer errors than the limit: every record is written, and the exit
  // code still says that some items are in error.
  Run through = run_quanze("classify -r '" + rules + "' -i '" + list + "' -f csv -q --max-errors 4");
  CHECK(through.code == 1);
  CHECK(std::count(through.out.begin(), through.out.end(), '\n') == 6);
  CHECK(run_quanze("classify -r '" + rules + "' -i '" + list + "' --max-errors 0").code == 2);
}

TEST_CASE("cli: check reports errors with position and caret, or ok") {
  TempDir dir;
  std::string bad = dir.write("bad.qz", "rule b。when x = 1 then keep\n");
  Run r = run_quanze("check '" + bad + "'");
  CHECK(r.code == 1);
  CHECK(r.out == bad + ":1:7: error[QZ1004]: full-width 。 (U+3002) is not part of the language (write . for a dot); "
                       "expected : to begin the body\n"
                       "    1 | rule b。when x = 1 then keep\n"
                       "      |       ^~\n"
                       "1 error, 0 warnings\n");
  Run json = run_quanze("check '" + bad + "' --format json");
  CHECK(json.code == 1);
  CHECK(nlohmann::json::parse(json.out) ==
        nlohmann::json::parse(R"([{"code": "QZ1004", "severity": "error", "file": ")" + bad +
                              R"(", "line": 1, "column": 7, "message": "full-width 。 (U+3002) is not part of )"
                              R"(the language (write . for a dot); expected : to begin the body"}])"));
  Run ok = run_quanze("check rules/liangyou.qz");
  CHECK(ok.code == 0);
  // The baseline's known conflict is found, with an example item.
  CHECK(contains(ok.out, "rules/liangyou.qz:42:11: warning[QZ5002]: cancel.no_basis (cancel) and keep.mandated (keep, "
                         "line 91) can both decide one item and neither overrides the other, so the item is in "
                         "conflict; for example 事项类别 = \"权责清单事项\", 设定依据 = \"\", 法定层级 = \"是\". "
                         "Add an exception, or a precedence\n"));
  CHECK(contains(ok.out, "\nok: 8 rules, 2 requirements, 17 fields, 2 warnings\n"));
  CHECK(run_quanze("check --no-analysis rules/liangyou.qz").out == "ok: 8 rules, 2 requirements, 17 fields\n");
}

TEST_CASE("cli: explain tells the derivation of one item") {
  Run r = run_quanze("explain -i tests/data/sample-league.csv --item NM-006");
  REQUIRE(r.code == 0);
  CHECK(first_line(r.out) == "事项：NM-006 动物诊疗许可证核发（tests/data/sample-league.csv 第 31 行）");
  CHECK(contains(r.out, "\n结论：下放（委托实施） → 旗县\n"));
  CHECK(contains(r.out, "\n决定规则：\n  · delegate.authorize「依据允许授权的，法定授权下放」（rules/liangyou.qz:72）\n"));
  CHECK(contains(r.out, "\n  · delegate.entrust「应放尽放，委托下一级实施」（rules/liangyou.qz:58） 被 delegate.authorize 推翻\n"));
  CHECK(contains(r.out, "\n依据要求：\n  · require.authorization_basis「法定授权须有法规以上依据」（rules/liangyou.qz:107） "
                        "未满足 → 改为下放（委托实施）：不成立的是 basis.highest >= local_regulation"
                        "（rules/liangyou.qz:109:3；basis.highest = 规章 (inferred: 办法)）\n"));
  CHECK(contains(r.out, "\n  · basis.highest = 规章 (inferred: 办法)\n"));
  Run json = run_quanze("explain -i tests/data/sample-league.csv --item SC-006 -f json");
  REQUIRE(json.code == 0);
  nlohmann::json j = nlohmann::json::parse(json.out);
  CHECK(j["status"] == "conflict");
  CHECK(j["rules"] == nlohmann::json::parse(R"(["cancel.no_basis", "keep.mandated"])"));
  Run missing = run_quanze("explain -i tests/data/sample-league.csv --item NM-999");
  CHECK(missing.code == 1);
  CHECK(first_line(missing.err).rfind("quanze: no item \"NM-999\" in tests/data/sample-league.csv (50 items); similar: NM-00", 0) == 0);
}

TEST_CASE("cli: explain --all, --why-not, and tree") {
  Run all = run_quanze("explain -i tests/data/sample-league.csv --all -f json");
  REQUIRE(all.code == 0);
  std::istringstream lines(all.out);
  std::string manifest;
  std::getline(lines, manifest);
  CHECK(nlohmann::json::parse(manifest)["manifest"]["policy"] == "两优专项行动基线");
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) CHECK(nlohmann::json::parse(line).contains("derivation"));
  CHECK(n == 50);
  Run one = run_quanze("explain -i tests/data/sample-league.csv --item NM-006 -f json");
  CHECK(nlohmann::json::parse(one.out)["manifest"]["input"]["file"] == "tests/data/sample-league.csv");
  Run text = run_quanze("explain -i tests/data/sample-league.csv --all");
  CHECK(text.code == 0);
  CHECK(std::count(text.out.begin(), text.out.end(), '\n') > 50 * 5);
  Run why = run_quanze("explain -i tests/data/sample-league.csv --item FGW-001 --why-not keep.mandated");
  CHECK(why.out == "事项：FGW-001 企业投资项目核准（盟级权限内）\n"
                   "keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91） 不适用：不成立的是 mandated"
                   "（rules/liangyou.qz:93:8；mandated = 否）\n");
  Run unknown = run_quanze("explain -i tests/data/sample-league.csv --item FGW-001 --why-not keep.mandate");
  CHECK(unknown.code == 1);
  CHECK(first_line(unknown.err).rfind("quanze: the policy has no rule or requirement \"keep.mandate\"; similar: keep.mandated", 0) == 0);
  CHECK(run_quanze("explain -i tests/data/sample-league.csv").code == 2);
  CHECK(run_quanze("explain -i tests/data/sample-league.csv --all --item X").code == 2);
  Run what_if = run_quanze("explain -i tests/data/sample-league.csv --item GA-001 --what-if");
  CHECK(what_if.code == 0);
  CHECK(contains(what_if.out, "  · 下放（委托实施） → 旗县（delegate.entrust）：\n"
                              "      若 涉及安全领域 由“公共安全”改为空，且 法定层级 由“是”改为空\n"));
  CHECK(run_quanze("explain -i tests/data/sample-league.csv --all --what-if").code == 2);
  Run tree = run_quanze("tree rules/liangyou.qz");
  CHECK(tree.code == 0);
  CHECK(first_line(tree.out) == "政策：两优专项行动基线（2022-12-16）");
  CHECK(run_quanze("tree /nonexistent.qz").code == 1);
}

TEST_CASE("cli: summary counts the four results, the days saved and rule coverage") {
  Run text = run_quanze("summary -i tests/data/sample-league.csv");
  REQUIRE(text.code == 0);
  CHECK(text.out.rfind("共 50 项，已决定 49，冲突 1，未决定 0，驳回 0，错误 0\n"
                       "  取消 4\n"
                       "  下放 19（法定授权 2，委托实施 10，直接下放 7）\n"
                       "  改为备案 2\n"
                       "  保留 24\n"
                       "  压缩时限 257 个工作日\n"
                       "按部门：\n"
                       "  乌兰浩特市义勒力特镇人民政府：1 项，保留 1，压缩时限 10 个工作日\n",
                       0) == 0);
  CHECK(contains(text.out, "\n  keep.security：适用 19，决定 19，被推翻 0\n"));
  Run json = run_quanze("summary -i tests/data/sample-league.csv -f json");
  nlohmann::json j = nlohmann::json::parse(json.out);
  CHECK(j["compressed_days"] == 257.0);
  CHECK(j["manifest"]["command"][1] == "summary");
}

TEST_CASE("cli: usage errors exit 2, help exits 0") {
  CHECK(run_quanze("").code == 2);
  CHECK(run_quanze("classify").code == 2);
  CHECK(run_quanze("classify -i x.csv --format xlsx").code == 2);
  CHECK(run_quanze("frobnicate").code == 2);
  for (const char* command : {"--help", "classify --help", "check --help", "explain --help", "tree --help",
                              "summary --help", "report --help", "test --help", "diff --help"}) {
    Run r = run_quanze(command);
    CAPTURE(command);
    CHECK(r.code == 0);
    CHECK(contains(r.out, "Exit codes"));
  }
  CHECK(run_quanze("--version").out == "quanze 0.1.0\n");
  Run unreadable = run_quanze("classify -i /nonexistent.csv");
  CHECK(unreadable.code == 1);
  CHECK(unreadable.err == "/nonexistent.csv: error[QZ6009]: cannot open the list: No such file or directory\n");
}
