// The CSV parser reads the usual record with block masks (simple_record)
// and everything else cell by cell. Whichever way a record is read, its
// row must be the same: these tests put records where the block reader
// takes them — a line end and a whole block of text after them — and
// compare with the same record read where it cannot (at the end of the
// input, without its line end), at every alignment to the 64-byte blocks.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "io/csv_parser.hpp"
#include "io/record_cut.hpp"
#include "io/csv_scan.hpp"

using namespace quanze;

namespace {

struct Parsed {
  std::vector<std::string> cells;
  std::size_t count = 0;
  std::uint64_t line = 0;
  std::string problem;
  std::uint32_t problem_column = 0;
  std::string problem_code;
  std::string record;
  std::uint64_t next_line = 0;  ///< the parser's line after the record

  friend bool operator==(const Parsed&, const Parsed&) = default;
};

/// Every record of `text` (the whole input), read with the block reader
/// on or off, its blocks read the widest way the CPU has or `scan`.
std::vector<Parsed> all_records(const std::string& text, const std::vector<BadBytes>& bad = {},
                                char delimiter = ',', bool blocks = true,
                                CsvBlockScan scan = CsvBlockScan::avx512) {
  CsvParser parser;
  parser.set_delimiter(delimiter);
  parser.set_keep_records(true);
  parser.set_block_records(blocks);
  parser.set_scan(scan);
  parser.text() = text;
  parser.bad() = bad;
  parser.set_eof();
  std::vector<Parsed> out;
  Row row;
  std::size_t cells = 0;
  while (parser.next(row, cells) == CsvParser::Step::row)
    out.push_back({row.cells.strings(), cells, row.line, row.problem, row.problem_column, row.problem_code,
                   std::string(row.record()), parser.line()});
  return out;
}

/// The `index`th record of `text`.
Parsed nth_record(const std::string& text, std::size_t index, const std::vector<BadBytes>& bad = {},
                  char delimiter = ',') {
  CAPTURE(text);
  std::vector<Parsed> records = all_records(text, bad, delimiter);
  REQUIRE(records.size() > index);
  return records[index];
}

/// `record` read both ways after `prefix` (whole lines): with `line_end`
/// and 200 bytes of further records after it, and as the input's end. (A
/// quote never closed takes the rest of the input, so its record is the
/// input's end whatever follows: not a case for this comparison.)
void check_both_ways(const std::string& prefix, std::size_t prefix_records, const std::string& record,
                     const std::string& line_end, char delimiter = ',') {
  std::string padding;
  while (padding.size() < 200) padding += "pad,填充\n";
  Parsed blocks = nth_record(prefix + record + line_end + padding, prefix_records, {}, delimiter);
  Parsed whole = nth_record(prefix + record, prefix_records, {}, delimiter);
  CAPTURE(prefix.size());
  CAPTURE(record);
  CAPTURE(line_end.size());
  CHECK(blocks == whole);
}

}  // namespace

TEST_CASE("csv parser: block masks mark each special byte, and quotes' parity marks what is inside") {
  const std::string block =
      "0123456789\"abc,def\r\nghi,jkl\"mno\npqr,stuvwxyz01234567890123456789";
  REQUIRE(block.size() == 64);
  CsvBlockMasks m = csv_block_masks(block.data(), ',');
  auto bit = [](int k) { return std::uint64_t{1} << k; };
  CHECK(m.quote == (bit(10) | bit(27)));
  CHECK(m.delimiter == (bit(14) | bit(23) | bit(35)));
  CHECK(m.cr == bit(18));
  CHECK(m.lf == (bit(19) | bit(31)));
  CHECK(csv_block_masks(block.data(), '\t').delimiter == 0);
  // From the opening quote (10) to the byte before the closing one (27).
  CHECK(prefix_xor(m.quote) == ((bit(27) - 1) & ~(bit(10) - 1)));
  CHECK(prefix_xor(bit(63)) == bit(63));
  CHECK(prefix_xor(0) == 0);
  CHECK(count_bits(m.delimiter) == 3);
  CHECK(count_bits(~std::uint64_t{0}) == 64);
  CHECK(count_bits(0) == 0);
}

