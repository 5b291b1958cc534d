// Reading lists saved as XLSX: workbooks written here with libxlsxwriter,
// one saved by LibreOffice (tests/data/libreoffice.xlsx, converted once with
// `soffice --headless --convert-to xlsx` from tests/data/libreoffice.source.csv),
// and parts written by hand for what neither writes: namespace prefixes,
// Excel errors, ISO date cells, the 1904 date system, broken archives and
// zip bombs.
#include <doctest/doctest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

using Cells = std::vector<std::string>;

struct Read {
  bool ok = false;
  Table table;
  std::vector<std::string> errors;
};

Read xlsx(const std::string& bytes, XlsxOptions options = {}) {
  Read r;
  r.table.source = "list.xlsx";
  Diagnostics diags;
  r.ok = read_xlsx(bytes, r.table, diags, options);
  r.errors = summarize(diags);
  return r;
}

/// A zip of the given parts, written with libzip.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
  TempDir dir;
  std::string path = dir.file("book.xlsx");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(z);
  for (const auto& [name, text] : parts) {
    zip_source_t* source = zip_source_buffer(z, text.data(), text.size(), 0);
    REQUIRE(zip_file_add(z, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
  return slurp(path);
}

const char* kWorksheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/// A one-sheet workbook around `sheet_data` (the rows), in parts that use
/// a namespace prefix as some writers do.
/// `cut_short`: the sheet part stops after its rows, as a writer that ran
/// out of disk leaves it.
std::string handmade(const std::string& sheet_data, const std::string& workbook_pr = "", bool cut_short = false) {
  std::string ns = R"(xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
  return zip_of({
      {"_rels/.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/main.xml"/>)"
       "</Relationships>"},
      {"book/main.xml", "<x:workbook " + ns +
                            R"( xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
                            workbook_pr + R"(<x:sheets><x:sheet name="表1" sheetId="1" rel:id="S1"/></x:sheets></x:workbook>)"},
      {"book/_rels/main.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="S1" Type=")" + std::string(kWorksheetType) + R"(" Target="/book/sheets/../sheets/one.xml"/>)"
       R"(<Relationship Id="S2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
       "</Relationships>"},
      {"book/styles.xml", "<x:styleSheet " + ns +
                              R"(><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>)"
                              R"(<x:cellXfs count="4"><x:xf numFmtId="0"/><x:xf numFmtId="170"/><x:xf numFmtId="14"/><x:xf numFmtId="22"/></x:cellXfs></x:styleSheet>)"},
      {"book/sheets/one.xml",
       "<x:worksheet " + ns + "><x:sheetData>" + sheet_data + (cut_short ? "" : "</x:sheetData></x:worksheet>")},
  });
}

std::string inline_cell(const std::string& ref, const std::string& text) {
  return R"(<x:c r=")" + ref + R"(" t="inlineStr"><x:is><x:t>)" + text + "</x:t></x:is></x:c>";
}

/// Writes a workbook with libxlsxwriter through `build`, returns its bytes.
template <typename Build>
std::string written(Build build, bool constant_memory = false) {
  TempDir dir;
  std::string path = dir.file("清单.xlsx");
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  REQUIRE(wb);
  build(wb);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  return slurp(path);
}

/// The department list of the tests below: a merged title, a blank row,
/// the header, items with every kind of cell, a blank row between items.
void department_list(lxw_workbook* wb, const char* name = "清单") {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* stamp = workbook_add_format(wb);
  format_set_num_format(stamp, "yyyy/m/d h:mm");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0%");
  worksheet_merge_range(ws, 0, 0, 0, 6, "兴安盟某局权责清单（2023年）", bold);
  const char* headers[] = {"序号", "事项名称", "年办件量", "比例", "公布日期", "法定层级", "更新时间"};
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(ws, 2, c, headers[c], bold);
  worksheet_write_string(ws, 3, 0, "A-001", nullptr);
  lxw_rich_string_tuple first = {bold, const_cast<char*>("剧毒")}, rest = {nullptr, const_cast<char*>("化学品购买许可")};
  lxw_rich_string_tuple* rich[] = {&first, &rest, nullptr};
  worksheet_write_rich_string(ws, 3, 1, rich, nullptr);
  worksheet_write_number(ws, 3, 2, 300, nullptr);
  worksheet_write_number(ws, 3, 3, 12.5, nullptr);
  lxw_datetime day = {2023, 1, 5, 0, 0, 0};
  worksheet_write_datetime(ws, 3, 4, &day, date);
  worksheet_write_boolean(ws, 3, 5, 1, nullptr);
  lxw_datetime when = {2023, 1, 5, 8, 30, 0};
  worksheet_write_datetime(ws, 3, 6, &when, stamp);
  worksheet_write_string(ws, 4, 0, "A-002", nullptr);
  worksheet_write_string(ws, 4, 1, "含,逗号与\n换行", nullptr);
  worksheet_write_blank(ws, 4, 2, bold);  // a styled but empty cell
  worksheet_write_number(ws, 4, 3, 0.25, percent);
  worksheet_write_boolean(ws, 4, 5, 0, nullptr);
  worksheet_write_string(ws, 6, 0, "A-003", nullptr);
  worksheet_write_formula_str(ws, 6, 1, "=\"甲\"&\"乙\"", nullptr, "甲乙");
  worksheet_write_number(ws, 6, 2, 123456789012, nullptr);
  worksheet_write_number(ws, 6, 3, -3, nullptr);
}

void check_department_list(const Read& r) {
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"序号", "事项名称", "年办件量", "比例", "公布日期", "法定层级", "更新时间"});
  REQUIRE(r.table.rows.size() == 3);
  CHECK(r.table.rows[0].cells == Cells{"A-001", "剧毒化学品购买许可", "300", "12.5", "2023-01-05", "TRUE",
                                       "2023-01-05 08:30:00"});
  CHECK(r.table.rows[1].cells == Cells{"A-002", "含,逗号与\n换行", "", "0.25", "", "FALSE", ""});
  CHECK(r.table.rows[2].cells == Cells{"A-003", "甲乙", "123456789012", "-3", "", "", ""});
  // The sheet's own row numbers: the header is row 3, the blank row 6 is skipped.
  CHECK(r.table.rows[0].line == 4);
  CHECK(r.table.rows[1].line == 5);
  CHECK(r.table.rows[2].line == 7);
  for (const Row& row : r.table.rows) CHECK(row.problem == "");
}

}  // namespace

