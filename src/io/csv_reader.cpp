// RFC 4180 CSV as Excel and WPS write it: quoted fields with "" escapes and
// line breaks inside quotes, CRLF or LF; and the same with tabs, which is
// Excel's "Unicode text". The bytes are decoded first (text_encoding.cpp).
// A bad row is kept with its problem, never dropped, so the item still
// appears in the output as status error.
#include <fmt/format.h>

#include "diag/codes.hpp"
#include "io/header_match.hpp"
#include "io/text_encoding.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

class CsvParser {
 public:
  CsvParser(const DecodedText& text, char delimiter)
      : s_(text.text), bad_(text.bad), encoding_(text.encoding), delimiter_(delimiter),
        delimiter_name_(delimiter == '\t' ? "a tab" : std::string(1, delimiter)) {}

  bool at_end() const { return i_ >= s_.size(); }

  /// Reads one record. Returns the row; `problem` says what was wrong.
  Row record() {
    Row row;
    row.line = line_;
    for (;;) {
      std::string cell;
      bool quoted = i_ < s_.size() && s_[i_] == '"';
      if (quoted) quoted_cell(cell, row);
      else plain_cell(cell, row);
      row.cells.push_back(std::move(cell));
      check_bytes(row);
      if (i_ < s_.size() && s_[i_] == delimiter_) {
        ++i_;
        continue;
      }
      end_of_line();
      return row;
    }
  }

  /// Blank lines between records (and at the end) are skipped.
  void skip_blank_lines() {
    while (i_ < s_.size() && (s_[i_] == '\n' || s_[i_] == '\r')) end_of_line();
  }

 private:
  bool ends_cell(char c) const { return c == delimiter_ || c == '\n' || c == '\r'; }

  void problem(Row& row, std::string message, const char* code = nullptr) {
    if (!row.problem.empty()) return;
    row.problem = std::move(message);
    row.problem_column = static_cast<std::uint32_t>(row.cells.size() + 1);
    if (code) row.problem_code = code;
  }

  void plain_cell(std::string& cell, Row& row) {
    std::size_t start = i_;
    while (i_ < s_.size() && !ends_cell(s_[i_])) {
      if (s_[i_] == '"')
        problem(row, "a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")");
      ++i_;
    }
    cell.assign(s_.substr(start, i_ - start));
  }

  void quoted_cell(std::string& cell, Row& row) {
    std::uint64_t opened = line_;
    ++i_;
    for (;;) {
      if (i_ >= s_.size()) {
        problem(row, fmt::format("the quote opened on line {} is never closed", opened));
        return;
      }
      char c = s_[i_++];
      if (c == '"') {
        if (i_ < s_.size() && s_[i_] == '"') {
          cell += '"';
          ++i_;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      cell += c;
    }
    if (i_ < s_.size() && !ends_cell(s_[i_])) {
      problem(row, fmt::format("text after the closing quote of a cell; a quoted cell must end at {} or the "
                               "line's end",
                               delimiter_name_));
      std::string rest;
      plain_cell(rest, row);
      cell += rest;
    }
  }

  /// Bytes the decoder could not read make the cell that holds them (the
  /// one that just ended) a row error: its text would be a guess.
  void check_bytes(Row& row) {
    for (; next_bad_ < bad_.size() && bad_[next_bad_].offset < i_; ++next_bad_) {
      if (!row.problem.empty()) continue;
      row.problem = describe(bad_[next_bad_], encoding_) +
                    "; the cell cannot be read (is the list saved in another encoding? see --encoding)";
      row.problem_column = static_cast<std::uint32_t>(row.cells.size());
      row.problem_code = code::bad_encoding;
    }
  }

  void end_of_line() {
    if (i_ < s_.size() && s_[i_] == '\r') ++i_;
    if (i_ < s_.size() && s_[i_] == '\n') ++i_;
    ++line_;
  }

  std::string_view s_;
  const std::vector<BadBytes>& bad_;
  std::string_view encoding_;
  char delimiter_;
  std::string delimiter_name_;
  std::size_t i_ = 0;
  std::size_t next_bad_ = 0;
  std::uint64_t line_ = 1;
};

/// Tab-separated when the header line has tabs and no commas; comma-
/// separated when it has commas and no tabs; else `fallback`.
char sniff_delimiter(std::string_view text, char fallback) {
  std::string_view first = text.substr(0, text.find('\n'));
  bool tabs = first.find('\t') != std::string_view::npos, commas = first.find(',') != std::string_view::npos;
  if (tabs && !commas) return '\t';
  if (commas && !tabs) return ',';
  return fallback;
}

}  // namespace

bool read_csv(std::string_view bytes, Table& out, Diagnostics& diags) { return read_text(bytes, {}, out, diags); }

bool read_text(std::string_view bytes, const TextOptions& options, Table& out, Diagnostics& diags) {
  out.headers.clear();
  out.rows.clear();
  DecodedText decoded;
  std::string error;
  if (!decode_text(bytes, options.encoding, decoded, error)) {
    diags.add({code::bad_encoding, Severity::error, out.source, 1, 1, error, "", 1});
    return false;
  }
  char delimiter = options.sniff ? sniff_delimiter(decoded.text, options.delimiter) : options.delimiter;
  CsvParser parser(decoded, delimiter);
  parser.skip_blank_lines();
  if (parser.at_end()) {
    diags.add({code::bad_csv, Severity::error, out.source, 1, 1, "the list is empty: expected a header row", "", 1});
    return false;
  }
  Row header = parser.record();
  if (!header.problem.empty()) {
    diags.add({header.problem_code.empty() ? code::bad_csv : header.problem_code, Severity::error, out.source,
               static_cast<std::uint32_t>(header.line), header.problem_column, "in the header row: " + header.problem,
               "", 1});
    return false;
  }
  out.headers = std::move(header.cells);
  trim_headers(out.headers);
  if (!check_headers(out, static_cast<std::uint32_t>(header.line), false, diags)) return false;
  for (parser.skip_blank_lines(); !parser.at_end(); parser.skip_blank_lines()) {
    Row row = parser.record();
    if (row.problem.empty() && row.cells.size() != out.headers.size()) {
      row.problem = fmt::format("{} cells, but the header has {}", row.cells.size(), out.headers.size());
      row.problem_column = static_cast<std::uint32_t>(std::min(row.cells.size(), out.headers.size()) + 1);
    }
    out.rows.push_back(std::move(row));
  }
  return true;
}

}  // namespace quanze
