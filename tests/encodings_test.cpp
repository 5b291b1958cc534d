// Lists in the encodings Excel and WPS save: UTF-8 with or without BOM,
// GB18030/GBK, UTF-16 with BOM (tab-separated "Unicode text"). Bytes that
// are invalid in the encoding make their row an error at their cell, never
// a silent guess.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "io/text_encoding.hpp"
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

Read text(std::string_view bytes, TextOptions options = {}) {
  Read r;
  r.table.source = "list.csv";
  Diagnostics diags;
  r.ok = read_text(bytes, options, r.table, diags);
  r.errors = summarize(diags);
  return r;
}

Read file(const std::string& name, ReadOptions options = {}) {
  Read r;
  Diagnostics diags;
  r.ok = read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/" + name, options, r.table, diags);
  r.errors = summarize(diags);
  return r;
}

/// The table every fixture written by tests/data/encoded_fixtures.py holds.
void check_fixture_table(const Read& r) {
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"序号", "事项名称", "行使层级", "设定依据"});
  REQUIRE(r.table.rows.size() == 3);
  CHECK(r.table.rows[0].cells == Cells{"EN-001", "剧毒化学品购买许可", "盟市", "《危险化学品安全管理条例》第三十九条"});
  CHECK(r.table.rows[1].cells == Cells{"EN-002", "含,逗号与\t制表符", "旗县", ""});
  CHECK(r.table.rows[2].cells[1] == "生僻字𠀀与€符号");  // four bytes in GB18030, a surrogate pair in UTF-16
  CHECK(r.table.rows[2].cells[3].find("第一行\n") == 0);
  CHECK(r.table.rows[2].line == 4);
  for (const Row& row : r.table.rows) CHECK(row.problem == "");
}

/// A literal with NULs in it, whole.
template <std::size_t N>
std::string bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

/// `s` in GB18030, as Python's codec writes it (characters used below).
std::string gb(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    static const std::pair<std::string_view, std::string_view> kTable[] = {
        {"序号", "\xD0\xF2\xBA\xC5"}, {"名称", "\xC3\xFB\xB3\xC6"}, {"中文", "\xD6\xD0\xCE\xC4"},
        {"盟市", "\xC3\xCB\xCA\xD0"}, {"旗县", "\xC6\xEC\xCF\xD8"}};
    bool done = false;
    for (const auto& [utf8, bytes] : kTable)
      if (s.substr(i, utf8.size()) == utf8) {
        out += bytes;
        i += utf8.size();
        done = true;
        break;
      }
    if (!done) out += s[i++];
  }
  return out;
}

}  // namespace

TEST_CASE("encodings: the fixtures read as the same table whatever their encoding") {
  check_fixture_table(file("encoded-gb18030.csv"));  // not UTF-8, so GB18030
  check_fixture_table(file("encoded-utf16le.txt"));  // BOM; .txt is tab-separated
  check_fixture_table(file("encoded-utf16be.tsv"));
  ReadOptions gbk;
  gbk.encoding = TextEncoding::gb18030;
  check_fixture_table(file("encoded-gb18030.csv", gbk));
  ReadOptions as_tsv;
  as_tsv.format = TableFormat::tsv;
  check_fixture_table(file("encoded-utf16le.txt", as_tsv));
  // Named .csv but tab-separated, as when "Unicode text" is renamed: the
  // header line says so, unless the format is given.
  TempDir dir;
  std::string renamed = dir.write("清单.csv", slurp(std::string(QUANZE_SOURCE_DIR) + "/tests/data/encoded-utf16le.txt"));
  Read sniffed;
  Diagnostics diags;
  CHECK(read_table(renamed, ReadOptions{}, sniffed.table, diags));
  CHECK(sniffed.table.headers == Cells{"序号", "事项名称", "行使层级", "设定依据"});
  Table as_csv;
  CHECK(read_table(renamed, TableFormat::csv, as_csv, diags));
  CHECK(as_csv.headers.size() == 1);
}

TEST_CASE("encodings: GB18030 is detected when the bytes are not UTF-8") {
  Read r = text(gb("序号,名称\n1,中文\n2,旗县\n"));
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"序号", "名称"});
  CHECK(r.table.rows[0].cells == Cells{"1", "中文"});
  CHECK(r.table.rows[1].cells == Cells{"2", "旗县"});
  CHECK(r.table.rows[1].line == 3);
  // Valid UTF-8 stays UTF-8, BOM or not.
  CHECK(text("\xEF\xBB\xBF序号\n中文\n").table.rows[0].cells == Cells{"中文"});
  CHECK(text("序号\n中文\n").table.rows[0].cells == Cells{"中文"});
}