TEST_CASE("xlsx: a list under a title, as libxlsxwriter writes it — strings, rich text, numbers, dates, booleans, "
          "blanks") {
  std::string book = written([](lxw_workbook* wb) { department_list(wb); });
  XlsxOptions schema;
  schema.headers = {"序号", "事项名称", "行使层级"};
  check_department_list(xlsx(book, schema));
  check_department_list(xlsx(book));  // without a schema: the row with the most cells
  // In constant-memory mode libxlsxwriter writes inline strings instead
  // of shared ones (and cannot merge): the same list.
  std::string streamed = written([](lxw_workbook* wb) { department_list(wb); }, true);
  Read r = xlsx(streamed, schema);
  REQUIRE(r.ok);
  CHECK(r.table.rows[0].cells[1] == "剧毒化学品购买许可");
  CHECK(r.table.rows[1].cells[1] == "含,逗号与\n换行");
  CHECK(r.table.rows[2].line == 7);
}

TEST_CASE("xlsx: the schema finds the header row under a title that has more cells") {
  std::string book = written([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    const char* notes[] = {"填报说明：", "一、", "二、", "三、", "四、"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, 0, c, notes[c], nullptr);
    worksheet_write_string(ws, 1, 0, "（序号）", nullptr);
    worksheet_write_string(ws, 1, 1, "　事项名称", nullptr);
    worksheet_write_string(ws, 2, 0, "A-1", nullptr);
    worksheet_write_string(ws, 2, 1, "甲", nullptr);
  });
  XlsxOptions schema;
  schema.headers = {"(序号)", "事项名称"};
  Read r = xlsx(book, schema);
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"（序号）", "　事项名称"});  // as written; matched once folded
  REQUIRE(r.table.rows.size() == 1);
  CHECK(r.table.rows[0].cells == Cells{"A-1", "甲"});
  CHECK(r.table.rows[0].line == 3);
  Read guessed = xlsx(book);
  REQUIRE(guessed.ok);
  CHECK(guessed.table.headers == Cells{"填报说明：", "一、", "二、", "三、", "四、"});
  // A schema of one field needs one header in the row.
  schema.headers = {"事项名称"};
  CHECK(xlsx(book, schema).table.rows.size() == 1);
}

