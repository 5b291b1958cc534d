// One sheet of an XLSX workbook as a list. Sheets of real department lists
// often open with a title (兴安盟某局权责清单) and a blank row above the
// header: the header row is found by the schema's headers. Rows are read as
// they are unpacked (xml_elements.hpp), so a large sheet never sits in
// memory as XML.
#include <fmt/format.h>

#include <charconv>
#include <set>

#include "diag/codes.hpp"
#include "io/header_match.hpp"
#include "io/text_encoding.hpp"
#include "io/xlsx.hpp"
#include "io/xml_elements.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

using xlsx::column_name;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

/// A row as the sheet has it: only the cells that hold something.
struct SheetRow {
  std::uint64_t number = 0;
  std::vector<std::pair<std::uint32_t, std::string>> cells;  ///< 1-based column, text
  std::size_t filled = 0;                                    ///< cells that are not blank
  std::string problem;
  std::uint32_t problem_column = 0;
  const char* problem_code = code::bad_sheet_cell;
};

/// "2023-01-05T00:00:00" (a t="d" cell) as a date, with its time only
/// when it has one.
std::string iso_date(std::string_view v) {
  std::size_t t = v.find('T');
  if (t == std::string_view::npos) return std::string(v);
  std::string_view time = v.substr(t + 1);
  if (time.starts_with("00:00:00") && time.find_first_not_of("0:.Z", 8) == std::string_view::npos)
    return std::string(v.substr(0, t));
  return std::string(v.substr(0, t)) + " " + std::string(time.substr(0, 8));
}

class SheetReader {
 public:
  SheetReader(const xlsx::Workbook& book, const xlsx::Sheet& sheet, const std::vector<std::string>& schema,
              Table& out, Diagnostics& diags)
      : book_(book), sheet_(sheet), out_(out), diags_(diags), header_test_(schema) {
  }

  bool failed() const { return failed_; }

  /// One <row>; false once the list cannot be read.
  bool add(const pugi::xml_node& node) {
    SheetRow row = convert(node);
    if (have_header_) {
      emit(std::move(row));
      return true;
    }
    if (row.filled == 0 && row.problem.empty()) return true;  // blank rows
    pending_.push_back(std::move(row));
    if (names_schema(pending_.back())) return choose_header(pending_.size() - 1);
    if (pending_.size() == HeaderRowTest::kSearchRows) return choose_header(most_filled());
    return true;
  }

  bool finish() {
    if (failed_) return false;
    if (have_header_) return true;
    if (pending_.empty()) {
      diags_.add({code::bad_xlsx, Severity::error, out_.source, 0, 0,
                  fmt::format("the sheet \"{}\" is empty: expected a header row and a row per item", sheet_.name),
                  "", 1});
      return false;
    }
    return choose_header(most_filled());
  }

