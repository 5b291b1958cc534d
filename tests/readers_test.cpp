// Reading department lists: CSV as Excel and WPS write it, JSON arrays and
// JSON Lines. Bad rows are kept with their problem; bad files are errors
// with line and column.
#include <doctest/doctest.h>

#include "io/csv_parser.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

struct Read {
  bool ok = false;
  Table table;
  std::vector<std::string> errors;
};

Read csv(std::string_view bytes) {
  Read r;
  r.table.source = "list.csv";
  Diagnostics diags;
  r.ok = read_csv(bytes, r.table, diags);
  r.errors = summarize(diags);
  return r;
}

Read json(std::string_view bytes, bool lines) {
  Read r;
  r.table.source = "list.json";
  Diagnostics diags;
  r.ok = read_json(bytes, lines, r.table, diags);
  r.errors = summarize(diags);
  return r;
}

using Cells = std::vector<std::string>;

}  // namespace

TEST_CASE("csv: BOM, CRLF, a last line without newline") {
  Read r = csv("\xEF\xBB\xBF序号,名称\r\nA-1,甲\r\nA-2,乙");
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"序号", "名称"});
  REQUIRE(r.table.rows.size() == 2);
  CHECK(r.table.rows[0].cells == Cells{"A-1", "甲"});
  CHECK(r.table.rows[1].cells == Cells{"A-2", "乙"});
  CHECK(r.table.rows[1].line == 3);
}

TEST_CASE("csv: quoted commas, doubled quotes and line breaks inside cells") {
  Read r = csv("id,basis,note\n"
               "1,\"《甲法》第一条,《乙条例》\",\"他说\"\"可以\"\"\"\n"
               "2,\"第一行\r\n第二行\n第三行\",x\n"
               "3,\"\",\n");
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == 3);
  CHECK(r.table.rows[0].cells == Cells{"1", "《甲法》第一条,《乙条例》", "他说\"可以\""});
  CHECK(r.table.rows[1].cells == Cells{"2", "第一行\r\n第二行\n第三行", "x"});
  CHECK(r.table.rows[1].line == 3);
  CHECK(r.table.rows[2].line == 6);  // the row after a three-line cell
  CHECK(r.table.rows[2].cells == Cells{"3", "", ""});
  for (const Row& row : r.table.rows) CHECK(row.problem.empty());
}

TEST_CASE("csv: blank lines are skipped, line numbers still count them") {
  Read r = csv("id\n\n1\n\r\n2\n\n\n");
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == 2);
  CHECK(r.table.rows[0].line == 3);
  CHECK(r.table.rows[1].line == 5);
}

TEST_CASE("csv: ragged rows, stray and unclosed quotes are kept with their problem") {
  Read r = csv("a,b,c\n1,2\n1,2,3,4\n1,x\"y,3\n1,\"2\"z,3\n1,2,\"3\n4\n");
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == 5);
  CHECK(r.table.rows[0].problem == "2 cells, but the header has 3");
  CHECK(r.table.rows[0].problem_column == 3);
  CHECK(r.table.rows[1].problem == "4 cells, but the header has 3");
  CHECK(r.table.rows[1].problem_column == 4);
  CHECK(r.table.rows[2].problem ==
        "a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")");
  CHECK(r.table.rows[2].problem_column == 2);
  CHECK(r.table.rows[3].problem ==
        "text after the closing quote of a cell; a quoted cell must end at , or the line's end");
  CHECK(r.table.rows[3].problem_column == 2);
  CHECK(r.table.rows[4].problem == "the quote opened on line 6 is never closed");
  CHECK(r.table.rows[4].problem_column == 3);
  CHECK(r.table.rows[4].line == 6);
}

TEST_CASE("csv: a row problem becomes status error in its record, never a dropped row") {
  PolicyLoad load = load_policy_text("p.qz", "schema { field id: text field n: number }\ndefault keep\n");
  REQUIRE(load.policy);
  Read r = csv("id,n\nA,1\nB,2,3\n");
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, r.table, diags);
  REQUIRE(classifier);
  DecisionRecord bad = classifier->classify(r.table.rows[1]);
  CHECK(bad.status == Status::error);
  CHECK(bad.item == "B");
  CHECK(bad.error == "row 3: 3 cells, but the header has 2");
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].code == "QZ6006");
  CHECK(bad.problems[0].column == 3);
}