TEST_CASE("xlsx: the first visible sheet, or the one --sheet names") {
  std::string book = written([](lxw_workbook* wb) {
    lxw_worksheet* notes = workbook_add_worksheet(wb, "说明");
    worksheet_write_string(notes, 0, 0, "本表为隐藏的说明", nullptr);
    department_list(wb, "全部");
    lxw_worksheet* police = workbook_add_worksheet(wb, "公安局");
    worksheet_write_string(police, 0, 0, "序号", nullptr);
    worksheet_write_string(police, 0, 1, "事项名称", nullptr);
    worksheet_write_string(police, 1, 0, "GA-1", nullptr);
    worksheet_write_string(police, 1, 1, "枪支许可", nullptr);
    worksheet_activate(police);
    worksheet_hide(notes);
  });
  check_department_list(xlsx(book));
  XlsxOptions police;
  police.sheet = "公安局";
  Read r = xlsx(book, police);
  REQUIRE(r.ok);
  CHECK(r.table.rows[0].cells == Cells{"GA-1", "枪支许可"});
  police.sheet = "　公安局 ";  // typed with spaces: matched as headers are
  CHECK(xlsx(book, police).ok);
  XlsxOptions hidden;
  hidden.sheet = "说明";
  CHECK(xlsx(book, hidden).table.headers == Cells{"本表为隐藏的说明"});
  XlsxOptions missing;
  missing.sheet = "农牧局";
  CHECK(xlsx(book, missing).errors ==
        Cells{"QZ6012 0:0 the workbook has no sheet \"农牧局\"; its sheets are: 说明 (hidden), 全部, 公安局"});
}

