// The CSV parser's ways of reading a record — by block masks (with the
// baseline's instructions and with AVX2) and cell by cell — must give the
// same rows for any bytes: the same cells, cell
// counts, problems (with column and code), records and line numbers. The
// bytes are decoded as the readers decode them (invalid UTF-8 becomes
// U+FFFD and a bad-bytes entry), then parsed each way; the first byte
// picks the delimiter. The record ends reading cuts at are found with
// block masks as the reference finds them. Read in place, undecoded, the
// bytes give the rows they give as text, and the parser's check of UTF-8
// as it reads never passes a byte that is not.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_parser.hpp"
#include "io/record_cut.hpp"
#include "diag/utf8.hpp"
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

/// Every row `parser` gives; aborts when, after one, the parser says it
/// has checked its text as UTF-8 past `valid`.
Parsed read_all(quanze::CsvParser& parser, std::size_t valid = ~std::size_t{0}) {
  Parsed p;
  quanze::Row row;
  std::size_t cells = 0;
  while (parser.next(row, cells) == quanze::CsvParser::Step::row) {
    if (parser.utf8_checked_to() > valid) std::abort();
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

Parsed parse(const std::string& text, const std::vector<quanze::BadBytes>& bad, char delimiter, bool blocks,
             quanze::CsvBlockScan scan = quanze::CsvBlockScan::avx512) {
  quanze::CsvParser parser;
  parser.set_delimiter(delimiter);
  parser.set_keep_records(true);
  parser.set_block_records(blocks);
  parser.set_scan(scan);  // as far as the CPU has it
  parser.text() = text;
  parser.bad() = bad;
  parser.set_eof();
  return read_all(parser);
}

/// `bytes` parsed where they lie (CsvParser::set_in_place); aborts when
/// the parser says it has checked past the first byte that is not UTF-8.
Parsed parse_in_place(std::string_view bytes, char delimiter, quanze::CsvBlockScan scan) {
  quanze::CsvParser parser;
  parser.set_delimiter(delimiter);
  parser.set_keep_records(true);
  parser.set_scan(scan);
  quanze::RecordText records;
  records.in_place = bytes;
  parser.parse_records(records);
  parser.set_in_place(true);
  return read_all(parser, quanze::utf8::valid_run_end(bytes, 0));
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
  const Parsed blocks = parse(text, bad, delimiter, true);
  if (!(blocks == parse(text, bad, delimiter, false))) std::abort();
  if (!(blocks == parse(text, bad, delimiter, true, quanze::CsvBlockScan::baseline))) std::abort();
  if (!(blocks == parse(text, bad, delimiter, true, quanze::CsvBlockScan::avx2))) std::abort();
  const Parsed as_text = parse(std::string(bytes), {}, delimiter, true);
  for (quanze::CsvBlockScan scan : {quanze::CsvBlockScan::baseline, quanze::CsvBlockScan::avx2,
                                    quanze::CsvBlockScan::avx512})
    if (!(parse_in_place(bytes, delimiter, scan) == as_text)) std::abort();
#if defined(__x86_64__)
  // Where reading cuts the text, at each of its record ends in turn, as
  // the reference finds them, for the text and every shorter piece of it.
  if (quanze::csv_simd_in_use())
    for (std::size_t size : {text.size(), text.size() / 2, text.size() / 3}) {
      std::string_view piece(text.data(), size);
      std::size_t from = 0;
      for (int step = 0; step < 16; ++step) {
        quanze::RecordCut want = quanze::detail::last_record_end_scalar(piece, from, delimiter);
        quanze::RecordCut got = quanze::detail::last_record_end_simd(piece, from, delimiter);
        if (got.end != want.end || got.lines != want.lines) std::abort();
        // On from a record end not far after `from`: the last in twice as
        // many bytes as the step before looked at.
        std::size_t next = from;
        for (std::size_t span = 1; next == from && from + span / 2 < piece.size(); span *= 2)
          next = quanze::detail::last_record_end_scalar(piece.substr(0, std::min(piece.size(), from + span)), from,
                                                        delimiter).end;
        if (next == from) break;
        from = next;
      }
    }
#endif
  return 0;
}