 private:
  SheetRow convert(const pugi::xml_node& node) {
    SheetRow row;
    row.number = node.attribute("r").as_ullong();
    if (row.number == 0) row.number = last_row_ + 1;
    last_row_ = row.number;
    std::uint32_t column = 0;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || !is_named(c, "c")) continue;
      std::uint32_t at = xlsx::column_of(c.attribute("r").value());
      column = at ? at : column + 1;
      std::string text, problem;
      std::string ref = fmt::format("{}{}", column_name(column), row.number);
      cell(c, ref, text, problem);
      // pugixml hands over the XML's bytes unchecked; a cell's text must be
      // UTF-8 before anything downstream reads or writes it.
      if (std::vector<BadBytes> bad = replace_invalid_utf8(text); !bad.empty() && row.problem.empty()) {
        row.problem = fmt::format("cell {}: {}; the cell cannot be read (the workbook's XML is not UTF-8)", ref,
                                  describe(bad.front(), "UTF-8"));
        row.problem_column = column;
        row.problem_code = code::bad_encoding;
      }
      if (!problem.empty() && row.problem.empty()) {
        row.problem = std::move(problem);
        row.problem_column = column;
      }
      if (text.empty()) continue;
      if (!blank(text)) ++row.filled;
      row.cells.emplace_back(column, std::move(text));
    }
    return row;
  }

  /// The text Excel shows for cell `c` at `ref`, or why there is none.
  void cell(const pugi::xml_node& c, const std::string& ref, std::string& text, std::string& problem) const {
    std::string_view type = c.attribute("t").value();
    std::string_view raw = child_named(c, "v").text().get();
    if (type == "inlineStr") {
      text = xlsx::string_item(child_named(c, "is"));
    } else if (raw.empty()) {
      // no value: an empty cell that only carries a style
    } else if (type == "s") {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
      if (ec != std::errc() || end != raw.data() + raw.size() || index >= book_.shared_strings.size())
        problem = fmt::format("cell {} refers to shared string {}, but the workbook has {}", ref, raw,
                              book_.shared_strings.size());
      else
        text = book_.shared_strings[index];
    } else if (type == "str") {
      text = xlsx::unescape(raw);
    } else if (type == "b") {
      if (raw == "1") text = "TRUE";
      else if (raw == "0") text = "FALSE";
      else problem = fmt::format("cell {} should hold TRUE or FALSE but holds \"{}\"", ref, raw);
    } else if (type == "e") {
      problem = fmt::format("cell {} holds the Excel error {}: correct its formula or its value", ref, raw);
    } else if (type == "d") {
      text = iso_date(raw);
    } else {
      double value = 0;
      auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
      if (ec != std::errc() || end != raw.data() + raw.size()) {
        problem = fmt::format("cell {} should hold a number but holds \"{}\"", ref, raw);
        return;
      }
      std::size_t style = c.attribute("s").as_uint();
      xlsx::NumberStyle kind = style < book_.styles.size() ? book_.styles[style] : xlsx::NumberStyle::number;
      if (kind == xlsx::NumberStyle::number || !xlsx::format_serial(value, kind, book_.date1904, text))
        text = xlsx::number_text(value);
    }
  }

  bool names_schema(const SheetRow& row) const {
    std::vector<std::string_view> texts;
    for (const auto& [column, text] : row.cells) texts.push_back(text);
    return header_test_.is_header(texts);
  }

  std::size_t most_filled() const {
    std::size_t best = 0;
    for (std::size_t i = 1; i < pending_.size(); ++i)
      if (pending_[i].filled > pending_[best].filled) best = i;
    return best;
  }

  /// Takes pending row `index` as the header; rows above it are the
  /// sheet's title, rows below it are items.
  bool choose_header(std::size_t index) {
    const SheetRow& header = pending_[index];
    header_row_ = header.number;
    if (!header.problem.empty()) {
      diags_.add({code::bad_sheet_cell, Severity::error, out_.source, static_cast<std::uint32_t>(header.number),
                  header.problem_column, "in the header row: " + header.problem, "", 1});
      return fail();
    }
    std::uint32_t width = 0;
    for (const auto& [column, text] : header.cells)
      if (!blank(text)) width = std::max(width, column);
    out_.headers.assign(width, std::string());
    for (const auto& [column, text] : header.cells)
      if (column <= width) out_.headers[column - 1] = text;
    trim_headers(out_.headers);
    // A blank margin column, or a column whose header is a merged cell's
    // empty part, has no header; only a value under it is a problem.
    if (!check_headers(out_, static_cast<std::uint32_t>(header.number), true, diags_)) return fail();
    headed_.clear();
    for (const std::string& h : out_.headers) headed_.push_back(!header_key(h).empty());
    have_header_ = true;
    for (std::size_t i = index + 1; i < pending_.size(); ++i) emit(std::move(pending_[i]));
    pending_.clear();
    return true;
  }

  void emit(SheetRow&& sheet_row) {
    if (sheet_row.filled == 0 && sheet_row.problem.empty()) return;  // blank rows, as blank CSV lines
    Row row;
    row.line = sheet_row.number;
    row.cells.resize(out_.headers.size());
    row.problem = std::move(sheet_row.problem);
    row.problem_column = sheet_row.problem_column;
    for (auto& [column, text] : sheet_row.cells) {
      if (column <= headed_.size() && headed_[column - 1]) {
        row.cells.set(column - 1, text);
      } else if (!blank(text) && row.problem.empty()) {
        row.problem = fmt::format("cell {}{} has a value, but column {} has no header (the header row is row {})",
                                  column_name(column), row.line, column_name(column), header_row_);
        row.problem_column = column;
      }
    }
    if (!row.problem.empty()) row.problem_code = sheet_row.problem_code;
    out_.rows.push_back(std::move(row));
  }

  bool fail() {
    failed_ = true;
    return false;
  }

  const xlsx::Workbook& book_;
  const xlsx::Sheet& sheet_;
  Table& out_;
  Diagnostics& diags_;
  HeaderRowTest header_test_;
  std::vector<SheetRow> pending_;
  bool have_header_ = false;
  bool failed_ = false;
  std::uint64_t header_row_ = 0;
  std::uint64_t last_row_ = 0;
  std::vector<bool> headed_;
};