TEST_CASE("encodings: invalid bytes are a row error at their cell, other rows are read") {
  Read r = text(gb("序号,名称\n1,中文\n2,中文\xFF\n3,旗县\n4,\x81\x30\n"));
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == 4);
  CHECK(r.table.rows[0].problem == "");
  CHECK(r.table.rows[1].problem ==
        "byte 0xFF is not valid GB18030; the cell cannot be read (is the list saved in another encoding? see "
        "--encoding)");
  CHECK(r.table.rows[1].problem_column == 2);
  CHECK(r.table.rows[1].problem_code == "QZ6008");
  CHECK(r.table.rows[2].problem == "");
  CHECK(r.table.rows[2].cells == Cells{"3", "旗县"});
  // A four-byte sequence cut short by the end of the line: its lead byte is
  // invalid, and the ASCII digit after it is read as a digit.
  CHECK(r.table.rows[3].problem.rfind("byte 0x81 is not valid GB18030;", 0) == 0);

  // The record says so, with the code, row and column.
  std::vector<DecisionRecord> records =
      classify("schema { field id: text from \"序号\" field name: text from \"名称\" }\ndefault keep\n", r.table);
  CHECK(records[1].status == Status::error);
  CHECK(records[1].item == "2");
  CHECK(records[1].error ==
        "row 3: byte 0xFF is not valid GB18030; the cell cannot be read (is the list saved in another encoding? "
        "see --encoding)");
  REQUIRE(records[1].problems.size() == 1);
  CHECK(records[1].problems[0].code == "QZ6008");
  CHECK(records[1].problems[0].column == 2);
}

TEST_CASE("encodings: a UTF-8 file with a few damaged bytes is read as UTF-8, not as GB18030 gibberish") {
  std::string list = "序号,事项名称,行使层级\n";
  for (int i = 1; i <= 20; ++i) list += "A-" + std::to_string(i) + ",剧毒化学品购买许可,盟市\n";
  list += "B-1,剧毒化学品\xE8\xB4购买许可,盟市\n";  // a character cut short
  Read r = text(list);
  REQUIRE(r.ok);
  REQUIRE(r.table.rows.size() == 21);
  CHECK(r.table.rows[0].cells == Cells{"A-1", "剧毒化学品购买许可", "盟市"});
  CHECK(r.table.rows[20].problem.rfind("bytes 0xE8 0xB4 are not valid UTF-8;", 0) == 0);
  CHECK(r.table.rows[20].problem_column == 2);
  CHECK(r.table.rows[20].line == 22);
}

TEST_CASE("encodings: the encoding can be given — then nothing is guessed") {
  TextOptions utf8;
  utf8.encoding = TextEncoding::utf8;
  Read r = text("id,名称\n1,\xD6\xD0\xCE\xC4\n", utf8);
  REQUIRE(r.ok);
  CHECK(r.table.rows[0].problem.rfind("bytes 0xD6 0xD0 0xCE 0xC4 are not valid UTF-8;", 0) == 0);
  CHECK(r.table.rows[0].problem_column == 2);

  TextOptions utf16;
  utf16.encoding = TextEncoding::utf16;
  utf16.sniff = true;
  // Without a byte-order mark, the NULs of ASCII text tell the byte order.
  std::string le = bytes("i\0d\0\t\0n\0\n\0001\0\t\0002\0\n\0");
  Read no_bom = text(le, utf16);
  REQUIRE(no_bom.ok);
  CHECK(no_bom.table.headers == Cells{"id", "n"});
  CHECK(no_bom.table.rows[0].cells == Cells{"1", "2"});
  // A lone surrogate, and an odd byte at the end.
  Read broken = text(bytes("\xFF\xFEi\0d\0\n\0\x00\xD8\n\0x"), utf16);
  REQUIRE(broken.ok);
  REQUIRE(broken.table.rows.size() == 2);
  CHECK(broken.table.rows[0].problem.rfind("bytes 0x00 0xD8 are not valid UTF-16LE;", 0) == 0);
  CHECK(broken.table.rows[1].problem.rfind("byte 0x78 is not valid UTF-16LE;", 0) == 0);

  TextOptions gb18030;
  gb18030.encoding = TextEncoding::gb18030;
  CHECK(text("\xEF\xBB\xBFid\n1\n", gb18030).errors ==
        Cells{"QZ6008 1:1 the file starts with the byte-order mark of UTF-8, but --encoding gb18030 was given; "
              "leave --encoding out"});
}

