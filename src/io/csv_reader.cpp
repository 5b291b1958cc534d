// RFC 4180 CSV as Excel and WPS write it: quoted fields with "" escapes and
// line breaks inside quotes, UTF-8 with or without BOM, CRLF or LF. A bad
// row is kept with its problem, never dropped, so the item still appears in
// the output as status error.
#include <fmt/format.h>

#include "diag/codes.hpp"
#include "diag/utf8.hpp"
#include "io/header_match.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

class CsvParser {
 public:
  CsvParser(std::string_view bytes) : s_(bytes) {}

  bool at_end() const { return i_ >= s_.size(); }
  std::uint64_t line() const { return line_; }

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
      if (i_ < s_.size() && s_[i_] == ',') {
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
  void plain_cell(std::string& cell, Row& row) {
    std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '\n' && s_[i_] != '\r') {
      if (s_[i_] == '"' && row.problem.empty()) {
        row.problem = "a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")";
        row.problem_column = static_cast<std::uint32_t>(row.cells.size() + 1);
      }
      ++i_;
    }
    cell.assign(s_.substr(start, i_ - start));
  }

  void quoted_cell(std::string& cell, Row& row) {
    std::uint64_t opened = line_;
    ++i_;
    for (;;) {
      if (i_ >= s_.size()) {
        row.problem = fmt::format("the quote opened on line {} is never closed", opened);
        row.problem_column = static_cast<std::uint32_t>(row.cells.size() + 1);
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
    if (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '\n' && s_[i_] != '\r') {
      if (row.problem.empty()) {
        row.problem = "text after the closing quote of a cell; a quoted cell must end at , or the line's end";
        row.problem_column = static_cast<std::uint32_t>(row.cells.size() + 1);
      }
      std::string rest;
      plain_cell(rest, row);
      cell += rest;
    }
  }

  void end_of_line() {
    if (i_ < s_.size() && s_[i_] == '\r') ++i_;
    if (i_ < s_.size() && s_[i_] == '\n') ++i_;
    ++line_;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::uint64_t line_ = 1;
};

}  // namespace

bool read_csv(std::string_view bytes, Table& out, Diagnostics& diags) {
  out.headers.clear();
  out.rows.clear();
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (auto bad = utf8::first_invalid(bytes)) {
    utf8::Position at = utf8::position_of(bytes, *bad);
    diags.add({code::input_not_utf8, Severity::error, out.source, static_cast<std::uint32_t>(at.line),
               static_cast<std::uint32_t>(at.column),
               fmt::format("byte 0x{:02X} is not UTF-8: save the list as \"CSV UTF-8\" (a GBK/GB18030 "
                           "file must be converted first)",
                           static_cast<unsigned char>(bytes[*bad])),
               "", 1});
    return false;
  }
  CsvParser parser(bytes);
  parser.skip_blank_lines();
  if (parser.at_end()) {
    diags.add({code::bad_csv, Severity::error, out.source, 1, 1, "the list is empty: expected a header row", "", 1});
    return false;
  }
  Row header = parser.record();
  if (!header.problem.empty()) {
    diags.add({code::bad_csv, Severity::error, out.source, static_cast<std::uint32_t>(header.line), header.problem_column,
               "in the header row: " + header.problem, "", 1});
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