TEST_CASE("csv parser: the usual record read by blocks is the record read cell by cell") {
  const std::vector<std::string> records = {
      "a,b,c",
      "序号,事项名称,实施部门",
      ",,,",
      "\"quoted\",plain,\"\"",
      "\"with, comma\",\"line\nbreak\",\"two\r\nlines\nhere\"",
      "\"doubled \"\" quote\",x",
      "\"\"\"\",y",
      "stray\"quote,z",
      "\"text\"after,w",
      "\"closed\" ,v",
      "last,\"quoted at the end\"",
      "一,二,三,四,五,六,七,八,九,十,十一,十二,十三,十四,十五,十六,十七",
      "lone\rcr,after",
  };
  for (const std::string& record : records) {
    for (const char* line_end : {"\n", "\r\n", "\r"}) {
      // Prefixes of 0 to 70 bytes shift the record across block boundaries
      // (a prefix of one byte is a blank line, skipped).
      for (std::size_t shift = 0; shift <= 70; ++shift) {
        std::string prefix = shift == 0 ? "" : std::string(shift - 1, 'p') + "\n";
        check_both_ways(prefix, shift >= 2 ? 1 : 0, record, line_end);
      }
    }
  }
}

TEST_CASE("csv parser: random records read both ways agree, comma and tab") {
  // Cells of every kind the general reader has a case for, and lengths that
  // end them anywhere in a block.
  const std::vector<std::string> kinds = {"", "x", "中文", "\"q\"", "\"a,b\"", "\"l\nm\"", "\"d\"\"e\"", "s\"t",
                                          "\"u\"v", "\"\"", "\t", " 空 "};
  std::mt19937 random(20261126);
  for (char delimiter : {',', '\t'}) {
    for (int n = 0; n < 3000; ++n) {
      std::string record;
      int cells = 1 + static_cast<int>(random() % 20);
      for (int c = 0; c < cells; ++c) {
        if (c) record += delimiter;
        std::string cell = kinds[random() % kinds.size()];
        if (random() % 3 == 0) cell += std::string(random() % 70, 'w');
        record += cell;
      }
      if (record.empty()) continue;  // a blank line, not a record
      std::string prefix(1 + random() % 64, 'p');
      prefix += '\n';
      const char* line_end = random() % 4 == 0 ? "\r\n" : "\n";
      check_both_ways(prefix, 1, record, line_end, delimiter);
    }
  }
}

TEST_CASE("csv parser: bytes that could not be decoded make the cell's row an error either way") {
  std::string padding;
  while (padding.size() < 200) padding += "pad,pad\n";
  // U+FFFD stands for the bytes at offset 11 (in "bb"'s cell, the second).
  const std::string record = "aaaaaaaa,bb\xEF\xBF\xBD" "b,cc";
  const std::vector<BadBytes> bad = {{11, "\xFF"}};
  Parsed blocks = nth_record(record + "\n" + padding, 0, bad);
  Parsed whole = nth_record(record, 0, bad);
  CHECK(blocks == whole);
  CHECK(blocks.problem_column == 2);
  CHECK(blocks.problem_code == "QZ6008");
  // A bad byte in the next record leaves this one well-formed.
  Parsed before = nth_record(record + "\n" + padding, 0, {{record.size() + 3, "\xFF"}});
  CHECK(before.problem.empty());
  CHECK(before.cells == std::vector<std::string>{"aaaaaaaa", "bb\xEF\xBF\xBD" "b", "cc"});
}

TEST_CASE("csv parser: more cells than kMaxColumns are counted, not kept, either way") {
  std::string record;
  for (std::size_t c = 0; c < 4100; ++c) record += c ? ",c" : "c";
  Parsed blocks = nth_record(record + "\n" + std::string(100, 'x') + "\n", 0);
  Parsed whole = nth_record(record, 0);
  CHECK(blocks == whole);
  CHECK(blocks.count == 4100);
  CHECK(blocks.cells.size() == 4096);
}

TEST_CASE("csv parser: the usual records are read by blocks, quoted cells across blocks too") {
  // 100 records of 17 cells, a quoted one with a comma and a line break
  // that ends in a different block each time.
  std::string text;
  for (int r = 0; r < 100; ++r) {
    text += "G" + std::to_string(r) + ",事项名称,\"1.《条例》第" + std::string(static_cast<std::size_t>(r % 50), 'x') +
            "条，\n2.《办法》, 第九条\"";
    for (int c = 0; c < 14; ++c) text += ",中";
    text += "\n";
  }
  CsvParser parser;
  parser.text() = text;
  parser.set_eof();
  Row row;
  std::size_t cells = 0, rows = 0;
  while (parser.next(row, cells) == CsvParser::Step::row) {
    ++rows;
    CHECK(cells == 17);
    CHECK(row.cells[2].substr(0, 5) == "1.《");
  }
  CHECK(rows == 100);
  CHECK(parser.line() == 201);
  // Only the last record or two lack a whole block after their start.
  CHECK(parser.block_records() >= 98);
}

