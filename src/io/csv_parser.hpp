// RFC 4180 records cut from decoded text that arrives a piece at a time.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv_scan.hpp"
#include "io/text_encoding.hpp"
#include "quanze/table.hpp"

namespace quanze {

/// Whole records' text, handed from the parser that reads to one that makes
/// rows of it (CsvParser::take_records, CsvParser::parse_records).
struct RecordText {
  std::string text;
  /// When not null, the records' text instead of `text`: bytes of the
  /// input read where they lie (a file's mapping, a list in memory), which
  /// outlive the records (RowStream reading in place).
  std::string_view in_place;
  std::vector<BadBytes> bad;  ///< offsets in `text`
  std::uint64_t line = 1;     ///< the line `text` starts on; after give_back, the rest's
  /// All the text read (CsvParser::take_text), its last record perhaps not
  /// whole: parsing stops before that one, and give_back leaves it in
  /// `text` from `rest` on, for take_rest.
  bool open_end = false;
  std::size_t rest = 0;
};

/// Parses records from `text()`, which the decoder appends to. A record
/// that reaches the end of the text before the input's end is not taken:
/// the parser steps back to its start and says it needs more, so a quoted
/// cell with line breaks, or a CRLF, may be cut anywhere between pieces.
class CsvParser {
 public:
  CsvParser();
  void set_delimiter(char delimiter);
  /// The name bad bytes are reported in; the decoder's, which may be
  /// decided only after the first rows.
  void set_encoding(const std::string* name) { encoding_ = name; }
  /// Rows keep their record's text (Row::record) when the delimiter is a
  /// comma.
  void set_keep_records(bool keep) { keep_records_ = keep; }
  /// The usual record's row views this parser's text and its cells' spans
  /// rather than copying them (RowCells::view_whole_record,
  /// view_record_spans): for a reader done with each row
  /// before it asks for the next and before the text changes — rows made
  /// one at a time from a batch's records (parse_records), not from text
  /// still being read.
  void set_view_records(bool view) { view_records_ = view; }

  std::string& text() { return text_; }
  std::vector<BadBytes>& bad() { return bad_; }
  void set_eof() { eof_ = true; }

  enum class Step { row, more, end };
  /// Skips blank lines and reads one record into `row`, reusing its
  /// storage: row.cells gets at most kMaxColumns cells and `cells` says how
  /// many the record had.
  Step next(Row& row, std::size_t& cells);
  /// Moves the whole records from where parsing is up to into `out`
  /// (reusing its storage), without parsing them, for another parser's
  /// parse_records — on another thread, while this one reads on. Blank
  /// lines before them are skipped. False when there is none: more input
  /// is needed (held() says how much is waiting), or the text is at its end.
  /// With a `limit`, only the whole records within its first `limit` bytes
  /// (as without one when no record ends within them).
  bool take_records(RecordText& out, std::size_t limit = kNoLimit);
  static constexpr std::size_t kNoLimit = ~std::size_t{0};
  /// Makes this parser read `records` as the whole of its input: next()
  /// then gives their rows and Step::end. The text is given back by
  /// give_back(), so that its storage is used again.
  void parse_records(RecordText& records);
  void give_back(RecordText& records);
  /// take_records without finding where the last whole record ends: all
  /// the text, open at its end unless the input ended, for a reader that
  /// parses each batch before it reads the next (one job), to which finding
  /// the cut would be a pass over the text for nothing. Before reading on,
  /// this parser must take_rest() what the batch's parse left.
  bool take_text(RecordText& out);
  /// Puts back the rest of a batch taken by take_text and parsed: the
  /// record its text did not complete, if any. This parser holds no text.
  void take_rest(RecordText& records);
  /// The line the next record starts on.
  std::uint64_t line() const { return line_; }
  /// Where in the text the next record (or the blank lines before it)
  /// starts.
  std::size_t offset() const { return i_; }
  /// Text held for the record not yet complete.
  std::size_t held() const { return text_.size() - i_; }
  /// Forgets the text already parsed, so the buffer holds one piece.
  void compact();
  /// Off: every record is read cell by cell — for the tests and the fuzz
  /// target that hold the two ways to the same rows. On by default.
  void set_block_records(bool on) { block_records_on_ = on; }
  /// Blocks are read the widest way the CPU has (csv_widest_scan); the
  /// tests and the fuzz target ask for narrower ones, and hold every way
  /// to the same rows. A way wider than the CPU has reads as the widest.
  void set_scan(CsvBlockScan scan) { scan_ = std::min(scan, csv_widest_scan()); }
  /// On: the records are bytes read in place (RecordText::in_place) that
  /// no decoder checked and the cache has not seen. The usual record's
  /// blocks are then checked for UTF-8 as they are read, where the CPU's
  /// way of reading them can (AVX2, AVX-512), moving utf8_checked_to()
  /// past it — the reader checks only what that leaves (RowStream's
  /// make_rows); a record with bytes that are not UTF-8 is read the slow
  /// way and not counted checked. And each block asks for the bytes
  /// kReadAhead further on, so that they come in while the records before
  /// them are worked on. Off by default; parse_records turns it off.
  void set_in_place(bool on) { in_place_ = on; }
  static constexpr std::size_t kReadAhead = 4 << 10;
  /// Bytes of the text before this offset are known to be UTF-8: by
  /// simple_record's check, or as the reader says (set_utf8_checked_to).
  std::size_t utf8_checked_to() const { return utf8_checked_to_; }
  void set_utf8_checked_to(std::size_t to) { utf8_checked_to_ = to; }
  /// How many records simple_record read: for tests and benchmarks, which
  /// must know that the usual record does not take the slow way.
  std::size_t block_records() const { return block_records_; }

