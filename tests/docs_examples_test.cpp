// The documentation's examples are part of the product: an analyst copies
// them. Every ```qz block of docs/language.md must load, and every example
// of docs/errors.md must produce exactly the message the page quotes.
//
// Code blocks carry words after the language tag:
//   ```qz error=QZ2001   the block must fail with that code
//   ```qz file=a.qz      write the block to a.qz (for imports) ...
//   ```qz file=a.qz check   ... and load it as the example's policy
//   ```qz no-check       illustrative only (e.g. an import with no file)
// In docs/language.md a block without a schema is a fragment: it is loaded
// after a schema declaring every field the page's examples use.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "quanze/analysis.hpp"
#include "quanze/engine.hpp"
#include "quanze/output.hpp"
#include "quanze/rule_tests.hpp"
#include "quanze/table.hpp"
#include "doc_blocks.hpp"
#include "test_support.hpp"

using namespace quanze;
using testing::Block;
using testing::code_blocks;
using testing::read_doc;

namespace {

std::string rendered(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) out += render(d);
  return out;
}

std::set<std::string> codes_of(const Diagnostics& diags) {
  std::set<std::string> out;
  for (const Diagnostic& d : diags.items()) out.insert(d.code);
  return out;
}

// Runs the examples in a directory of their own, so that "my.qz" and its
// imports are written and named exactly as the page shows them.
struct ScopedCwd {
  std::filesystem::path old = std::filesystem::current_path();
  explicit ScopedCwd(const std::filesystem::path& to) { std::filesystem::current_path(to); }
  ~ScopedCwd() { std::filesystem::current_path(old); }
};

}  // namespace

TEST_CASE("every rule example in docs/language.md loads") {
  int checked = 0;
  for (const Block& b : code_blocks(read_doc("docs/language.md"))) {
    if (b.lang != "qz" || b.has("no-check")) continue;
    CAPTURE(b.line);
    std::string text = testing::language_example(b.text);
    PolicyLoad load = load_policy_text("example.qz", text);
    std::string expected_error = b.value("error");
    if (expected_error.empty()) {
      CHECK_MESSAGE(load.policy, rendered(load.diagnostics));
    } else {
      CHECK_FALSE(load.policy);
      CHECK(codes_of(load.diagnostics).count(expected_error) == 1);
    }
    ++checked;
  }
  CHECK(checked >= 20);
}

