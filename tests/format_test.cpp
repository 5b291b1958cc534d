// quanze fmt: the canonical layout, comments kept, idempotent, and a
// faithful translation between the keyword dialects.
#include <doctest/doctest.h>

#include <filesystem>

#include "ast/dump.hpp"
#include "doc_blocks.hpp"
#include "quanze/format.hpp"
#include "quanze/output.hpp"
#include "syntax/parse.hpp"
#include "test_support.hpp"

using namespace quanze;
using testing::Run;
using testing::run_quanze;
using testing::slurp;
using testing::TempDir;

namespace {

struct Parsed {
  bool ok = false;
  std::string dump;
  std::vector<std::string> comments;
  Dialect dialect = Dialect::en;
};

Parsed parse(const std::string& text) {
  SourceSet sources;
  FileId id = sources.add("f.qz", text);
  Diagnostics diags;
  ast::File file = syntax::parse_file(sources, id, diags);
  Parsed p{!diags.has_errors(), ast::dump(file), {}, file.dialect};
  for (const ast::Comment& c : file.comments) p.comments.push_back(c.text);
  return p;
}

std::string fmt(const std::string& text, std::optional<Dialect> dialect = std::nullopt) {
  FormatResult r = format_rule_text("f.qz", text, dialect);
  REQUIRE_MESSAGE(r.ok, testing::joined(testing::summarize(r.diagnostics), "\n"));
  return r.text;
}

/// Everything fmt promises about one rule file that parses.
void round_trip(const std::string& name, const std::string& text) {
  CAPTURE(name);
  Parsed original = parse(text);
  REQUIRE(original.ok);
  std::string zh = fmt(text, Dialect::zh);
  std::string en = fmt(zh, Dialect::en);
  std::string same = fmt(text);
  // The meaning, and every comment, survives the trip there and back.
  CHECK(parse(zh).dump == original.dump);
  CHECK(parse(en).dump == original.dump);
  CHECK(parse(same).dump == original.dump);
  CHECK(parse(zh).comments == original.comments);
  CHECK(parse(en).comments == original.comments);
  // Formatting a formatted file changes nothing.
  CHECK(fmt(zh, Dialect::zh) == zh);
  CHECK(fmt(en, Dialect::en) == en);
  CHECK(fmt(same) == same);
  CHECK(fmt(zh) == zh);  // a Chinese file stays Chinese
}

bool has_declaration(const std::string& text) { return parse(text).dump != ""; }

}  // namespace

TEST_CASE("fmt: every shipped policy and every example of the docs survives Chinese and back") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(QUANZE_SOURCE_DIR) + "/rules")) {
    if (entry.path().extension() != ".qz") continue;
    round_trip(entry.path().string(), slurp(entry.path().string()));
    ++files;
  }
  CHECK(files >= 1);
  int loading = 0, parsing = 0;
  for (const char* doc : {"docs/language.md", "docs/errors.md", "docs/tutorial.md"}) {
    for (const testing::Block& b : testing::code_blocks(testing::read_doc(doc))) {
      if (b.lang != "qz" || !parse(b.text).ok || !has_declaration(b.text)) continue;
      std::string loaded = std::string(doc) == "docs/language.md" ? testing::language_example(b.text) : b.text;
      loading += load_policy_text("my.qz", loaded).policy != nullptr;
      ++parsing;
      round_trip(std::string(doc) + ":" + std::to_string(b.line), b.text);
    }
  }
  // Every example that loads, and the error examples whose syntax is right.
  CHECK(loading >= 25);
  CHECK(parsing >= 60);
}

