// The CSV parser's two ways of reading a record — by block masks and cell
// by cell — must give the same rows for any bytes: the same cells, cell
// counts, problems (with column and code), records and line numbers. The
// bytes are decoded as the readers decode them (invalid UTF-8 becomes
// U+FFFD and a bad-bytes entry), then parsed both ways; the first byte
// picks the delimiter.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_parser.hpp"
#include "io/text_encoding.hpp"

namespace {

struct Parsed {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> counts;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> problems, codes, records;
  std::vector<std::uint32_t> columns;
  std::uint64_t last_line = 0;
  bool operator==(const Parsed&) const = default;
};

Parsed parse(const std::string& text, const std::vector<quanze::BadBytes>& bad, char delimiter, bool blocks) {
  quanze::CsvParser parser;
  parser.set_delimiter(delimiter);
  parser.set_keep_records(true);
  parser.set_block_records(blocks);
  parser.text() = text;
  parser.bad() = bad;
  parser.set_eof();
  Parsed p;
  quanze::Row row;
  std::size_t cells = 0;
  while (parser.next(row, cells) == quanze::CsvParser::Step::row) {
    p.cells.push_back(row.cells.strings());
    p.counts.push_back(cells);
    p.lines.push_back(row.line);
    p.problems.push_back(row.problem);
    p.codes.push_back(row.problem_code);
    p.columns.push_back(row.problem_column);
    p.records.emplace_back(row.record());
  }
  p.last_line = parser.line();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char delimiter = data[0] % 2 ? '\t' : ',';
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  quanze::TextDecoder decoder(quanze::TextEncoding::utf8);
  std::string text, error;
  std::vector<quanze::BadBytes> bad;
  if (!decoder.feed(bytes, true, text, bad, error)) return 0;
  if (!(parse(text, bad, delimiter, true) == parse(text, bad, delimiter, false))) std::abort();
  return 0;
}