TEST_CASE("xlsx: parts with prefixes, gaps in references, inline rich text, Excel errors, ISO and 1904 dates") {
  std::string rows =
      R"(<x:row r="3">)" + inline_cell("B3", "序号") +
      R"(<x:c t="inlineStr"><x:is><x:r><x:t>事项</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>名称</x:t></x:r>)"
      R"(<x:rPh sb="0" eb="1"><x:t>じこう</x:t></x:rPh></x:is></x:c>)" +
      inline_cell("E3", "日期") + R"(<x:c r="F3" t="inlineStr"><x:is><x:t xml:space="preserve"> </x:t></x:is></x:c>)" +
      "</x:row>"
      R"(<x:row r="4">)" + inline_cell("B4", "A-1") + inline_cell("C4", "第一行_x000D_\n第二行_x005F_x0041_") +
      R"(<x:c r="E4" s="1"><x:v>0</x:v></x:c></x:row>)"
      "<x:row>" + inline_cell("B5", "A-2") + R"(<x:c r="C5" t="e"><x:v>#N/A</x:v></x:c>)" +
      R"(<x:c r="E5" t="d"><x:v>2023-01-05T00:00:00</x:v></x:c></x:row>)"
      R"(<x:row r="7">)" + inline_cell("B7", "A-3") + R"(<x:c r="D7"><x:v>5</x:v></x:c></x:row>)"
      R"(<x:row r="8">)" + inline_cell("B8", "A-4") + R"(<x:c r="E8" s="3"><x:v>1.5</x:v></x:c></x:row>)"
      R"(<x:row r="9"><x:c r="B9" s="1"/><x:c r="C9" t="s"/></x:row>)"
      R"(<x:row r="10"><x:c r="B10" t="s"><x:v>3</x:v></x:c><x:c r="C10" t="b"><x:v>2</x:v></x:c></x:row>)"
      R"(<x:row r="11">)" + inline_cell("B11", "A-6") + R"(<x:c r="C11"><x:v>1..5</x:v></x:c>)" +
      R"(<x:c r="E11" t="d"><x:v>2023-01-05T08:30:00</x:v></x:c></x:row>)";
  Read r = xlsx(handmade(rows, R"(<x:workbookPr date1904="1"/>)"));
  REQUIRE(r.ok);
  // Column A is a blank margin and D a gap: no header, kept empty.
  CHECK(r.table.headers == Cells{"", "序号", "事项名称", "", "日期"});
  REQUIRE(r.table.rows.size() == 6);
  const auto& rows_read = r.table.rows;
  CHECK(rows_read[0].cells == Cells{"", "A-1", "第一行\r\n第二行_x0041_", "", "1904-01-01"});
  CHECK(rows_read[0].problem == "");
  CHECK(rows_read[1].line == 5);
  CHECK(rows_read[1].cells[4] == "2023-01-05");
  CHECK(rows_read[1].problem == "cell C5 holds the Excel error #N/A: correct its formula or its value");
  CHECK(rows_read[1].problem_column == 3);
  CHECK(rows_read[1].problem_code == "QZ6014");
  CHECK(rows_read[2].problem == "cell D7 has a value, but column D has no header (the header row is row 3)");
  CHECK(rows_read[2].problem_column == 4);
  CHECK(rows_read[3].cells[4] == "1904-01-02 12:00:00");  // m/d/yyyy h:mm, in the 1904 system
  CHECK(rows_read[4].line == 10);  // row 9 holds only styled empty cells
  CHECK(rows_read[4].problem == "cell B10 refers to shared string 3, but the workbook has 0");
  CHECK(rows_read[5].problem == "cell C11 should hold a number but holds \"1..5\"");
  CHECK(rows_read[5].cells[4] == "2023-01-05 08:30:00");

  // The record of a row with a bad cell is an error at that cell.
  std::vector<DecisionRecord> records = classify(
      "schema { field id: text from \"序号\" field name: text from \"事项名称\" }\ndefault keep\n", r.table);
  CHECK(records[1].status == Status::error);
  CHECK(records[1].error == "row 5: cell C5 holds the Excel error #N/A: correct its formula or its value");
  CHECK(records[1].problems[0].code == "QZ6014");
  CHECK(records[1].problems[0].column == 3);
  CHECK(records[0].status == Status::decided);
}

TEST_CASE("xlsx: date and time formats, and numbers as Excel's General shows them") {
  std::string rows = R"(<x:row r="1">)" + inline_cell("A1", "值") + "</x:row>";
  const char* values[] = {"44931", "44931.75", "0.3000000000000000444", "1E-3", "60", "61", "-1", "2958466", "0.5"};
  for (int i = 0; i < 9; ++i)
    rows += "<x:row><x:c r=\"A" + std::to_string(i + 2) + "\" s=\"" + (i == 8 ? "3" : i < 2 || i >= 4 ? "2" : "0") +
            "\"><x:v>" + values[i] + "</x:v></x:c></x:row>";
  Read r = xlsx(handmade(rows));
  REQUIRE(r.ok);
  Cells got;
  for (const Row& row : r.table.rows) got.emplace_back(row.cells[0]);
  // A date format on a number that is no date Excel shows (before day 1,
  // after 9999-12-31) leaves the number; 1900-02-29 is Excel's own day 60.
  CHECK(got == Cells{"2023-01-05", "2023-01-05", "0.3", "0.001", "1900-02-29", "1900-03-01", "-1", "2958466", "0.5"});
}

