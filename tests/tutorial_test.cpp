// docs/tutorial.md takes an analyst from an empty file to a tested policy;
// every file it shows and every output it quotes must be what Quanze does.
//
//   ```csv file=清单.csv        write the block to 清单.csv in the tutorial's folder
//   ```qz file=政策.qz append   add the block to the end of 政策.qz
//   ```console [exit=N]         "$ quanze ARGS" then the exact output (stdout,
//                                a CSV's byte order mark left out, then stderr)
//
// Blocks run in order, as a reader follows the page.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "doc_blocks.hpp"
#include "test_support.hpp"

using namespace quanze::testing;

namespace {

std::string without_bom(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

}  // namespace

TEST_CASE("docs/tutorial.md: every file and every output on the page is the real one") {
  TempDir folder;
  int commands = 0, files = 0;
  for (const Block& b : code_blocks(read_doc("docs/tutorial.md"))) {
    CAPTURE(b.line);
    if (std::string name = b.value("file"); !name.empty()) {
      std::ofstream(folder.file(name), b.has("append") ? std::ios::binary | std::ios::app : std::ios::binary)
          << b.text;
      ++files;
      continue;
    }
    if (b.lang != "console") continue;
    std::istringstream lines(b.text);
    std::string command;
    std::getline(lines, command);
    REQUIRE(command.rfind("$ quanze ", 0) == 0);
    std::string expected((std::istreambuf_iterator<char>(lines)), std::istreambuf_iterator<char>());
    Run r = run_quanze(command.substr(std::string("$ quanze ").size()), folder.path.string());
    std::string exit = b.value("exit");
    CHECK(r.code == (exit.empty() ? 0 : std::stoi(exit)));
    CHECK(without_bom(r.out) + r.err == expected);
    ++commands;
  }
  // The page is a whole walk-through, not an empty one.
  CHECK(files >= 6);
  CHECK(commands >= 10);
}

// What the tutorial builds is a policy written only with Chinese keywords
// (its own tests cover every rule: the first test checks quanze test says so).
TEST_CASE("docs/tutorial.md: the policy it builds is written with Chinese keywords only") {
  std::string policy;
  for (const Block& b : code_blocks(read_doc("docs/tutorial.md")))
    if (b.value("file") == "政策.qz") policy = b.has("append") ? policy + b.text : b.text;
  for (const char* english : {"rule ", "when ", "then ", "schema", "exception", "require", "default"})
    CHECK_MESSAGE(policy.find(english) == std::string::npos, english);
  for (const char* chinese : {"规则 ", "例外 ", "当 ", "则 ", "要求 ", "对于 ", "否则 ", "默认 ", "覆盖 "})
    CHECK_MESSAGE(policy.find(chinese) != std::string::npos, chinese);
}