 private:
  void problem(Row& row, std::string message, const char* code = nullptr);
  /// The usual record, its cells found with block masks (csv_block_masks):
  /// unquoted cells and quoted ones without doubled quotes, ended by a line
  /// break, no bytes the decoder could not read, fewer than kMaxColumns
  /// cells, whole blocks of text up to its end. Anything else returns
  /// false, with nothing changed, and next() reads the record cell by
  /// cell, which also words its problem.
  bool simple_record(Row& row);
  template <class Scan, class Utf8>
  bool simple_record_with(Row& row);
  bool simple_record_simd(Row& row);    ///< with AVX2 (csv_simd.cpp)
  bool simple_record_avx512(Row& row);  ///< with AVX-512 BW (csv_simd.cpp)
  /// Read the cell at i_ into cell_.
  void plain_cell(RowCells& cells, Row& row);
  void quoted_cell(RowCells& cells, Row& row);
  void add_part(RowCells& cells, std::size_t from, std::size_t to);
  /// Bytes the decoder could not read make the cell that holds them (the
  /// one that just ended) a row error: its text would be a guess.
  void check_bytes(Row& row) {
    if (next_bad_ < bad_.size() && bad_[next_bad_].offset < i_) report_bad_bytes(row);
  }
  void report_bad_bytes(Row& row);
  void end_of_line();
  void skip_blank_lines();

  /// What is parsed (in_): text_, held and appended to by the reader; or,
  /// while parse_records reads records in place, their bytes (viewing_).
  /// Every entry point that parses brings in_ up to date with text_ first
  /// (sync), since text() lets a decoder append to it.
  void sync() {
    if (!viewing_) in_ = text_;
  }
  std::string text_;
  std::string_view in_;
  bool viewing_ = false;
  std::vector<BadBytes> bad_;
  /// simple_record's cells, written without a capacity check each and
  /// handed to the row at once: kMaxColumns, made on first use.
  std::unique_ptr<RowCells::Span[]> spans_;
  bool eof_ = false;
  bool keep_records_ = false;
  bool view_records_ = false;
  bool in_place_ = false;
  std::size_t utf8_checked_to_ = 0;
  const std::string* encoding_ = nullptr;
  char delimiter_ = ',';
  std::string delimiter_name_ = ",";
  std::size_t i_ = 0;
  std::size_t next_bad_ = 0;
  std::uint64_t line_ = 1;
  std::size_t count_ = 0;  ///< cells of the record being read
  std::size_t block_records_ = 0;
  bool block_records_on_ = true;
  CsvBlockScan scan_ = csv_widest_scan();
  RowCells overflow_;      ///< cells past kMaxColumns are read into this and dropped
  /// The cell being read: text_[begin, end) while its parts follow one
  /// another (begin == end: nothing yet); once one does not (after a
  /// doubled or a closing quote) its text is copied into the row as it
  /// grows (`copied`).
  struct {
    std::size_t begin = 0, end = 0;
    bool copied = false;
  } cell_;
};

}  // namespace quanze