TEST_CASE("xlsx: files that cannot be read as a list") {
  CHECK(xlsx("序号,事项名称\n").errors ==
        Cells{"QZ6011 0:0 not an XLSX workbook: the file is not a zip archive (Not a zip archive)"});
  CHECK(xlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)).errors ==
        Cells{"QZ6011 0:0 an Excel 97-2003 workbook (.xls), or a workbook with a password: save it as an Excel "
              "Workbook (.xlsx) without a password"});
  CHECK(xlsx(zip_of({{"word/document.xml", "<document/>"}})).errors ==
        Cells{"QZ6011 0:0 not an XLSX workbook: the archive has no workbook part (xl/workbook.xml)"});
  Read broken = xlsx(handmade(R"(<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>序号</x:t></x:is></x:row>)"));
  REQUIRE(broken.errors.size() == 1);
  CHECK(broken.errors[0].rfind("QZ6011 0:0 book/sheets/one.xml is not well-formed XML: ", 0) == 0);
  // Whole rows and then nothing: a sheet cut short must not pass for a shorter list.
  std::string two_rows = R"(<x:row r="1">)" + inline_cell("A1", "序号") + R"(</x:row><x:row r="2">)" +
                         inline_cell("A2", "A-1") + "</x:row>";
  REQUIRE(xlsx(handmade(two_rows)).ok);
  CHECK(xlsx(handmade(two_rows, "", true)).errors ==
        Cells{"QZ6011 0:0 book/sheets/one.xml is not well-formed XML: the part ends before </x:worksheet>; is the "
              "file cut short?"});
  CHECK(xlsx(handmade(two_rows + "<x:row r=\"3\"><x:c", "", true)).errors ==
        Cells{"QZ6011 0:0 book/sheets/one.xml is not well-formed XML: the part ends before </x:worksheet>; is the "
              "file cut short?"});
  CHECK(xlsx(handmade("")).errors ==
        Cells{"QZ6011 0:0 the sheet \"表1\" is empty: expected a header row and a row per item"});
  CHECK(xlsx(handmade(R"(<x:row r="2">)" + inline_cell("A2", "序号") + inline_cell("C2", "序号　") + "</x:row>"))
            .errors == Cells{"QZ6010 2:3 the headers \"序号\" (column 1) and \"序号　\" (column 3) are the same once "
                             "spaces and full-width characters are folded; rename one"});
  CHECK(xlsx(handmade(R"(<x:row r="2">)" + inline_cell("A2", "序号") + R"(<x:c r="B2" t="e"><x:v>#REF!</x:v></x:c></x:row>)"))
            .errors == Cells{"QZ6014 2:2 in the header row: cell B2 holds the Excel error #REF!: correct its formula "
                             "or its value"});
}

TEST_CASE("xlsx: a zip bomb is refused before it fills memory, and so is a workbook past the limit") {
  std::string sheet = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                      std::string(64 << 20, ' ') + "</sheetData></worksheet>";
  std::string bomb = zip_of({
      {"xl/workbook.xml", R"(<workbook xmlns:r="r"><sheets><sheet name="S" r:id="a"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="a" Type=")" + std::string(kWorksheetType) + R"(" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet},
  });
  CHECK(bomb.size() < 200000);
  Read r = xlsx(bomb);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].rfind("QZ6013 0:0 xl/worksheets/sheet1.xml unpacks to more than 200 times its packed size (64 "
                          "MiB from ",
                          0) == 0);
  CHECK(r.errors[0].find("): a zip bomb, not a list; not read") != std::string::npos);

  XlsxOptions small;
  small.max_unpacked = 2048;
  std::string book = slurp(std::string(QUANZE_SOURCE_DIR) + "/tests/data/libreoffice.xlsx");
  CHECK(xlsx(book, small).errors ==
        Cells{"QZ6013 0:0 xl/styles.xml unpacks to more than the 2048 bytes Quanze reads from one workbook; split "
              "the list into several files"});
}