TEST_CASE("every example in docs/errors.md gives the message the page quotes") {
  testing::TempDir dir;
  ScopedCwd cwd(dir.path);
  std::vector<Block> blocks = code_blocks(read_doc("docs/errors.md"));
  std::string policy;       // the latest complete rule file shown
  std::string policy_path;  // the file it is loaded from
  std::set<std::string> exercised;

  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    CAPTURE(b.line);
    std::string file = b.value("file");
    if (b.lang == "qz") {
      if (b.has("no-check")) continue;
      if (!file.empty()) dir.write(file, b.text);
      if (file.empty() || b.has("check")) {
        policy = b.text;
        policy_path = file.empty() ? "my.qz" : file;
      }
      if (!file.empty() && !b.has("check")) continue;
      if (b.section.empty() || b.section >= "QZ6") continue;  // a list's schema
      // A rule file under a QZ1–QZ5 heading: the next text block is what
      // `quanze check` prints for it.
      REQUIRE(i + 1 < blocks.size());
      const Block& expected = blocks[i + 1];
      REQUIRE(expected.lang == "text");
      PolicyLoad load = file.empty() ? load_policy_text(policy_path, policy) : load_policy({policy_path});
      if (load.policy) load.diagnostics.append(analyze_policy(*load.policy));  // as `quanze check` does
      std::string out = rendered(load.diagnostics);
      CHECK_MESSAGE(out.find(expected.text) != std::string::npos,
                    "expected:\n" << expected.text << "got:\n" << out);
      CHECK(codes_of(load.diagnostics).count(b.section) == 1);
      exercised.insert(b.section);
      ++i;
    } else if (b.lang == "qztest" && b.section.rfind("QZ8", 0) == 0) {
      // A test file under a QZ8 heading, checked against the baseline: the
      // next text block is what `quanze test my.qztest` prints for it.
      REQUIRE(i + 1 < blocks.size());
      const Block& expected = blocks[i + 1];
      REQUIRE(expected.lang == "text");
      RuleTestFile file;
      Diagnostics diags;
      if (parse_rule_tests("my.qztest", b.text, file, diags)) {
        std::vector<RuleTestFile> files;
        files.push_back(std::move(file));
        run_rule_tests(load_baseline_policy().policy, files, diags);
      }
      std::string out = rendered(diags);
      CHECK_MESSAGE(out.find(expected.text) != std::string::npos, "expected:\n" << expected.text << "got:\n" << out);
      CHECK(codes_of(diags).count(b.section) == 1);
      exercised.insert(b.section);
      ++i;
    } else if ((b.lang == "csv" || b.lang == "json" || b.lang == "jsonl") && !b.section.empty()) {
      // A list under a QZ6/QZ7 heading, read with the latest rule file; the
      // next text block, if any, holds messages of whole-list errors or of
      // rows' records, one per line.
      Table table;
      table.source = "list." + b.lang;
      Diagnostics diags;
      bool read = b.lang == "csv" ? read_csv(b.text, table, diags) : read_json(b.text, b.lang == "jsonl", table, diags);
      std::vector<std::string> messages;
      std::set<std::string> codes = codes_of(diags);
      if (read) {
        PolicyLoad load = load_policy_text(policy_path, policy);
        REQUIRE_MESSAGE(load.policy, rendered(load.diagnostics));
        auto classifier = Classifier::bind(load.policy, table, diags);
        codes = codes_of(diags);
        if (classifier)
          for (const Row& row : table.rows) {
            DecisionRecord r = classifier->classify(row);
            if (!r.error.empty()) messages.push_back(r.error);
            for (const auto& p : r.problems) codes.insert(p.code);
          }
      }
      for (const Diagnostic& d : diags.items()) messages.push_back(d.message);
      CHECK_MESSAGE(codes.count(b.section) == 1, testing::joined(messages, "\n"));
      exercised.insert(b.section);
      if (i + 1 < blocks.size() && blocks[i + 1].lang == "text") {
        std::istringstream want(blocks[i + 1].text);
        for (std::string line; std::getline(want, line);)
          CHECK_MESSAGE(std::find(messages.begin(), messages.end(), line) != messages.end(),
                        "expected: " << line << "\ngot:\n" << testing::joined(messages, "\n"));
        ++i;
      }
    }
  }

  // Every code the program can emit is documented, and every documented
  // code that an example can show is shown by one.
  std::string codes_hpp = read_doc("src/diag/codes.hpp");
  std::string errors_md = read_doc("docs/errors.md");
  std::regex code_re("\"(QZ[0-9]{4})\"");
  std::set<std::string> all;
  for (auto it = std::sregex_iterator(codes_hpp.begin(), codes_hpp.end(), code_re); it != std::sregex_iterator(); ++it)
    all.insert((*it)[1]);
  CHECK(all.size() >= 40);
  // Whole files that cannot be opened, bytes a Markdown page cannot hold,
  // fmt's refusal (QZ1012) and workbooks have no inline example; tests/encodings_test.cpp and
  // tests/xlsx_test.cpp check their messages. Nor have the limits (a 64 KiB
  // string, a 16 MiB file, 33 nested imports, 100,001 rules):
  // a 1 KiB name, tests/limits_test.cpp checks theirs.
  const std::set<std::string> prose_only = {"QZ1006", "QZ1009", "QZ1010", "QZ1011", "QZ1012", "QZ2012", "QZ4007",
                                            "QZ5009", "QZ6008", "QZ6009", "QZ6011", "QZ6012",
                                            "QZ6013", "QZ6014", "QZ8008", "QZ8009"};
  for (const std::string& code : all) {
    CAPTURE(code);
    CHECK(errors_md.find("### " + code + " ") != std::string::npos);
    if (!prose_only.count(code)) CHECK(exercised.count(code) == 1);
  }
}