TEST_CASE("csv parser: whole texts of random records read with and without the block reader agree") {
  // Several records a text, so that a record the block reader declines is
  // followed by ones it takes; the parser's switch turns it off for the
  // second reading (as fuzz_csv_blocks does with any bytes).
  const std::vector<std::string> kinds = {"", "x", "中文", "\"q\"", "\"a,b\"", "\"l\nm\"", "\"d\"\"e\"", "s\"t",
                                          "\"u\"v", "\"\"", "\r", " 空 ", std::string(70, 'w')};
  std::mt19937 random(4096);
  for (int n = 0; n < 300; ++n) {
    std::string text;
    const int records = 1 + static_cast<int>(random() % 12);
    for (int r = 0; r < records; ++r) {
      const int cells = 1 + static_cast<int>(random() % 18);
      for (int c = 0; c < cells; ++c) {
        if (c) text += ',';
        text += kinds[random() % kinds.size()];
      }
      text += random() % 5 == 0 ? "\r\n" : "\n";
    }
    CAPTURE(text);
    const std::vector<Parsed> blocks = all_records(text, {}, ',', true, CsvBlockScan::baseline);
    CHECK(blocks == all_records(text, {}, ',', false));
    // The blocks read with AVX2 and with AVX-512, as far as the CPU has
    // them (a way it does not have reads as the widest it has).
    CHECK(blocks == all_records(text, {}, ',', true, CsvBlockScan::avx2));
    CHECK(blocks == all_records(text, {}, ',', true, CsvBlockScan::avx512));
  }
}

TEST_CASE("csv parser: the last record end found with block masks is the reference's, for every cut of random texts") {
  if (!csv_simd_in_use()) MESSAGE("no AVX2 here: last_record_end takes the reference way only");
  const std::vector<std::string> kinds = {"", "x", "中文", "\"q\"", "\"a,b\"", "\"l\nm\"", "\"d\"\"e\"", "s\"t",
                                          "\"u\"v", "\"\"", "\r", "\n", " 空 ", std::string(70, 'w'),
                                          "\"" + std::string(60, 'y') + "\n\"", "\t"};
  std::mt19937 random(1127);
  int compared = 0;
  for (int n = 0; n < 200; ++n) {
    std::string text;
    const int records = 1 + static_cast<int>(random() % 10);
    const bool stray = n % 3 == 0;  // else only quotes that open and close cells
    for (int r = 0; r < records; ++r) {
      const int cells = 1 + static_cast<int>(random() % 18);
      for (int c = 0; c < cells; ++c) {
        if (c) text += ',';
        std::string cell = kinds[random() % kinds.size()];
        if (!stray && (cell == "s\"t" || cell == "\"u\"v")) cell = "z";
        text += cell;
      }
      const unsigned end = random() % 6;
      text += end == 0 ? "\r\n" : end == 1 ? "\r" : "\n";
    }
    // Every length stands for a piece of input that ends there, and every
    // record end the reference finds is where reading starts again.
    for (std::size_t size = 0; size <= text.size(); ++size) {
      std::string_view piece(text.data(), size);
      for (char delimiter : {',', '\t'}) {
        std::size_t from = 0;
        for (int step = 0; step < 3; ++step) {
          CAPTURE(text);
          CAPTURE(size);
          CAPTURE(from);
          RecordCut want = detail::last_record_end_scalar(piece, from, delimiter);
#if defined(__x86_64__)
          if (csv_simd_in_use()) {
            RecordCut got = detail::last_record_end_simd(piece, from, delimiter);
            CHECK(got.end == want.end);
            CHECK(got.lines == want.lines);
            ++compared;
          }
#endif
          RecordCut first = detail::last_record_end_scalar(piece.substr(0, std::min(piece.size(), from + 1 + size % 97)),
                                                           from, delimiter);
          if (first.end == from) break;
          from = first.end;  // a record end: a record starts there
        }
      }
    }
  }
  if (csv_simd_in_use()) CHECK(compared > 100000);
}