TEST_CASE("fmt: the shipped policy is in the canonical layout, and in Chinese it decides the same") {
  std::string baseline(baseline_policy_text());
  CHECK(fmt(baseline) == baseline);
  std::string zh = fmt(baseline, Dialect::zh);
  CHECK(zh.find("例外 cancel.no_basis \"无法律法规依据的事项一律取消\"\n"
                "    覆盖 delegate.entrust, delegate.direct, delegate.authorize, filing.low_risk, keep.security:\n"
                "  当 category = power 且 basis.最高 < gov_rule\n"
                "  则 取消\n") != std::string::npos);
  Table table;
  Diagnostics diags;
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, table, diags));
  std::vector<DecisionRecord> english = testing::classify(baseline, table);
  std::vector<DecisionRecord> chinese = testing::classify(zh, table);
  REQUIRE(english.size() == chinese.size());
  for (std::size_t i = 0; i < english.size(); ++i)
    CHECK(record_to_json(chinese[i]) == record_to_json(english[i]));  // lines too: the layout is kept
}

TEST_CASE("fmt: the canonical layout") {
  CHECK(fmt("policy \"p\"   version \"1\"\nimport \"a.qz\" import \"b.qz\"\n"
            "schema { field level: enum ordered {township \"苏木乡镇\",county \"旗县\",} from \"行使层级\"\n"
            " field n: number default 0 }\n"
            "let a = level > township   and (n = 1 or n=2)\nlet b = not a\n"
            "rule r1 \"t\": when a then delegate to next level by entrustment receiver \"x\" because \"y\" cite \"z\"\n"
            "exception r2 to r1: when (a) then keep\n"
            "require q for delegate by authorization: n >= 1 else reject\n"
            "default keep because \"d\" precedence keep > cancel\n") ==
        "policy \"p\" version \"1\"\n"
        "\n"
        "import \"a.qz\"\n"
        "import \"b.qz\"\n"
        "\n"
        "schema {\n"
        "  field level: enum ordered { township \"苏木乡镇\", county \"旗县\" } from \"行使层级\"\n"
        "  field n: number default 0\n"
        "}\n"
        "\n"
        "let a = level > township and (n = 1 or n = 2)\n"
        "let b = not a\n"
        "\n"
        "rule r1 \"t\":\n"
        "  when a\n"
        "  then delegate to next level by entrustment receiver \"x\"\n"
        "  because \"y\"\n"
        "  cite \"z\"\n"
        "\n"
        "exception r2\n"
        "    to r1:\n"
        "  when (a)\n"
        "  then keep\n"
        "\n"
        "require q\n"
        "    for delegate by authorization:\n"
        "  n >= 1\n"
        "  else reject\n"
        "\n"
        "default keep because \"d\"\n"
        "\n"
        "precedence keep > cancel\n");
  // Strings are written back with ASCII quotes and their escapes; numbers as written.
  CHECK(fmt("rule r：when n ＞＝ 2．50 then keep because “a\"b\\\\c”\n") ==
        "rule r:\n  when n >= 2.50\n  then keep\n  because \"a\\\"b\\\\c\"\n");
  // A member list the author broke over lines keeps its lines.
  CHECK(fmt("schema { field t: enum { a \"甲\", b,\n c, d } }\n") ==
        "schema {\n  field t: enum {\n    a \"甲\", b,\n    c, d,\n  }\n}\n");
}

TEST_CASE("fmt: every comment stays, next to what it was written beside") {
  std::string in =
      "# 文件头注释\n"
      "\n"
      "policy \"p\" # 政策\n"
      "schema {\n"
      "  # 层级\n"
      "  field level: enum ordered { a, b } # 行尾\n"
      "} # 结束\n"
      "let x = level > a # 说明\n"
      "  and level < b # 第二条\n"
      "rule r: # 规则\n"
      "  when x\n"
      "  # 结果\n"
      "  then keep\n"
      "# 属于 r\n"
      "\n"
      "# 属于 default\n"
      "default keep\n"
      "# 文件尾\n";
  std::string out = fmt(in);
  CHECK(out ==
        "# 文件头注释\n"
        "\n"
        "policy \"p\"  # 政策\n"
        "\n"
        "schema {\n"
        "  # 层级\n"
        "  field level: enum ordered { a, b }  # 行尾\n"
        "}  # 结束\n"
        "\n"
        "let x = level > a and level < b  # 说明\n"
        "# 第二条\n"
        "\n"
        "rule r:  # 规则\n"
        "  when x\n"
        "  # 结果\n"
        "  then keep\n"
        "# 属于 r\n"
        "\n"
        "# 属于 default\n"
        "default keep\n"
        "# 文件尾\n");
  CHECK(fmt(out) == out);
  CHECK(parse(out).comments == parse(in).comments);
  CHECK(fmt(in, Dialect::zh).find("设 x = level > a 且 level < b  # 说明\n# 第二条\n") != std::string::npos);
}

