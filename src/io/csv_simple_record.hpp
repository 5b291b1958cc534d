// CsvParser::simple_record's body, over the block operations of a Scan
// (csv_scan.hpp, csv_scan_avx2.hpp) and a check of UTF-8 on the same
// blocks (Utf8): csv_parser.cpp instantiates it for the baseline x86-64,
// without the check, csv_simd.cpp for CPUs with AVX2, with it.
#pragma once

#include <bit>

#include "io/csv_parser.hpp"
#include "io/csv_scan.hpp"
#include "quanze/row_stream.hpp"

namespace quanze {

/// simple_record_with's Utf8 for a way of reading blocks that does not
/// check them: utf8_checked_to() never moves, and RowStream checks the
/// records apart.
struct NoBlockUtf8Check {
  static constexpr bool kChecks = false;
  struct Carry {};
  static std::uint64_t errors(const char*, Carry&) { return 0; }
};

template <class Scan, class Utf8>
[[gnu::always_inline]] inline bool CsvParser::simple_record_with(Row& row) {
  const std::size_t start = i_, n = in_.size() - start;
  // Offsets below are from the record's start: a span is one subtraction.
  const char* const t = in_.data() + start;
  std::uint64_t carry = 0;  // all ones while a quoted cell goes on into the next block
  std::size_t quotes = 0, quoted_cells = 0;
  std::uint64_t lines = 0;
  std::size_t cell = 0;  // where the cell being read begins
  if (!spans_) spans_.reset(new RowCells::Span[kMaxColumns]);
  RowCells::Span* const spans = spans_.get();
  RowCells::Span* span = spans;  // the next cell's
  // Read in place, the record's bytes are checked as its blocks are read
  // when everything before it is known to be UTF-8, so that the check can
  // go on from there: the byte before a record is a line break, as the
  // zero Carry has it.
  const bool check_utf8 = Utf8::kChecks && in_place_ && utf8_checked_to_ >= start;
  typename Utf8::Carry utf8{};  // zero: as after ASCII
  for (std::size_t base = 0; base + 64 <= n; base += 64) {
    const CsvBlockMasks m = Scan::masks(t + base, delimiter_);
    const std::uint64_t inside = Scan::parity(m.quote) ^ carry;
    carry = std::uint64_t{0} - (inside >> 63);
    const std::uint64_t line = m.cr | m.lf;
    // Cells end at delimiters and line breaks outside quotes, read as if
    // every quote opened or closed a quoted cell; the count of quotes
    // checks that afterwards. Those of this record: up to its line break.
    const std::uint64_t ends = (m.delimiter | line) & ~inside;
    const std::uint64_t record_end = line & ends;
    // This record's bytes of the block: up to its line break, if in it.
    const std::uint64_t in_record = record_end ? record_end ^ (record_end - 1) : ~std::uint64_t{0};
    // Measured, one job: 3 % faster than asking for them record by record
    // in the reader's loop (and 4 KiB as good as 2 or 8).
    if (in_place_) __builtin_prefetch(t + base + kReadAhead);
    if (check_utf8) {
      // Errors past the record's line break are the next record's: that
      // byte ends any sequence left unfinished before it, and its error
      // shows there. A record with one goes the slow way, and RowStream's
      // check finds it.
      if (Utf8::errors(t + base, utf8) & in_record) return false;
    }
    std::uint64_t cells = ends & in_record;
    // A record that might pass kMaxColumns is read cell by cell, which
    // counts exactly. The check per block keeps it off each cell.
    if (static_cast<std::size_t>(span - spans) + static_cast<std::size_t>(Scan::count(cells)) > kMaxColumns)
      return false;
    if (!m.quote && t[cell] != '"') {
      // No cell that starts in this block is quoted (it has no quote), nor
      // the one going on into it: the usual block, each cell a span.
      for (; cells; cells &= cells - 1) {
        const std::size_t end = base + static_cast<std::size_t>(std::countr_zero(cells));
        *span++ = {cell, end - cell};
        cell = end + 1;
      }
    } else {
      for (; cells; cells &= cells - 1) {
        const std::size_t end = base + static_cast<std::size_t>(std::countr_zero(cells));
        if (t[cell] == '"') {
          if (end - cell < 2 || t[end - 1] != '"') return false;  // text after the closing quote
          ++quoted_cells;
          *span++ = {cell + 1, end - cell - 2};
        } else {
          *span++ = {cell, end - cell};
        }
        cell = end + 1;
      }
    }
    if (!record_end) {
      // Most blocks have neither: only one cell of a row is quoted, as a rule.
      if (m.quote) quotes += static_cast<std::size_t>(Scan::count(m.quote));
      if (m.lf) lines += static_cast<std::uint64_t>(Scan::count(m.lf));
      continue;
    }
    // The record's end. Its quotes must be exactly its quoted cells' first
    // and last bytes: any other is doubled ("") or stray, and the record is
    // read cell by cell. Its LFs are all inside quoted cells.
    const int k = std::countr_zero(record_end);
    const std::size_t end = base + static_cast<std::size_t>(k);
    const std::uint64_t before = (std::uint64_t{1} << k) - 1;
    if (m.quote & before) quotes += static_cast<std::size_t>(Scan::count(m.quote & before));
    if (m.lf & before) lines += static_cast<std::uint64_t>(Scan::count(m.lf & before));
    if (quotes != 2 * quoted_cells) return false;
    std::size_t next = end + 1;  // past the CR or LF
    if (t[end] == '\r' && next < n && t[next] == '\n') ++next;
    if (next >= n && t[end] == '\r' && !eof_) return false;  // a CR's LF may be in the next piece
    if (next_bad_ < bad_.size() && bad_[next_bad_].offset < start + end) return false;
    const std::string_view record(t, end);
    const bool keep = keep_records_ && delimiter_ == ',';
    const auto count = static_cast<std::size_t>(span - spans);
    if (view_records_) {
      row.cells.view_record_spans(spans, count);
      row.cells.view_whole_record(record, keep);
    } else {
      row.cells.assign_record_spans(spans, count);
      row.cells.set_whole_record(record, keep);
    }
    line_ += lines + 1;
    i_ = start + next;
    if (check_utf8) utf8_checked_to_ = std::max(utf8_checked_to_, i_);
    count_ = count;
    ++block_records_;
    return true;
  }
  return false;
}

}  // namespace quanze