TEST_CASE("csv: files that cannot be read as a list") {
  CHECK(csv("").errors == std::vector<std::string>{"QZ6006 1:1 the list is empty: expected a header row"});
  CHECK(csv("\n\r\n").errors == std::vector<std::string>{"QZ6006 1:1 the list is empty: expected a header row"});
  CHECK(csv("id,名称,id\n").errors ==
        std::vector<std::string>{"QZ6010 1:3 the header \"id\" appears twice (columns 1 and 3); rename one"});
  CHECK(csv("id,,x\n").errors == std::vector<std::string>{"QZ6010 1:2 column 2 has no header; every column needs a name"});
  CHECK(csv("\"id,x\n1\n").errors ==
        std::vector<std::string>{"QZ6006 1:1 in the header row: the quote opened on line 1 is never closed"});
}

TEST_CASE("headers are matched trimmed and folded, and kept as written") {
  CHECK(header_key("（事项名称）") == "(事项名称)");
  CHECK(header_key("\u3000 事项名称\t\u3000") == "事项名称");
  CHECK(header_key("ＡＢＣ１２３") == "ABC123");
  CHECK(header_key("\u00A0序号\u200B\uFEFF") == "序号");
  CHECK(header_key("办理\u3000环节") == "办理 环节");  // inside, a full-width space is a space
  CHECK(header_key("\u3000") == "");
  CHECK(header_key("年办件量") == "年办件量");

  Read r = csv("\u3000序号\u3000,（事项名称）,ＡＢＣ１２３\nA-1,甲,7\n");
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"\u3000序号\u3000", "（事项名称）", "ＡＢＣ１２３"});
  std::vector<DecisionRecord> records = classify("schema {\n"
                                                 "  field id: text from \"序号\"\n"
                                                 "  field name: text from \"(事项名称)\"\n"
                                                 "  field n: number from \"ABC123\"\n"
                                                 "}\n"
                                                 "rule r: when n > 5 then cancel because \"{name}\"\n"
                                                 "default keep\n",
                                                 r.table);
  REQUIRE(records.size() == 1);
  CHECK(records[0].item == "A-1");
  CHECK(records[0].outcome == Outcome::cancel);
  CHECK(records[0].reasons == Cells{"甲"});

  CHECK(csv("(事项名称),（事项名称）\n").errors ==
        std::vector<std::string>{"QZ6010 1:2 the headers \"(事项名称)\" (column 1) and \"（事项名称）\" (column 2) "
                                 "are the same once spaces and full-width characters are folded; rename one"});
  CHECK(json(R"([{"序号": 1, "\u3000序号": 2}])", false).errors ==
        std::vector<std::string>{"QZ6010 1:2 the headers \"序号\" (column 1) and \"\u3000序号\" (column 2) "
                                 "are the same once spaces and full-width characters are folded; rename one"});
}

TEST_CASE("json: an array of objects — headers in order of first appearance") {
  Read r = json(R"([{"序号": "A-1", "年办件量": 12, "法定层级": true, "涉及安全领域": ["国家安全", "公共安全"]},
                    {"序号": "A-2", "比例": 7.5, "年办件量": null}])",
                false);
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"序号", "年办件量", "法定层级", "涉及安全领域", "比例"});
  REQUIRE(r.table.rows.size() == 2);
  CHECK(r.table.rows[0].cells == Cells{"A-1", "12", "true", "国家安全、公共安全", ""});
  CHECK(r.table.rows[1].cells == Cells{"A-2", "", "", "", "7.5"});
  CHECK(r.table.rows[1].line == 2);
}

TEST_CASE("json lines: one object per line, blank lines skipped, line numbers kept") {
  Read r = json("{\"id\": \"a\", \"x\": 1}\n\n{\"id\": \"b\", \"x\": {\"nested\": 1}}\n[1]\n", true);
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"id", "x"});
  REQUIRE(r.table.rows.size() == 3);
  CHECK(r.table.rows[0].line == 1);
  CHECK(r.table.rows[0].cells == Cells{"a", "1"});
  CHECK(r.table.rows[1].line == 3);
  CHECK(r.table.rows[1].cells == Cells{"b", ""});  // nothing of the key before the nested object
  CHECK(r.table.rows[1].problem ==
        "the value of \"x\" is a nested object; expected text, a number, true/false or a list of them");
  CHECK(r.table.rows[1].problem_column == 2);
  CHECK(r.table.rows[1].problem_code == "QZ6007");
  CHECK(r.table.rows[2].problem == "record 4 is not an object {\"header\": value, …}");
  CHECK(r.table.rows[2].cells == Cells{"", ""});
}

