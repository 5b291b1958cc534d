// What batch users get back: records as JSON, JSON Lines and CSV with the
// exact keys and columns, summary counts, and files that appear whole.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quanze/manifest.hpp"
#include "quanze/output.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

DecisionRecord delegated() {
  DecisionRecord r;
  r.item = "NM-006";
  r.name = "动物诊疗许可证核发";
  r.department = "盟农牧局";
  r.row = 31;
  r.status = Status::decided;
  r.outcome = Outcome::delegate;
  r.mode = Mode::entrustment;
  r.target = "旗县";
  r.rules = {"delegate.authorize"};
  r.defeated = {{"delegate.entrust", "delegate.authorize"}};
  r.requirements = {{"require.authorization_basis", false, "delegate by entrustment"}};
  r.reasons = {"以法定授权方式下放", "规章不能授权，改为委托实施"};
  r.citations = {"《中华人民共和国行政许可法》第二十三条"};
  r.source = {{"delegate.authorize", "rules/liangyou.qz", 72}, {"require.authorization_basis", "rules/liangyou.qz", 107}};
  r.evidence = {{"level", "盟市"}, {"basis.highest", "规章 (inferred: 办法)"}, {"volume_3y", std::nullopt}};
  r.as_of = "2025-06-30";
  return r;
}

DecisionRecord conflicted() {
  DecisionRecord r;
  r.item = "SC-006";
  r.name = "名称,带逗号";
  r.department = "盟市场监督管理局";
  r.row = 40;
  r.status = Status::conflict;
  r.rules = {"cancel.no_basis", "keep.mandated"};
  r.conflict = {{"cancel.no_basis", Outcome::cancel, std::nullopt, std::nullopt, std::nullopt},
                {"keep.mandated", Outcome::keep, std::nullopt, std::nullopt, std::nullopt}};
  r.reasons = {"甲", "乙"};
  r.as_of = "2025-06-30";
  return r;
}

DecisionRecord broken() {
  DecisionRecord r;
  r.item = "X-1";
  r.row = 7;
  r.status = Status::error;
  r.error = "row 7, column 6 (行使层级): \"省级\" is not a member of level";
  r.problems = {{"QZ6002", 6, "行使层级", "省级", "\"省级\" is not a member of level"}};
  return r;
}

Table input() {
  Table t;
  t.headers = {"序号", "事项名称"};
  Row a;
  a.cells = {"NM-006", "动物诊疗许可证核发"};
  Row b;
  b.cells = {"SC-006", "名称,带逗号"};
  t.rows = {a, b};
  return t;
}

std::string written(OutputFormat format, const std::vector<DecisionRecord>& records) {
  std::ostringstream out;
  auto writer = make_record_writer(format, out);
  Table t = input();
  writer->begin(t);
  for (std::size_t i = 0; i < records.size(); ++i) writer->write(t.rows[i % t.rows.size()], records[i]);
  writer->end();
  return out.str();
}

}  // namespace

TEST_CASE("record JSON: every key of the decision record, in order") {
  CHECK(record_to_json(delegated()) ==
        R"j({"item":"NM-006","name":"动物诊疗许可证核发","status":"decided","outcome":"delegate",)j"
        R"j("mode":"entrustment","target":"旗县","receiver":null,"rules":["delegate.authorize"],)j"
        R"j("defeated":[{"rule":"delegate.entrust","by":"delegate.authorize"}],)j"
        R"j("requirements":[{"rule":"require.authorization_basis","held":false,"fallback":"delegate by entrustment"}],)j"
        R"j("reasons":["以法定授权方式下放","规章不能授权，改为委托实施"],)j"
        R"j("citations":["《中华人民共和国行政许可法》第二十三条"],)j"
        R"j("source":[{"rule":"delegate.authorize","file":"rules/liangyou.qz","line":72},)j"
        R"j({"rule":"require.authorization_basis","file":"rules/liangyou.qz","line":107}],)j"
        R"j("evidence":{"level":"盟市","basis.highest":"规章 (inferred: 办法)","volume_3y":null},"as_of":"2025-06-30",)j"
        R"j("row":31})j");
}