TEST_CASE("fmt: the dialect is the file's own unless asked, and only syntax errors stop it") {
  CHECK(fmt("规则 r: when a then 保留\n默认 保留\n") == "规则 r:\n  当 a\n  则 保留\n\n默认 保留\n");
  CHECK(fmt("规则 r: 当 a 则 保留\n", Dialect::en) == "rule r:\n  when a\n  then keep\n");
  // Unknown names are the checker's business, not the formatter's.
  CHECK(fmt("rule r: when nobody_knows then keep\n") == "rule r:\n  when nobody_knows\n  then keep\n");
  FormatResult bad = format_rule_text("bad.qz", "rule r: when a thn keep\n");
  CHECK_FALSE(bad.ok);
  CHECK(testing::summarize(bad.diagnostics) ==
        std::vector<std::string>{"QZ1001 1:16 expected then and the outcome after the condition, found thn"});
  // A byte order mark stays; an empty file stays empty.
  CHECK(fmt("\xEF\xBB\xBF" "default keep\n") == "\xEF\xBB\xBF" "default keep\n");
  CHECK(fmt("") == "");
  CHECK(fmt("# 只有注释\n\n# 两段\n") == "# 只有注释\n\n# 两段\n");
}

TEST_CASE("cli: fmt prints, --check lists what is not formatted, -w rewrites in place") {
  TempDir dir;
  std::string good = dir.write("good.qz", "rule r:\n  when a\n  then keep\n");
  std::string messy = dir.write("messy.qz", "rule r: when a then keep # 注释\n");
  std::string broken = dir.write("broken.qz", "rule r: when a thn keep\n");

  Run printed = run_quanze("fmt '" + messy + "'");
  CHECK(printed.code == 0);
  CHECK(printed.out == "rule r:\n  when a\n  then keep  # 注释\n");
  CHECK(slurp(messy) == "rule r: when a then keep # 注释\n");  // printing leaves the file alone

  Run check = run_quanze("fmt --check '" + good + "' '" + messy + "'");
  CHECK(check.code == 1);
  CHECK(check.out == messy + "\n");
  CHECK(run_quanze("fmt --check '" + good + "'").code == 0);
  Run zh = run_quanze("fmt --check --lang zh '" + good + "'");
  CHECK(zh.code == 1);
  CHECK(zh.out == good + "\n");

  Run wrote = run_quanze("fmt -w '" + messy + "' '" + good + "'");
  CHECK(wrote.code == 0);
  CHECK(wrote.out == "");
  CHECK(slurp(messy) == "rule r:\n  when a\n  then keep  # 注释\n");
  CHECK(run_quanze("fmt --check '" + messy + "'").code == 0);
  CHECK(run_quanze("fmt -w --lang zh '" + messy + "'").code == 0);
  CHECK(slurp(messy) == "规则 r:\n  当 a\n  则 保留  # 注释\n");
  // No temporary file is left beside it.
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++files;
  CHECK(files == 3);

  Run bad = run_quanze("fmt -w '" + broken + "'");
  CHECK(bad.code == 1);
  CHECK(bad.err.find(broken + ":1:16: error[QZ1001]: expected then and the outcome after the condition, found thn") !=
        std::string::npos);
  CHECK(slurp(broken) == "rule r: when a thn keep\n");
  CHECK(run_quanze("fmt --check '" + broken + "'").code == 1);
  CHECK(run_quanze("fmt '" + dir.file("missing.qz") + "'").code == 1);
  CHECK(run_quanze("fmt -w --check '" + good + "'").code == 2);
  CHECK(run_quanze("fmt --lang fr '" + good + "'").code == 2);
}
