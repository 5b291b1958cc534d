// RFC 4180 CSV as Excel and WPS write it: quoted fields with "" escapes and
// line breaks inside quotes, CRLF or LF; and the same with tabs, which is
// Excel's "Unicode text". A bad row is kept with its problem, never
// dropped, so the item still appears in the output as status error.
#include "io/csv_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "diag/codes.hpp"
#include "io/csv_scan.hpp"
#include "io/csv_simple_record.hpp"
#include "io/record_cut.hpp"
#include "quanze/row_stream.hpp"

namespace quanze {
namespace {

/// Moves the bad bytes of `from`, from entry `first` on, whose offsets lie
/// in [begin, end) to `to`, their offsets counted from `begin`; returns the
/// first entry at or past `end`. Text handed between parsers carries its
/// bad bytes this way.
std::size_t move_bad_bytes(std::vector<BadBytes>& from, std::size_t first, std::size_t begin, std::size_t end,
                           std::vector<BadBytes>& to) {
  for (; first < from.size() && from[first].offset < end; ++first) {
    if (from[first].offset < begin) continue;
    to.push_back(std::move(from[first]));
    to.back().offset -= begin;
  }
  return first;
}

constexpr std::size_t kToTheEnd = ~std::size_t{0};

}  // namespace

CsvParser::CsvParser() { set_delimiter(','); }

void CsvParser::set_delimiter(char delimiter) {
  delimiter_ = delimiter;
  delimiter_name_ = delimiter == '\t' ? "a tab" : std::string(1, delimiter);
}

CsvParser::Step CsvParser::next(Row& row, std::size_t& cells) {
  sync();
  skip_blank_lines();
  if (i_ >= in_.size()) return eof_ ? Step::end : Step::more;
  const std::size_t start = i_, bad_start = next_bad_;
  const std::uint64_t line_start = line_;
  row.line = line_;
  row.problem.clear();
  row.problem_column = 0;
  row.problem_code.clear();
  count_ = 0;
  row.cells.clear();
  if (block_records_on_ && simple_record(row)) {
    cells = count_;
    return Step::row;
  }
  row.cells.clear();
  std::size_t record_end = start;
  for (;;) {
    // Past kMaxColumns, cells are read into overflow_ and dropped.
    RowCells& cells_to = count_ < kMaxColumns ? row.cells : (overflow_.clear(), overflow_);
    // Not {i_, i_}: GCC copied that as 16 bytes read around i_, just after
    // plain_cell had stored i_ alone — a store-forwarding stall on every
    // cell, the parser's hottest instruction.
    cell_ = {0, 0, false};
    bool quoted = i_ < in_.size() && in_[i_] == '"';
    if (quoted) quoted_cell(cells_to, row);
    else plain_cell(cells_to, row);
    if (!cell_.copied) cells_to.push_span(cell_.begin == cell_.end ? 0 : cell_.begin - start, cell_.end - cell_.begin);
    ++count_;
    check_bytes(row);
    if (i_ < in_.size() && in_[i_] == delimiter_) {
      ++i_;
      continue;
    }
    record_end = i_;
    end_of_line();
    break;
  }
  // What ended at the end of the text may go on in the next piece — but
  // not a record a line feed ended (a CR may yet have its LF).
  if (!eof_ && i_ >= in_.size() && !(i_ > record_end && in_[i_ - 1] == '\n')) {
    i_ = start;
    next_bad_ = bad_start;
    line_ = line_start;
    return Step::more;
  }
  row.cells.set_record(std::string_view(in_).substr(start, record_end - start), keep_records_ && delimiter_ == ',');
  cells = count_;
  return Step::row;
}

bool CsvParser::simple_record(Row& row) {
#if defined(__x86_64__)
  switch (scan_) {
    case CsvBlockScan::avx512: return simple_record_avx512(row);
    case CsvBlockScan::avx2: return simple_record_simd(row);
    case CsvBlockScan::baseline: break;
  }
#endif
  return simple_record_with<BaselineScan, NoBlockUtf8Check>(row);
}

bool CsvParser::take_records(RecordText& out, std::size_t limit) {
  sync();
  skip_blank_lines();
  if (i_ >= text_.size()) return false;
  std::size_t end = text_.size();
  std::uint64_t lines = 0;  // not needed at the end: nothing follows
  RecordCut cut;
  if (limit < text_.size() - i_)
    cut = last_record_end(std::string_view(text_).substr(0, i_ + limit), i_, delimiter_);
  if (cut.end <= i_ && !eof_) {
    cut = last_record_end(text_, i_, delimiter_);
    if (cut.end == i_) return false;
  }
  if (cut.end > i_) {
    end = cut.end;
    lines = cut.lines;
  }
  out.open_end = false;
  out.line = line_;
  out.bad.clear();
  next_bad_ = move_bad_bytes(bad_, next_bad_, i_, end, out.bad);
  bad_.erase(bad_.begin(), bad_.begin() + static_cast<std::ptrdiff_t>(next_bad_));
  for (BadBytes& b : bad_) b.offset -= end;
  // The records are nearly all of the text: the buffers trade places and
  // what follows them, part of one record, is copied back.
  out.text.swap(text_);
  text_.assign(out.text, end);
  out.text.resize(end);
  out.text.erase(0, i_);
  i_ = 0;
  next_bad_ = 0;
  line_ += lines;
  return true;
}

bool CsvParser::take_text(RecordText& out) {
  sync();
  skip_blank_lines();
  if (i_ >= text_.size()) return false;
  out.line = line_;
  out.open_end = !eof_;
  out.rest = 0;
  out.bad.clear();
  move_bad_bytes(bad_, next_bad_, i_, kToTheEnd, out.bad);
  bad_.clear();
  out.text.swap(text_);
  out.text.erase(0, i_);
  text_.clear();
  i_ = 0;
  next_bad_ = 0;
  return true;
}

void CsvParser::take_rest(RecordText& records) {
  if (!records.open_end) return;
  records.open_end = false;
  text_.assign(records.text, records.rest);
  bad_.clear();
  move_bad_bytes(records.bad, 0, records.rest, kToTheEnd, bad_);
  i_ = 0;
  next_bad_ = 0;
  line_ = records.line;
}

void CsvParser::parse_records(RecordText& records) {
  text_.swap(records.text);
  bad_.swap(records.bad);
  viewing_ = records.in_place.data() != nullptr;
  in_ = viewing_ ? records.in_place : std::string_view(text_);
  i_ = 0;
  in_place_ = false;
  utf8_checked_to_ = 0;
  next_bad_ = 0;
  line_ = records.line;
  eof_ = !records.open_end;
}

void CsvParser::give_back(RecordText& records) {
  if (records.open_end) {
    records.rest = i_;
    records.line = line_;
  }
  text_.swap(records.text);
  bad_.swap(records.bad);
  viewing_ = false;
  in_ = {};
}

void CsvParser::compact() {
  text_.erase(0, i_);
  bad_.erase(bad_.begin(), bad_.begin() + static_cast<std::ptrdiff_t>(next_bad_));
  for (BadBytes& b : bad_) b.offset -= i_;
  i_ = 0;
  next_bad_ = 0;
}

void CsvParser::problem(Row& row, std::string message, const char* code) {
  if (!row.problem.empty()) return;
  row.problem = std::move(message);
  row.problem_column = static_cast<std::uint32_t>(count_ + 1);
  if (code) row.problem_code = code;
}

void CsvParser::plain_cell(RowCells& cells, Row& row) {
  std::size_t start = i_;
  const std::size_t n = in_.size();
  for (;;) {
    i_ = find_csv_special(in_.data(), i_, n, delimiter_);
    if (i_ < n && in_[i_] == '"') {
      problem(row, "a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")");
      ++i_;
      continue;
    }
    break;
  }
  if (!cell_.copied && cell_.begin == cell_.end) cell_ = {start, i_, false};  // the usual cell, unquoted
  else add_part(cells, start, i_);
}

/// Parts are added in order; empty ones change nothing.
void CsvParser::add_part(RowCells& cells, std::size_t from, std::size_t to) {
  if (from == to) return;
  const std::string_view text = in_;
  if (cell_.copied) {
    cells.append_to_back(text.substr(from, to - from));
  } else if (cell_.begin == cell_.end) {
    cell_.begin = from;
    cell_.end = to;
  } else if (from == cell_.end) {
    cell_.end = to;
  } else {
    cells.push_back(text.substr(cell_.begin, cell_.end - cell_.begin));
    cells.append_to_back(text.substr(from, to - from));
    cell_.copied = true;
  }
}

void CsvParser::quoted_cell(RowCells& cells, Row& row) {
  std::uint64_t opened = line_;
  ++i_;
  for (;;) {
    std::size_t quote = in_.find('"', i_);
    std::size_t end = quote == std::string_view::npos ? in_.size() : quote;
    line_ += static_cast<std::uint64_t>(std::count(in_.begin() + static_cast<std::ptrdiff_t>(i_),
                                                   in_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    add_part(cells, i_, end);
    i_ = end;
    if (quote == std::string_view::npos) {
      problem(row, fmt::format("the quote opened on line {} is never closed", opened));
      return;
    }
    ++i_;
    if (i_ < in_.size() && in_[i_] == '"') {
      add_part(cells, i_ - 1, i_);  // the first of the two quotes
      ++i_;
      continue;
    }
    break;
  }
  if (i_ < in_.size() && in_[i_] != delimiter_ && in_[i_] != '\n' && in_[i_] != '\r') {
    problem(row, fmt::format("text after the closing quote of a cell; a quoted cell must end at {} or the "
                             "line's end",
                             delimiter_name_));
    plain_cell(cells, row);
  }
}

void CsvParser::report_bad_bytes(Row& row) {
  for (; next_bad_ < bad_.size() && bad_[next_bad_].offset < i_; ++next_bad_) {
    if (!row.problem.empty()) continue;
    row.problem = describe(bad_[next_bad_], encoding_ ? *encoding_ : "UTF-8") +
                  "; the cell cannot be read (is the list saved in another encoding? see --encoding)";
    row.problem_column = static_cast<std::uint32_t>(count_);
    row.problem_code = code::bad_encoding;
  }
}

void CsvParser::end_of_line() {
  if (i_ < in_.size() && in_[i_] == '\r') ++i_;
  if (i_ < in_.size() && in_[i_] == '\n') ++i_;
  ++line_;
}

/// Blank lines between records (and at the end) are skipped; a CR at the
/// end of the text waits for the LF that may follow it.
void CsvParser::skip_blank_lines() {
  while (i_ < in_.size() && (in_[i_] == '\n' || in_[i_] == '\r')) {
    if (!eof_ && in_[i_] == '\r' && i_ + 1 == in_.size()) return;
    end_of_line();
  }
}

}  // namespace quanze