TEST_CASE("encodings: bytes that cannot be read in the header row stop the list") {
  CHECK(text(gb("序号,名称\xFF\n1,中文\n")).errors ==
        Cells{"QZ6008 1:2 in the header row: byte 0xFF is not valid GB18030; the cell cannot be read (is the list "
              "saved in another encoding? see --encoding)"});
}

TEST_CASE("tsv: tabs instead of commas, quoting as in CSV — the header line tells which") {
  TextOptions tsv;
  tsv.delimiter = '\t';
  Read r = text("序号\t名称\n1\t\"a\tb\"\n2\t\"x\"y\n3\tc,d\n", tsv);
  REQUIRE(r.ok);
  CHECK(r.table.headers == Cells{"序号", "名称"});
  CHECK(r.table.rows[0].cells == Cells{"1", "a\tb"});
  CHECK(r.table.rows[1].problem ==
        "text after the closing quote of a cell; a quoted cell must end at a tab or the line's end");
  CHECK(r.table.rows[2].cells == Cells{"3", "c,d"});

  TextOptions sniff;
  sniff.sniff = true;
  CHECK(text("a\tb\n1\t2\n", sniff).table.headers == Cells{"a", "b"});
  CHECK(text("a,b\n1,2\n", sniff).table.headers == Cells{"a", "b"});
  CHECK(text("a,b\tc\n1,2\t3\n", sniff).table.headers == Cells{"a", "b\tc"});  // both: as named
  sniff.delimiter = '\t';
  CHECK(text("a,b\tc\n1,2\t3\n", sniff).table.headers == Cells{"a,b", "c"});
  CHECK(text("a,b\n1,2\n", sniff).table.headers == Cells{"a", "b"});  // a .txt that is CSV
}

TEST_CASE("cli: lists in GB18030 and UTF-16 are read, --encoding overrides the guess") {
  TempDir dir;
  std::string rules = dir.write("p.qz", "schema { field id: text from \"序号\" field name: text from \"事项名称\" }\n"
                                        "default keep because \"留\"\n");
  Run gb = run_quanze("classify -r '" + rules + "' -i tests/data/encoded-gb18030.csv -f csv -q");
  CHECK(gb.code == 0);
  CHECK(gb.err == "");
  CHECK(gb.out.find("\nEN-001,剧毒化学品购买许可,盟市,《危险化学品安全管理条例》第三十九条,保留,") != std::string::npos);
  Run utf16 = run_quanze("summary -r '" + rules + "' -i tests/data/encoded-utf16le.txt");
  CHECK(utf16.code == 0);
  CHECK(utf16.out.rfind("共 3 项，已决定 3", 0) == 0);
  Run forced = run_quanze("classify -r '" + rules + "' -i tests/data/encoded-gb18030.csv --encoding utf-8");
  CHECK(forced.code == 1);
  CHECK(forced.err ==
        "tests/data/encoded-gb18030.csv:1:1: error[QZ6008]: in the header row: bytes 0xD0 0xF2 0xBA 0xC5 are not "
        "valid UTF-8; the cell cannot be read (is the list saved in another encoding? see --encoding)\n");
  CHECK(run_quanze("classify -i x.csv --encoding latin-1").code == 2);
  Run tsv = run_quanze("explain -r '" + rules + "' -i tests/data/encoded-utf16be.tsv --input-format tsv --item EN-002");
  CHECK(tsv.code == 0);
  CHECK(tsv.out.rfind("事项：EN-002 含,逗号与\t制表符（tests/data/encoded-utf16be.tsv 第 3 行）", 0) == 0);
}