/// The sheet asked for by name (exactly, else once folded as headers
/// are), or the first visible worksheet.
const xlsx::Sheet* choose_sheet(const xlsx::Workbook& book, const std::string& name) {
  if (name.empty()) {
    for (const xlsx::Sheet& s : book.sheets)
      if (!s.hidden && !s.chart) return &s;
    for (const xlsx::Sheet& s : book.sheets)
      if (!s.chart) return &s;
    return &book.sheets.front();
  }
  for (const xlsx::Sheet& s : book.sheets)
    if (s.name == name) return &s;
  const xlsx::Sheet* folded = nullptr;
  for (const xlsx::Sheet& s : book.sheets) {
    if (header_key(s.name) != header_key(name)) continue;
    if (folded) return nullptr;  // ambiguous
    folded = &s;
  }
  return folded;
}

}  // namespace

bool read_xlsx(std::string_view bytes, Table& out, Diagnostics& diags, const XlsxOptions& options) {
  out.headers.clear();
  out.rows.clear();
  auto fail = [&](const char* code, std::string message) {
    diags.add({code, Severity::error, out.source, 0, 0, std::move(message), "", 1});
    return false;
  };
  auto failed = [&](const ZipFailure& f) { return fail(f.too_large ? code::input_too_large : code::bad_xlsx, f.message); };
  if (bytes.starts_with("\xD0\xCF\x11\xE0"))
    return fail(code::bad_xlsx, "an Excel 97-2003 workbook (.xls), or a workbook with a password: save it as an "
                                "Excel Workbook (.xlsx) without a password");
  ZipLimits limits;
  limits.max_unpacked = options.max_unpacked;
  limits.max_ratio = options.max_ratio;
  ZipArchive zip(limits);
  ZipFailure failure;
  xlsx::Workbook book;
  if (!zip.open(bytes, failure) || !xlsx::open_workbook(zip, book, failure)) return failed(failure);
  const xlsx::Sheet* sheet = choose_sheet(book, options.sheet);
  if (!sheet) {
    std::string names;
    for (const xlsx::Sheet& s : book.sheets) names += (names.empty() ? "" : ", ") + s.name + (s.hidden ? " (hidden)" : "");
    return fail(code::no_such_sheet, fmt::format("the workbook has no sheet \"{}\"; its sheets are: {}", options.sheet, names));
  }
  if (sheet->chart || sheet->part.empty())
    return fail(code::bad_xlsx, fmt::format("the sheet \"{}\" is a chart, not a table of items; choose another "
                                            "with --sheet",
                                            sheet->name));
  if (!xlsx::read_styles(zip, book, failure) || !xlsx::read_shared_strings(zip, book, failure)) return failed(failure);

  SheetReader reader(book, *sheet, options.headers, out, diags);
  ElementStream rows("row", [&](const pugi::xml_node& row) { return reader.add(row); });
  std::string error;
  if (!zip.stream(sheet->part, [&](std::string_view piece) { return rows.feed(piece, error); }, failure))
    return failed(failure);
  if (!reader.failed() && error.empty()) rows.finish(error);
  if (reader.failed()) return false;
  if (!error.empty()) return fail(code::bad_xlsx, fmt::format("{} is {}", sheet->part, error));
  return reader.finish();
}

}  // namespace quanze