TEST_CASE("xlsx: a sheet larger than one batch is read row by row, all of it") {
  constexpr int kRows = 30000;
  std::string book = written(
      [](lxw_workbook* wb) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
        worksheet_write_string(ws, 0, 0, "序号", nullptr);
        worksheet_write_string(ws, 0, 1, "事项名称", nullptr);
        worksheet_write_string(ws, 0, 2, "年办件量", nullptr);
        for (int i = 1; i <= kRows; ++i) {
          worksheet_write_string(ws, i, 0, ("A-" + std::to_string(i)).c_str(), nullptr);
          worksheet_write_string(ws, i, 1, "剧毒化学品购买许可证核发（含延续、变更）", nullptr);
          worksheet_write_number(ws, i, 2, i * 0.5, nullptr);
        }
      },
      true);
  Read r = xlsx(book);
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == kRows);
  for (int i : {0, 1, 12345, kRows - 1}) {
    CAPTURE(i);
    std::string half = std::to_string((i + 1) / 2) + ((i + 1) % 2 ? ".5" : "");
    CHECK(r.table.rows[i].cells == Cells{"A-" + std::to_string(i + 1), "剧毒化学品购买许可证核发（含延续、变更）", half});
    CHECK(r.table.rows[i].line == static_cast<std::uint64_t>(i + 2));
  }
}

TEST_CASE("xlsx: a workbook saved by LibreOffice") {
  Table table;
  Diagnostics diags;
  ReadOptions options;
  options.schema_headers = {{"序号"}, {"事项名称"}};
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/libreoffice.xlsx", options, table, diags));
  CHECK(table.headers == Cells{"序号", "事项名称", "行使层级", "年办件量", "公布日期", "法定层级"});
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[0].cells == Cells{"A-001", "剧毒化学品购买许可", "盟市", "300", "2023-01-05", "TRUE"});
  CHECK(table.rows[1].cells == Cells{"A-002", "含,逗号的事项", "旗县", "12.5", "2022-12-16", "FALSE"});
  CHECK(table.rows[2].cells == Cells{"A-003", "空办件量的事项", "苏木乡镇", "", "", "TRUE"});
  CHECK(table.rows[2].line == 5);
  CHECK(format_for_path("清单.XLSX") == TableFormat::xlsx);
  CHECK(format_for_path("清单.xls") == TableFormat::xlsx);
  // A workbook is known by its bytes, whatever its name.
  TempDir dir;
  std::string renamed = dir.write("清单.csv", slurp(std::string(QUANZE_SOURCE_DIR) + "/tests/data/libreoffice.xlsx"));
  Table again;
  CHECK(read_table(renamed, ReadOptions{}, again, diags));
  CHECK(again.rows.size() == 3);
  // An .xls that is text, as many systems export, is read as text.
  std::string text_xls = dir.write("导出.xls", "序号\t事项名称\nA-1\t甲\n");
  Table exported;
  CHECK(read_table(text_xls, ReadOptions{}, exported, diags));
  CHECK(exported.headers == Cells{"序号", "事项名称"});
  CHECK(diags.items().empty());
}