namespace {

/// What TextDecoder makes of `bytes` fed in the pieces that end at `cuts`:
/// the text, then each bad run as offset:hex.
std::string decoded(std::string_view bytes, TextEncoding encoding, std::vector<std::size_t> cuts) {
  TextDecoder decoder(encoding);
  std::string text, error;
  std::vector<BadBytes> bad;
  cuts.push_back(bytes.size());
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    REQUIRE(decoder.feed(bytes.substr(from, cut - from), cut == bytes.size(), text, bad, error));
    from = cut;
  }
  for (const BadBytes& b : bad) {
    text += fmt::format("|{}:", b.offset);
    for (unsigned char c : b.bytes) text += fmt::format("{:02X}", c);
  }
  return text;
}

}  // namespace

TEST_CASE("encodings: a character cut between pieces, valid or not, decodes as in the whole text") {
  // Past the 4096 bytes the decoder looks at before it starts, so that the
  // cuts below fall where it decodes. Each case: whole characters, cut and
  // broken sequences, one left open at the end of the input.
  const std::string pad(4100, 'x');
  struct Case {
    TextEncoding encoding;
    std::string tail;
  };
  const Case cases[] = {
      {TextEncoding::utf8, "a\xE4\xB8\xAD" "b\xE4\xB8" "c\xF0\x9F\x98\x80" "d\xF0\x9F\xE4\xB8\xAD" "e\xC3" "\xE4\xB8"},
      {TextEncoding::utf8, "\xE6\x96\x87\xE6\x96\x87\xED\xA0\x80\xE6\x96\x87\xE6"},
      {TextEncoding::gb18030, "a\xD6\xD0" "b\x81" "c\x81\x30\x81\x30" "d\x81\x30\xFF" "e\xD6"},
      {TextEncoding::utf16, std::string("a\0\x2D\x4E\x3D\xD8\x00\xDE" "b\0\x00\xD8" "c\0\x2D", 15)},
  };
  for (const Case& c : cases) {
    std::string bytes = c.encoding == TextEncoding::utf16 ? std::string() : pad;
    if (c.encoding == TextEncoding::utf16)
      for (char ch : pad) bytes += std::string{ch, '\0'};
    bytes += c.tail;
    const std::string whole = decoded(bytes, c.encoding, {});
    CAPTURE(whole);
    CHECK(whole.find("\xEF\xBF\xBD") != std::string::npos);  // the cases hold bad bytes
    const std::size_t first = bytes.size() - c.tail.size() - 2;
    for (std::size_t i = first; i <= bytes.size(); ++i) {
      CAPTURE(i);
      CHECK(decoded(bytes, c.encoding, {i}) == whole);
      for (std::size_t j = i; j <= bytes.size(); ++j) {
        CAPTURE(j);
        CHECK(decoded(bytes, c.encoding, {i, j}) == whole);
      }
    }
  }
}

TEST_CASE("encodings: a list fed in many small pieces is detected and decoded as when fed whole") {
  // The pieces before the encoding is chosen are held as one window: fed
  // in small pieces (a pipe), it still sees what the whole text shows.
  std::string utf8_text = "序号,名称\n", gb_text = "\xD0\xF2\xBA\xC5,name\n", utf16_text("\xFF\xFE", 2);
  for (int i = 0; utf8_text.size() < (std::size_t{3} << 19); ++i) {
    utf8_text += fmt::format("G{:07},出租汽车违法行为的处罚\n", i);
    gb_text += fmt::format("G{:07},\xD6\xD0\xCE\xC4\n", i);
  }
  for (char ch : std::string_view(utf8_text).substr(0, 9000))
    if (static_cast<unsigned char>(ch) < 0x80) utf16_text += std::string{ch, '\0'};
  struct Case {
    const std::string* bytes;
    const char* starts;  // the decoded text's first bytes
  };
  const Case cases[] = {{&utf8_text, "序号,名称\n"}, {&gb_text, "序号,name\nG0000000,中文\n"}, {&utf16_text, ",\nG0000000,\n"}};
  for (const Case& c : cases) {
    const std::string whole = decoded(*c.bytes, TextEncoding::detect, {});
    CHECK(whole.rfind(c.starts, 0) == 0);
    for (std::size_t piece : {std::size_t{1} << 10, std::size_t{4093}, std::size_t{65537}}) {
      CAPTURE(piece);
      std::vector<std::size_t> cuts;
      for (std::size_t at = piece; at < c.bytes->size(); at += piece) cuts.push_back(at);
      CHECK(decoded(*c.bytes, TextEncoding::detect, cuts) == whole);
    }
  }
}