// The tutorial's table in §1.4 is what its rule file (§1.2) gives on its
// list (§1.1): the first csv block, the first qz block, and the table whose
// header starts with "| 序号 | 处理结果".
TEST_CASE("the tutorial's decisions in docs/language.md are the real ones") {
  std::string doc = read_doc("docs/language.md");
  std::vector<Block> blocks = code_blocks(doc);
  auto first = [&](const std::string& lang) {
    for (const Block& b : blocks)
      if (b.lang == lang) return b.text;
    FAIL("no " << lang << " block");
    return std::string();
  };
  Table table;
  Diagnostics diags;
  REQUIRE(read_csv(first("csv"), table, diags));
  std::vector<DecisionRecord> records = testing::classify(first("qz"), table);

  std::ostringstream csv;
  auto writer = make_record_writer(OutputFormat::csv, csv);
  writer->begin(table);
  for (std::size_t i = 0; i < records.size(); ++i) writer->write(table.rows[i], records[i]);
  writer->end();
  Table written;
  REQUIRE(read_csv(csv.str(), written, diags));
  auto column = [&](const std::string& header) {
    auto it = std::find(written.headers.begin(), written.headers.end(), header);
    REQUIRE(it != written.headers.end());
    return static_cast<std::size_t>(it - written.headers.begin());
  };

  std::size_t at = doc.find("| 序号 | 处理结果");
  REQUIRE(at != std::string::npos);
  std::istringstream lines(doc.substr(at));
  std::string line;
  std::getline(lines, line);
  std::vector<std::string> headers;
  auto cells_of = [](const std::string& row) {
    std::vector<std::string> cells;
    std::size_t start = 1;
    for (std::size_t bar; (bar = row.find('|', start)) != std::string::npos; start = bar + 1) {
      std::string cell = row.substr(start, bar - start);
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    return cells;
  };
  headers = cells_of(line);
  std::getline(lines, line);  // |---|
  std::size_t rows = 0;
  while (std::getline(lines, line) && line.rfind("|", 0) == 0) {
    std::vector<std::string> cells = cells_of(line);
    REQUIRE(cells.size() == headers.size());
    REQUIRE(rows < written.rows.size());
    const Row& actual = written.rows[rows];
    for (std::size_t c = 0; c < headers.size(); ++c) {
      CAPTURE(headers[c]);
      CHECK(actual.cells[column(headers[c])] == cells[c]);
    }
    ++rows;
  }
  CHECK(rows == written.rows.size());
}

// docs/testing-rules.md: every test file it shows runs against the baseline,
// and every output it quotes for one (```text test=NAME) is exactly what
// `quanze test NAME` prints. A ```qztest block without file= must pass.
TEST_CASE("every test file example in docs/testing-rules.md runs as the page shows") {
  testing::TempDir dir;
  int checked = 0;
  for (const Block& b : code_blocks(read_doc("docs/testing-rules.md"))) {
    CAPTURE(b.line);
    if (b.lang == "qztest") {
      std::string file = b.value("file");
      dir.write(file.empty() ? "example.qztest" : file, b.text);
      if (!file.empty()) continue;  // its output is quoted below it
      testing::Run r = testing::run_quanze("test example.qztest", dir.path.string());
      CHECK_MESSAGE(r.code == 0, r.out << r.err);
      ++checked;
    } else if (b.lang == "text" && !b.value("test").empty()) {
      std::string file = b.value("test");
      // A file the page wrote runs where it was written; one of the
      // project's (the baseline's tests) from the source directory.
      bool written = std::filesystem::exists(dir.path / file);
      testing::Run r = written ? testing::run_quanze("test " + file, dir.path.string()) : testing::run_quanze("test " + file);
      CHECK_MESSAGE(r.out + r.err == b.text, "got:\n" << r.out << r.err);
      ++checked;
    }
  }
  CHECK(checked == 5);
}