TEST_CASE("csv parser: a quote at any place in a block, after a delimiter or inside a cell, is cut as the reference cuts") {
  // A quote opens a cell only after a delimiter or a line end, which the
  // block reading knows of the byte before a block from the block before:
  // the quote is put at every offset from the start, so at each edge.
  for (std::size_t at = 1; at < 140; ++at) {
    for (char before : {'a', ',', '\n'}) {
      std::string text = std::string(at - 1, 'a') + before + "\"x\ny\n\"z\nw\n";
      for (char delimiter : {',', '\t'}) {
        CAPTURE(at);
        CAPTURE(before);
        CAPTURE(delimiter);
        RecordCut want = detail::last_record_end_scalar(text, 0, delimiter);
        const RecordCut got = last_record_end(text, 0, delimiter);
        CHECK(got.end == want.end);
        CHECK(got.lines == want.lines);
      }
    }
  }
}

namespace {

/// The records of `bytes` parsed where they lie (CsvParser::set_in_place),
/// its blocks read the `scan` way: each record's row, the offset it starts
/// at, and how far the parser had checked the bytes after it.
struct InPlace {
  std::vector<Parsed> rows;
  std::vector<std::size_t> starts, checked;
  std::size_t block_records = 0;
};

InPlace read_in_place(std::string_view bytes, CsvBlockScan scan) {
  CsvParser parser;
  parser.set_keep_records(true);
  parser.set_scan(scan);
  RecordText records;
  records.in_place = bytes;
  parser.parse_records(records);
  parser.set_in_place(true);
  InPlace out;
  Row row;
  std::size_t cells = 0;
  for (std::size_t start = parser.offset(); parser.next(row, cells) == CsvParser::Step::row; start = parser.offset()) {
    out.rows.push_back({row.cells.strings(), cells, row.line, row.problem, row.problem_column, row.problem_code,
                        std::string(row.record()), parser.line()});
    out.starts.push_back(start);
    out.checked.push_back(parser.utf8_checked_to());
  }
  out.block_records = parser.block_records();
  return out;
}

}  // namespace

TEST_CASE("csv parser: read in place, the usual record is checked for UTF-8 as its blocks are read, never past a bad byte") {
  // Chinese text (sequences across blocks), quoted cells with a line
  // break, a CRLF now and then; a record a few blocks long.
  std::string text;
  for (int r = 0; r < 40; ++r)
    text += "G" + std::to_string(r) + ",出租汽车违法行为的处罚,\"1.《条例》第" + std::string(static_cast<std::size_t>(r % 37), 'x') +
            "条\n2.《办法》\",公共安全,是," + std::to_string(r * 7) + (r % 9 == 4 ? "\r\n" : "\n");
  // A way of reading the CPU does not have reads as the widest it has;
  // only the baseline's blocks are not checked as read.
  const bool checks = csv_simd_in_use();
  for (CsvBlockScan scan : {CsvBlockScan::baseline, CsvBlockScan::avx2, CsvBlockScan::avx512}) {
    CAPTURE(static_cast<int>(scan));
    const bool checked_as_read = checks && scan != CsvBlockScan::baseline;
    const InPlace read = read_in_place(text, scan);
    CHECK(read.rows == all_records(text));
    REQUIRE(read.rows.size() == 40);
    CHECK(read.block_records >= 38);
    // Every record the blocks read is checked up to the next one's start.
    for (std::size_t r = 0; r + 2 < read.rows.size(); ++r)
      CHECK(read.checked[r] == (checked_as_read ? read.starts[r + 1] : 0));
  }
  // One byte made wrong at each place in the first records: an ASCII byte
  // a stray continuation byte, a byte of a sequence an ASCII one. The
  // check stops at the start of the record that holds it, whatever the
  // byte was (a line break, a quote: the records are cut differently from
  // there), and every row is the row of the bytes as they are.
  for (std::size_t at = 0; at < 1500; ++at) {
    std::string bad = text;
    bad[at] = static_cast<unsigned char>(bad[at]) < 0x80 ? '\x80' : 'A';
    CAPTURE(at);
    for (CsvBlockScan scan : {CsvBlockScan::avx2, CsvBlockScan::avx512}) {
      const InPlace read = read_in_place(bad, scan);
      CHECK(read.rows == all_records(bad));
      std::size_t holder = 0;  // the record the byte is in
      while (holder + 1 < read.starts.size() && read.starts[holder + 1] <= at) ++holder;
      for (std::size_t checked : read.checked) CHECK(checked <= at);
      CHECK(read.checked.back() == (checks ? read.starts[holder] : 0));
    }
  }
}