TEST_CASE("json: syntax errors name line and column") {
  Read r = json("[{\"id\": \"a\"},\n {\"id\": }]", false);
  CHECK_FALSE(r.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].rfind("QZ6007 2:9 not valid JSON: syntax error", 0) == 0);
  // A JSON Lines line that is not JSON is a row error, and reading goes on.
  Read lines = json("{\"id\": \"a\"}\n{\"id\" \"b\"}\n{\"id\": \"c\"}\n", true);
  REQUIRE(lines.ok);
  CHECK(lines.errors.empty());
  REQUIRE(lines.table.rows.size() == 3);
  CHECK(lines.table.rows[1].line == 2);
  CHECK(lines.table.rows[1].problem.rfind("not valid JSON: syntax error", 0) == 0);
  CHECK(lines.table.rows[1].problem_column == 9);
  CHECK(lines.table.rows[1].problem_code == "QZ6007");
  CHECK(lines.table.rows[2].cells == Cells{"c"});
  CHECK(json("{\"id\": 1}", false).errors ==
        std::vector<std::string>{"QZ6007 1:1 expected a JSON array of objects, one per item (or use JSON Lines)"});
}

TEST_CASE("json: a number too large for a double is an error, not a crash (fuzz finding)") {
  CHECK(json("[{\"n\": 1e99999}]", false).errors ==
        std::vector<std::string>{"QZ6007 1:0 not valid JSON: number overflow parsing '1e99999'"});
  Read lines = json("{\"n\": 1}\n{\"n\": -1e99999}\n", true);
  CHECK(lines.errors.empty());
  REQUIRE(lines.table.rows.size() == 2);
  CHECK(lines.table.rows[1].problem == "not valid JSON: number overflow parsing '-1e99999'");
  CHECK(lines.table.rows[1].problem_column == 0);
  CHECK(lines.table.rows[1].problem_code == "QZ6007");
}

TEST_CASE("read_table: the format follows the file name, unreadable files are errors") {
  CHECK(format_for_path("a.csv") == TableFormat::csv);
  CHECK(format_for_path("a.json") == TableFormat::json);
  CHECK(format_for_path("a.jsonl") == TableFormat::jsonl);
  CHECK(format_for_path("a.ndjson") == TableFormat::jsonl);
  CHECK(format_for_path("a.txt") == TableFormat::tsv);
  CHECK(format_for_path("a.tsv") == TableFormat::tsv);
  CHECK(format_for_path("a.CSV") == TableFormat::csv);
  Table t;
  Diagnostics diags;
  CHECK_FALSE(read_table("/nonexistent/清单.csv", TableFormat::csv, t, diags));
  CHECK(summarize(diags) ==
        std::vector<std::string>{"QZ6009 0:0 cannot open the list: No such file or directory"});
  CHECK(diags.items()[0].file == "/nonexistent/清单.csv");
  Table sample;
  Diagnostics ok;
  CHECK(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, sample, ok));
  CHECK(sample.rows.size() == 50);
  CHECK(sample.headers.size() == 17);
}

TEST_CASE("row cells: spans of a record given after them, cells of their own after it, the record kept whole") {
  RowCells cells;
  // As the CSV reader builds 1,"a""b",c: cells 1 and c are spans of the
  // record; a"b, unquoted, is text of its own.
  cells.push_span(0, 1);
  cells.push_back("a\"");
  cells.append_to_back("b");
  cells.push_span(9, 1);
  cells.set_record("1,\"a\"\"b\",c", true);
  CHECK(cells == std::vector<std::string>{"1", "a\"b", "c"});
  CHECK(cells.record() == "1,\"a\"\"b\",c");
  cells.set(0, "2");  // a cell set again leaves the record as read
  CHECK(cells == std::vector<std::string>{"2", "a\"b", "c"});
  CHECK(cells.record() == "1,\"a\"\"b\",c");
  cells.clear();
  cells.push_span(0, 2);
  cells.set_record("xy\tz", false);  // not kept: a tab-separated record is not echoed as CSV
  CHECK(cells == std::vector<std::string>{"xy"});
  CHECK(cells.record().empty());
}

TEST_CASE("row cells: a viewed record is read where it lies, copied in when a cell changes, and copies and moves stay right") {
  std::string text = "1,\"a,b\",,c";  // the parser's text
  RowCells cells;
  const RowCells::Span spans[] = {{0, 1}, {3, 3}, {0, 0}, {9, 1}};
  cells.assign_record_spans(spans, 4);
  cells.view_whole_record(text, true);
  CHECK(cells == std::vector<std::string>{"1", "a,b", "", "c"});
  CHECK(cells.record() == text);
  CHECK(cells[1].data() == text.data() + 3);  // no copy
  // A copy views the same text; a move takes the view.
  RowCells copy = cells;
  CHECK(copy[3].data() == text.data() + 9);
  RowCells moved = std::move(copy);
  CHECK(moved == std::vector<std::string>{"1", "a,b", "", "c"});
  CHECK(moved.record() == text);
  // Changing a cell copies the record in first: the text may then change.
  cells.set(3, "d");
  text.assign(text.size(), 'x');
  CHECK(cells == std::vector<std::string>{"1", "a,b", "", "d"});
  CHECK(cells.record() == "1,\"a,b\",,c");
  // Rows of their own, short (in the string's own buffer) and long, copied
  // and moved, read their own text.
  for (std::string cell : {std::string("ab"), std::string(100, 'z')}) {
    RowCells own;
    own.push_back(cell);
    own.push_back("q");
    RowCells own_copy = own;
    RowCells own_moved = std::move(own);
    CHECK(own_copy == std::vector<std::string>{cell, "q"});
    CHECK(own_moved == std::vector<std::string>{cell, "q"});
    CHECK(own_copy[0].data() != own_moved[0].data());
    RowCells assigned;
    assigned = own_copy;
    CHECK(assigned == std::vector<std::string>{cell, "q"});
    assigned = std::move(own_moved);
    CHECK(assigned == std::vector<std::string>{cell, "q"});
    CHECK(own_moved.empty());
  }
  // A cleared row is its own again.
  cells.clear();
  cells.push_back("e");
  CHECK(cells == std::vector<std::string>{"e"});
}