TEST_CASE("record JSON: a conflict has null outcome and lists each live rule's outcome") {
  CHECK(record_to_json(conflicted()) ==
        R"j({"item":"SC-006","name":"名称,带逗号","status":"conflict","outcome":null,"mode":null,)j"
        R"j("target":null,"receiver":null,"rules":["cancel.no_basis","keep.mandated"],"defeated":[],)j"
        R"j("requirements":[],"reasons":["甲","乙"],"citations":[],"source":[],"evidence":{},"as_of":"2025-06-30",)j"
        R"j("conflict":[{"rule":"cancel.no_basis","outcome":"cancel","mode":null,"target":null,"receiver":null},)j"
        R"j({"rule":"keep.mandated","outcome":"keep","mode":null,"target":null,"receiver":null}],"row":40})j");
}

TEST_CASE("record JSON: an error names its problems with column and value") {
  std::string j = record_to_json(broken());
  CHECK(j.find(R"j("status":"error","outcome":null)j") != std::string::npos);
  CHECK(j.find(R"j("error":"row 7, column 6 (行使层级): \"省级\" is not a member of level",)j"
               R"j("problems":[{"code":"QZ6002","column":6,"header":"行使层级","value":"省级",)j"
               R"j("message":"\"省级\" is not a member of level"}])j") != std::string::npos);
}

TEST_CASE("writers: a JSON array is valid with no records and with several") {
  CHECK(written(OutputFormat::json, {}) == "[]\n");
  std::string two = written(OutputFormat::json, {delegated(), conflicted()});
  CHECK(two == "[\n" + record_to_json(delegated()) + ",\n" + record_to_json(conflicted()) + "\n]\n");
  CHECK(written(OutputFormat::jsonl, {delegated(), conflicted()}) ==
        record_to_json(delegated()) + "\n" + record_to_json(conflicted()) + "\n");
}

TEST_CASE("writers: CSV keeps the input columns and adds the seven result columns") {
  CHECK(written(OutputFormat::csv, {delegated(), conflicted(), broken()}) ==
        "\xEF\xBB\xBF序号,事项名称,处理结果,下放方式,承接层级,承接主体,依据规则,理由,引用依据\n"
        "NM-006,动物诊疗许可证核发,下放,委托实施,旗县,,delegate.authorize,以法定授权方式下放；规章不能授权，改为委托实施,"
        "《中华人民共和国行政许可法》第二十三条\n"
        "SC-006,\"名称,带逗号\",冲突,,,,cancel.no_basis、keep.mandated,甲；乙,\n"
        "NM-006,动物诊疗许可证核发,\"错误：row 7, column 6 (行使层级): \"\"省级\"\" is not a member of level\",,,,,,\n");
}

TEST_CASE("summary: counts per status, outcome, mode and department") {
  Summary s;
  s.add(delegated());
  s.add(conflicted());
  s.add(broken());
  DecisionRecord kept = delegated();
  kept.outcome = Outcome::keep;
  kept.mode.reset();
  s.add(kept);
  CHECK(s.total() == 4);
  CHECK(s.count(Status::decided) == 2);
  CHECK(s.render() ==
        "共 4 项，已决定 2，冲突 1，未决定 0，驳回 0，错误 1\n"
        "  取消 0\n"
        "  下放 1（法定授权 0，委托实施 1，直接下放 0）\n"
        "  改为备案 0\n"
        "  保留 1\n"
        "按部门：\n"
        "  盟农牧局：2 项，下放 1，保留 1\n"
        "  盟市场监督管理局：1 项，冲突 1\n"
        "  （未填部门）：1 项，错误 1\n");
}

