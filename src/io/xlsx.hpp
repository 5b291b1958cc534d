// The parts of an XLSX workbook the reader needs, and how a cell's stored
// value becomes the text Excel shows. Shared by the workbook, cell and
// sheet halves of the reader.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/zip_archive.hpp"

namespace quanze::xlsx {

/// What a cell's number format makes of its number.
enum class NumberStyle : std::uint8_t { number, date, time, date_time };

struct Sheet {
  std::string name;
  std::string part;  ///< e.g. xl/worksheets/sheet1.xml
  bool hidden = false;
  bool chart = false;  ///< a chartsheet: no cells
};

struct Workbook {
  std::vector<Sheet> sheets;  ///< in tab order
  std::string shared_strings_part, styles_part;
  bool date1904 = false;
  std::vector<std::string> shared_strings;
  std::vector<NumberStyle> styles;  ///< per cell format (the s="…" of a cell)
};

/// Reads the package's relationships and workbook.xml: the sheets and
/// where the shared strings and styles are. False with `failure` when the
/// archive is not a workbook.
bool open_workbook(ZipArchive& zip, Workbook& out, ZipFailure& failure);

/// Reads the number formats of styles.xml and every shared string.
bool read_styles(ZipArchive& zip, Workbook& book, ZipFailure& failure);
bool read_shared_strings(ZipArchive& zip, Workbook& book, ZipFailure& failure);

/// The style of a number format: built-in ids as Excel (Chinese locale
/// included) defines them, other formats by their code's date and time
/// letters.
NumberStyle style_of_format(unsigned id, const char* code);

/// "yyyy-mm-dd", "hh:mm:ss" or both, for an Excel serial date; false when
/// the number is not a date Excel could show.
bool format_serial(double serial, NumberStyle style, bool date1904, std::string& out);

/// The text of a string item (<si>, <is>): its <t>, or its runs' <t>s
/// joined (rich text), without phonetic runs; _xHHHH_ escapes decoded.
std::string string_item(const pugi::xml_node& item);

/// Decodes OOXML's _xHHHH_ escapes (how Excel stores control characters).
std::string unescape(std::string_view text);

/// 1-based column of a reference such as "C7" or "AB12"; 0 if malformed.
std::uint32_t column_of(std::string_view reference);
/// "A", "Z", "AA" … for a 1-based column.
std::string column_name(std::uint32_t column);

/// The text of a number as Excel's General format shows it (at most 15
/// significant digits), in its shortest form: 300, 12.5, 0.3.
std::string number_text(double value);

}  // namespace quanze::xlsx
