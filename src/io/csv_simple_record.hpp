// CsvParser::simple_record's body, over the block operations of a Scan
// (csv_scan.hpp, csv_scan_avx2.hpp): csv_parser.cpp instantiates it for
// the baseline x86-64, csv_simd.cpp for CPUs with AVX2.
#pragma once

#include <bit>

#include "io/csv_parser.hpp"
#include "io/csv_scan.hpp"
#include "quanze/row_stream.hpp"

namespace quanze {

template <class Scan>
[[gnu::always_inline]] inline bool CsvParser::simple_record_with(Row& row) {
  const std::size_t start = i_, n = text_.size();
  const char* t = text_.data();
  std::uint64_t carry = 0;  // all ones while a quoted cell goes on into the next block
  std::size_t quotes = 0, quoted_cells = 0, count = 0;
  std::uint64_t lines = 0;
  std::size_t cell = start;  // where the cell being read begins
  if (!spans_) spans_.reset(new RowCells::Span[kMaxColumns]);
  RowCells::Span* const spans = spans_.get();
  for (std::size_t base = start; base + 64 <= n; base += 64) {
    const CsvBlockMasks m = Scan::masks(t + base, delimiter_);
    const std::uint64_t inside = Scan::parity(m.quote) ^ carry;
    carry = std::uint64_t{0} - (inside >> 63);
    const std::uint64_t line = m.cr | m.lf;
    // Cells end at delimiters and line breaks outside quotes, read as if
    // every quote opened or closed a quoted cell; the count of quotes
    // checks that afterwards.
    std::uint64_t ends = (m.delimiter | line) & ~inside;
    // The block's ends may be more than the record's cells (the next
    // records'): a record that might pass kMaxColumns is read cell by cell,
    // which counts exactly. The check per block keeps it off each cell.
    if (count + static_cast<std::size_t>(Scan::count(ends)) > kMaxColumns) return false;
    for (; ends; ends &= ends - 1) {
      const int k = std::countr_zero(ends);
      const std::size_t end = base + static_cast<std::size_t>(k);
      if (t[cell] == '"') {
        if (end - cell < 2 || t[end - 1] != '"') return false;  // text after the closing quote
        ++quoted_cells;
        spans[count] = {cell + 1 - start, end - cell - 2};
      } else {
        spans[count] = {cell - start, end - cell};
      }
      ++count;
      cell = end + 1;
      if (!(line >> k & 1)) continue;
      // The record's end. Its quotes must be exactly its quoted cells'
      // first and last bytes: any other is doubled ("") or stray, and the
      // record is read cell by cell. Its LFs are all inside quoted cells.
      const std::uint64_t before = (std::uint64_t{1} << k) - 1;
      if (m.quote & before) quotes += static_cast<std::size_t>(Scan::count(m.quote & before));
      if (m.lf & before) lines += static_cast<std::uint64_t>(Scan::count(m.lf & before));
      if (quotes != 2 * quoted_cells) return false;
      std::size_t next = end + 1;  // past the CR or LF
      if (t[end] == '\r' && next < n && t[next] == '\n') ++next;
      if (next >= n && !eof_) return false;  // a CR's LF may be in the next piece
      if (next_bad_ < bad_.size() && bad_[next_bad_].offset < end) return false;
      const std::string_view record = std::string_view(text_).substr(start, end - start);
      const bool keep = keep_records_ && delimiter_ == ',';
      if (view_records_) {
        row.cells.view_record_spans(spans, count);
        row.cells.view_whole_record(record, keep);
      } else {
        row.cells.assign_record_spans(spans, count);
        row.cells.set_whole_record(record, keep);
      }
      line_ += lines + 1;
      i_ = next;
      count_ = count;
      ++block_records_;
      return true;
    }
    // Most blocks have neither: only one cell of a row is quoted, as a rule.
    if (m.quote) quotes += static_cast<std::size_t>(Scan::count(m.quote));
    if (m.lf) lines += static_cast<std::uint64_t>(Scan::count(m.lf));
  }
  return false;
}

}  // namespace quanze