TEST_CASE("atomic output: the file appears whole on commit, not at all otherwise") {
  namespace fs = std::filesystem;
  testing::TempDir temp;
  const fs::path& dir = temp.path;
  std::string error;
  {
    AtomicOutput failed((dir / "half.json").string());
    REQUIRE(failed.open(error));
    failed.stream() << "[{\"item\":";
  }  // destroyed without commit, as when a run fails halfway
  CHECK(fs::is_empty(dir));
  {
    AtomicOutput ok((dir / "whole.json").string());
    REQUIRE(ok.open(error));
    ok.stream() << "[]\n";
    REQUIRE(ok.commit(error));
  }
  std::ifstream in(dir / "whole.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "[]\n");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  AtomicOutput nowhere((dir / "no-such-dir" / "out.csv").string());
  CHECK_FALSE(nowhere.open(error));
  CHECK(error.rfind("cannot create a file beside " + (dir / "no-such-dir" / "out.csv").string(), 0) == 0);
  OutputFormat f{};
  CHECK(parse_output_format("jsonl", f));
  CHECK(f == OutputFormat::jsonl);
  CHECK_FALSE(parse_output_format("xlsx", f));
}

TEST_CASE("atomic output: a named pipe or device is written in place, a link's target is replaced, not the link") {
  namespace fs = std::filesystem;
  testing::TempDir temp;
  std::string error;
  // Renaming a temporary file over /dev/null (as root) or a pipe replaces
  // the device or the pipe: they must be written directly.
  std::string fifo = temp.file("out.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // so that opening to write does not wait
  REQUIRE(reader >= 0);
  {
    AtomicOutput out(fifo);
    REQUIRE(out.open(error));
    out.stream() << "[]\n";
    REQUIRE(out.commit(error));
  }
  char got[16] = {};
  CHECK(::read(reader, got, sizeof got) == 3);
  ::close(reader);
  CHECK(std::string(got) == "[]\n");
  REQUIRE(fs::is_fifo(fifo));  // else the /dev/null below would be replaced too
  CHECK(std::distance(fs::directory_iterator(temp.path), fs::directory_iterator()) == 1);
  {
    AtomicOutput null("/dev/null");
    REQUIRE(null.open(error));
    null.stream() << "nothing";
    REQUIRE(null.commit(error));
  }
  CHECK(fs::is_character_file("/dev/null"));

  std::string real = temp.file("runs-1.csv"), link = temp.file("latest.csv");
  std::ofstream(real) << "old";
  fs::create_symlink(real, link);
  {
    AtomicOutput out(link);
    REQUIRE(out.open(error));
    out.stream() << "new";
    REQUIRE(out.commit(error));
  }
  CHECK(fs::is_symlink(link));
  std::ifstream in(real);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "new");
  CHECK(std::distance(fs::directory_iterator(temp.path), fs::directory_iterator()) == 3);
}

TEST_CASE("manifest: SHA-256 matches the standard's test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("atomic output: a writer that needs a file name writes the temporary file") {
  namespace fs = std::filesystem;
  testing::TempDir temp;
  std::string error;
  std::string target = temp.file("form.xlsx");
  {
    AtomicOutput abandoned(target);
    REQUIRE(abandoned.open_named(error));
    CHECK(fs::path(abandoned.temp_path()).parent_path() == temp.path);  // same directory: rename is atomic
    std::ofstream(abandoned.temp_path(), std::ios::binary) << "PK half";
  }
  CHECK(fs::is_empty(temp.path));
  {
    AtomicOutput named(target);
    REQUIRE(named.open_named(error));
    std::ofstream(named.temp_path(), std::ios::binary) << "PK whole";
    REQUIRE(named.commit(error));
  }
  std::ifstream in(target, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "PK whole");
  CHECK(std::distance(fs::directory_iterator(temp.path), fs::directory_iterator()) == 1);
  AtomicOutput to_stdout("-");
  CHECK_FALSE(to_stdout.open_named(error));
  CHECK(error == "this output needs a file name; it cannot go to standard output");
}
