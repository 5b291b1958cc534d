// A form as an XLSX workbook through libxlsxwriter: the combined sheet and
// one per department, each with a title row, a bold header row and the
// items, numbers as numbers.
#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>

#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "quanze/report.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

/// libxlsxwriter stamps docProps/core.xml with the time of writing unless
/// told a time; a fixed one makes the same form give the same bytes.
constexpr time_t kFixedCreated = 946684800;  // 2000-01-01T00:00:00Z

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* number = nullptr;
};

Formats add_formats(lxw_workbook* book) {
  Formats f;
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.header = workbook_add_format(book);
  format_set_bold(f.header);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.text = workbook_add_format(book);
  format_set_border(f.text, LXW_BORDER_THIN);
  format_set_text_wrap(f.text);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_CENTER);
  f.number = workbook_add_format(book);
  format_set_border(f.number, LXW_BORDER_THIN);
  format_set_align(f.number, LXW_ALIGN_CENTER);
  format_set_align(f.number, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

/// Writes one sheet; false with `error` naming the sheet and cell.
bool write_sheet(lxw_workbook* book, const Formats& f, const FormSheet& sheet, std::string& error) {
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.name.c_str());
  if (!ws) {
    error = fmt::format("cannot add the sheet \"{}\"", sheet.name);
    return false;
  }
  auto last_col = static_cast<lxw_col_t>(sheet.columns.size() - 1);
  lxw_error e = worksheet_merge_range(ws, 0, 0, 0, last_col, sheet.title.c_str(), f.title);
  worksheet_set_row(ws, 0, 30, nullptr);
  for (std::size_t c = 0; c < sheet.columns.size() && e == LXW_NO_ERROR; ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, sheet.columns[c].width, nullptr);
    e = worksheet_write_string(ws, 1, col, sheet.columns[c].header.c_str(), f.header);
  }
  for (std::size_t r = 0; r < sheet.rows.size() && e == LXW_NO_ERROR; ++r) {
    auto row = static_cast<lxw_row_t>(r + 2);
    const std::vector<FormCell>& cells = sheet.rows[r];
    for (std::size_t c = 0; c < cells.size() && e == LXW_NO_ERROR; ++c) {
      auto col = static_cast<lxw_col_t>(c);
      const FormCell& cell = cells[c];
      if (cell.number) e = worksheet_write_number(ws, row, col, *cell.number, f.number);
      else if (cell.text.empty()) e = worksheet_write_blank(ws, row, col, f.text);
      else e = worksheet_write_string(ws, row, col, cell.text.c_str(), f.text);
      if (e != LXW_NO_ERROR)
        error = fmt::format("sheet \"{}\", row {}, column {}: {}", sheet.name, r + 3, c + 1, lxw_strerror(e));
    }
  }
  if (e != LXW_NO_ERROR) {
    if (error.empty()) error = fmt::format("sheet \"{}\": {}", sheet.name, lxw_strerror(e));
    return false;
  }
  worksheet_freeze_panes(ws, 2, 0);  // title and headers stay in view
  return true;
}

/// libxlsxwriter prints its own "[ERROR][./src/packager.c:1541]: …" lines
/// when a write fails; the caller says what went wrong in the user's terms
/// (the file, File too large), so while the workbook is closed those lines
/// go nowhere. errno, which says why a write failed, is kept.
class QuietStderr {
 public:
  QuietStderr() {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ >= 0 && null >= 0) dup2(null, STDERR_FILENO);
    if (null >= 0) close(null);
  }
  ~QuietStderr() {
    int error = errno;
    std::fflush(stderr);
    if (saved_ >= 0) {
      dup2(saved_, STDERR_FILENO);
      close(saved_);
    }
    errno = error;
  }
  QuietStderr(const QuietStderr&) = delete;
  QuietStderr& operator=(const QuietStderr&) = delete;

 private:
  int saved_ = -1;
};

/// libxlsxwriter writes each sheet to a temporary file before zipping it
/// and does not check those writes: past `ulimit -f`, or on a full disk, a
/// sheet is cut short and the workbook still closes without an error. So
/// the workbook is read back, and every sheet must hold every row written.
bool read_back(const std::string& path, const std::vector<FormSheet>& sheets, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const FormSheet& sheet : sheets) {
    XlsxOptions options;
    options.sheet = sheet.name;
    for (const FormColumn& c : sheet.columns) options.headers.push_back(c.header);
    Table table;
    Diagnostics diags;
    if (!in || !read_xlsx(bytes, table, diags, options) || table.rows.size() != sheet.rows.size()) {
      error = fmt::format("the workbook read back is incomplete (sheet \"{}\": {} of {} rows); is the disk full, "
                          "or a file size limit reached?",
                          sheet.name, table.rows.size(), sheet.rows.size());
      return false;
    }
  }
  return true;
}

}  // namespace

bool write_form_xlsx(const Form& form, const std::vector<std::string>& departments, const std::string& path,
                     std::string& error) {
  lxw_workbook_options options{};
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) {
    error = "cannot create the workbook " + path;
    return false;
  }
  lxw_doc_properties properties{};
  std::string title = form.title;
  properties.title = title.data();
  properties.created = kFixedCreated;
  workbook_set_properties(book, &properties);
  Formats formats = add_formats(book);
  bool ok = true;
  const std::vector<FormSheet> sheets = form_sheets(form, departments);
  for (const FormSheet& sheet : sheets)
    if (!write_sheet(book, formats, sheet, error)) {
      ok = false;
      break;
    }
  // Closing writes the file, and frees the workbook even after an error.
  lxw_error closed = LXW_NO_ERROR;
  {
    QuietStderr quiet;
    closed = workbook_close(book);
  }
  if (ok && closed != LXW_NO_ERROR) {
    error = fmt::format("cannot write {}: {}", path, lxw_strerror(closed));
    ok = false;
  }
  return ok && read_back(path, sheets, error);
}

}  // namespace quanze