TEST_CASE("row cells: viewed spans are read where they lie, owned by copies and moves, and copied in when a cell changes") {
  const std::string text = "1,\"a,b\",,c";
  RowCells::Span spans[] = {{0, 1}, {3, 3}, {0, 0}, {9, 1}};  // the parser's array
  RowCells cells;
  cells.push_back("left over");  // what a row held before: cleared by the view
  cells.clear();
  cells.view_record_spans(spans, 4);
  cells.view_whole_record(text, true);
  CHECK(cells.size() == 4);
  CHECK(cells == std::vector<std::string>{"1", "a,b", "", "c"});
  // Copies and moves own their spans: the parser's array may change after.
  RowCells copy = cells;
  RowCells moved = std::move(copy);
  RowCells assigned;
  assigned = cells;
  spans[0] = {9, 1};
  CHECK(cells[0] == "c");  // the view reads the array as it is now
  CHECK(moved == std::vector<std::string>{"1", "a,b", "", "c"});
  CHECK(assigned == std::vector<std::string>{"1", "a,b", "", "c"});
  spans[0] = {0, 1};
  // Changing a cell copies the spans in: the array may then change.
  cells.set(2, "x");
  spans[1] = {0, 0};
  CHECK(cells == std::vector<std::string>{"1", "a,b", "x", "c"});
  cells.push_back("y");
  CHECK(cells == std::vector<std::string>{"1", "a,b", "x", "c", "y"});
  // Spans assigned after a view are the row's own.
  cells.clear();
  cells.view_record_spans(spans, 2);
  cells.view_whole_record(text, true);
  cells.assign_record_spans(spans + 2, 2);
  spans[2] = {0, 1};
  CHECK(cells == std::vector<std::string>{"", "c"});
  // A CSV parser that views its records hands them over thus, row by row.
  CsvParser parser;
  parser.set_view_records(true);
  // Whole 64-byte blocks after each of the two: the block reader's records.
  parser.text() = "1,\"a,b\",,c\n2,x,,d\n3," + std::string(150, 'z') + ",,\n";
  parser.set_eof();
  Row row;
  std::size_t n = 0;
  REQUIRE(parser.next(row, n) == CsvParser::Step::row);
  RowCells first = row.cells;
  CHECK(row.cells == std::vector<std::string>{"1", "a,b", "", "c"});
  REQUIRE(parser.next(row, n) == CsvParser::Step::row);
  CHECK(row.cells == std::vector<std::string>{"2", "x", "", "d"});
  CHECK(first == std::vector<std::string>{"1", "a,b", "", "c"});
  CHECK(parser.block_records() == 2);
}

TEST_CASE("row cells: a record whose cells are all spans of it, as the block reader builds 1,\"a,b\",,c") {
  RowCells cells;
  cells.push_back("left over");  // what a row held before: cleared
  cells.clear();
  const RowCells::Span spans[] = {{0, 1}, {3, 3}, {0, 0}, {9, 1}};
  cells.assign_record_spans(spans, 4);
  cells.set_whole_record("1,\"a,b\",,c", true);
  CHECK(cells == std::vector<std::string>{"1", "a,b", "", "c"});
  CHECK(cells.record() == "1,\"a,b\",,c");
  cells.set(3, "d");
  CHECK(cells == std::vector<std::string>{"1", "a,b", "", "d"});
  CHECK(cells.record() == "1,\"a,b\",,c");
  cells.clear();
  cells.assign_record_spans(spans, 0);  // a span list shorter than the last replaces it
  CHECK(cells.empty());
  const RowCells::Span xy = {0, 2};
  cells.assign_record_spans(&xy, 1);
  cells.set_whole_record("xy\tz", false);
  CHECK(cells == std::vector<std::string>{"xy"});
  CHECK(cells.record().empty());
}