TEST_CASE("cli: classify, explain, summary and report read XLSX, --sheet chooses the sheet") {
  TempDir dir;
  std::string rules = dir.write(
      "p.qz", "schema {\n"
              "  field id: text from \"序号\"\n"
              "  field name: text from \"事项名称\"\n"
              "  field level: enum ordered { township \"苏木乡镇\", county \"旗县\", league \"盟市\" } from \"行使层级\"\n"
              "  field volume: number from \"年办件量\" default 0\n"
              "  field mandated: bool from \"法定层级\"\n"
              "}\n"
              "rule down \"下放\": when level > township then delegate to next level\n"
              "exception keep.mandated \"法定层级\" to down: when mandated then keep\n"
              "default keep\n");
  Run r = run_quanze("classify -r '" + rules + "' -i tests/data/libreoffice.xlsx -f csv -q");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  CHECK(r.out.find("\nA-001,剧毒化学品购买许可,盟市,300,2023-01-05,TRUE,保留,") != std::string::npos);
  CHECK(r.out.find("\nA-002,\"含,逗号的事项\",旗县,12.5,2022-12-16,FALSE,下放,,苏木乡镇,") != std::string::npos);
  Run named = run_quanze("summary -r '" + rules + "' -i tests/data/libreoffice.xlsx --sheet libreoffice");
  CHECK(named.code == 0);
  CHECK(named.out.rfind("共 3 项，已决定 3", 0) == 0);
  Run explain = run_quanze("explain -r '" + rules + "' -i tests/data/libreoffice.xlsx --item A-003");
  CHECK(explain.out.rfind("事项：A-003 空办件量的事项（tests/data/libreoffice.xlsx 第 5 行）", 0) == 0);
  Run report = run_quanze("report -r '" + rules + "' -i tests/data/libreoffice.xlsx -d '" + dir.file("forms") +
                          "' -f csv");
  CHECK(report.code == 0);
  Run missing = run_quanze("classify -r '" + rules + "' -i tests/data/libreoffice.xlsx --sheet 公安局");
  CHECK(missing.code == 1);
  CHECK(missing.err == "tests/data/libreoffice.xlsx: error[QZ6012]: the workbook has no sheet \"公安局\"; its "
                       "sheets are: libreoffice\n");
  Run forced = run_quanze("classify -r '" + rules + "' -i tests/data/encoded-gb18030.csv --input-format xlsx");
  CHECK(forced.code == 1);
  CHECK(forced.err.find("error[QZ6011]: not an XLSX workbook") != std::string::npos);
}

TEST_CASE("xlsx: bytes that are not UTF-8 in a cell become U+FFFD and a row error at that cell") {
  // The XML parser takes bytes as they come: a workbook written by a tool
  // that got its encoding wrong carries GBK bytes (D6 D0 is 中) in its XML.
  std::string rows = R"(<x:row r="1">)" + inline_cell("A1", "序号") + inline_cell("B1", "事项名称") + "</x:row>" +
                     R"(<x:row r="2">)" + inline_cell("A2", "A-1") + inline_cell("B2", "\xD6\xD0国") + "</x:row>" +
                     R"(<x:row r="3">)" + inline_cell("A3", "A-2") + inline_cell("B3", "好\xFF") + "</x:row>" +
                     R"(<x:row r="4">)" + inline_cell("A4", "A-3") + inline_cell("B4", "中国") + "</x:row>";
  Read r = xlsx(handmade(rows));
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == 3);
  CHECK(r.table.rows[0].cells == Cells{"A-1", "\uFFFD国"});
  CHECK(r.table.rows[0].problem ==
        "cell B2: bytes 0xD6 0xD0 are not valid UTF-8; the cell cannot be read (the workbook's XML is not UTF-8)");
  CHECK(r.table.rows[0].problem_column == 2);
  CHECK(r.table.rows[0].problem_code == "QZ6008");  // as invalid bytes in a CSV
  CHECK(r.table.rows[1].cells == Cells{"A-2", "好\uFFFD"});
  CHECK(r.table.rows[1].problem == "cell B3: byte 0xFF is not valid UTF-8; the cell cannot be read (the workbook's XML is not UTF-8)");
  CHECK(r.table.rows[2].cells == Cells{"A-3", "中国"});
  CHECK(r.table.rows[2].problem == "");
}
