// Positions a person can use: lines and columns in characters, and a caret
// that stays under the right token when the line holds Chinese text.
#include <doctest/doctest.h>

#include "quanze/diagnostics.hpp"
#include "quanze/source.hpp"

using namespace quanze;

TEST_CASE("source positions count characters, and a BOM is no column") {
  SourceFile f("a.qz", "\xEF\xBB\xBFrule 规则\r\nwhen 层级 > x\n");
  CHECK(f.position(3).line == 1);
  CHECK(f.position(3).column == 1);
  CHECK(f.position(8).column == 6);   // 规
  CHECK(f.position(11).column == 7);  // 则
  LineColumn second = f.position(21);  // 层, after "when "
  CHECK(second.line == 2);
  CHECK(second.column == 6);
  CHECK(f.line_text(1) == "rule 规则");
  CHECK(f.line_text(2) == "when 层级 > x");
  CHECK(f.line_text(3) == "");
  CHECK(f.line_text(9) == "");
}

TEST_CASE("character counts and display widths") {
  CHECK(count_characters("abc") == 3);
  CHECK(count_characters("层级") == 2);
  CHECK(count_characters("a\xFF" "b") == 3);  // an invalid byte counts one
  CHECK(display_width("abc") == 3);
  CHECK(display_width("层级>") == 5);
  CHECK(display_width("《办法》，：") == 12);
  CHECK(display_width("ｆｕｌｌ") == 8);
  CHECK(display_width("\xE4\xB8") == 2);  // a truncated sequence: two bytes, one column each
}

TEST_CASE("render: the caret lines up under a token after Chinese text") {
  SourceSet sources;
  FileId id = sources.add("规则.qz", "rule 规则: when 层级 > 乡镇 thn keep\n");
  Diagnostics diags;
  diags.error("QZ1001", sources, SourceRange{id, 34, 37}, "expected then, found thn");
  REQUIRE(diags.items().size() == 1);
  const Diagnostic& d = diags.items()[0];
  CHECK(d.line == 1);
  CHECK(d.column == 23);
  CHECK(d.span == 3);
  CHECK(render(d) ==
        "规则.qz:1:23: error[QZ1001]: expected then, found thn\n"
        "    1 | rule 规则: when 层级 > 乡镇 thn keep\n"
        "      | " + std::string(28, ' ') + "^~~\n");
}

TEST_CASE("render: a wide token is underlined across its full width — tabs stay tabs") {
  SourceSet sources;
  FileId id = sources.add("p.qz", "\twhen 层级 = 乡\n");
  Diagnostics diags;
  diags.warning("QZ2002", sources, SourceRange{id, 6, 12}, "unknown");
  CHECK(render(diags.items()[0]) ==
        "p.qz:1:7: warning[QZ2002]: unknown\n"
        "    1 | \twhen 层级 = 乡\n"
        "      | \t     ^~~~\n");
  CHECK(diags.error_count() == 0);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("render: data-file problems have no source line — file-level ones no position") {
  Diagnostic row{"QZ6002", Severity::error, "清单.csv", 12, 6, "\"省级\" is not a member of level", "", 1};
  CHECK(render(row) == "清单.csv:12:6: error[QZ6002]: \"省级\" is not a member of level\n");
  Diagnostic file{"QZ6009", Severity::error, "清单.csv", 0, 0, "cannot open the list", "", 1};
  CHECK(render(file) == "清单.csv: error[QZ6009]: cannot open the list\n");
  Diagnostic header{"QZ6001", Severity::error, "清单.csv", 1, 0, "no column \"序号\"", "", 1};
  CHECK(render(header) == "清单.csv:1: error[QZ6001]: no column \"序号\"\n");
  Diagnostics all;
  all.add(row);
  Diagnostics more;
  more.add(file);
  all.append(more);
  CHECK(all.error_count() == 2);
}
