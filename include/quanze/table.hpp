// Department lists as rows of text cells, and the readers that make them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/diagnostics.hpp"
#include "quanze/row_cells.hpp"

namespace quanze {

/// One data row. `line` is where the row starts in the file (the physical
/// line of a CSV record, counting the header as line 1) or, for JSON, the
/// 1-based record number. A row the reader could not read whole keeps what
/// it could and carries a problem; the classifier reports it as status error.
struct Row {
  RowCells cells;
  std::uint64_t line = 0;
  std::string problem;           ///< empty when the row is well-formed
  std::uint32_t problem_column = 0;  ///< 1-based, 0 when not known
  std::string problem_code;      ///< the problem's code; empty: QZ6006, a malformed CSV row
  /// The record as it was read (decoded to UTF-8; its cells, quotes and
  /// commas, without the line end), when the reader was asked to keep it
  /// (TextOptions::keep_records) and the list is comma-separated; else
  /// empty. A CSV writer echoes a well-formed row's input columns from it
  /// rather than quoting every cell again.
  std::string_view record() const { return cells.record(); }
};

struct Table {
  std::string source;  ///< file name for messages
  std::string sha256;  ///< of the bytes read, for the manifest; set by read_table
  std::vector<std::string> headers;
  std::vector<Row> rows;
};

enum class TableFormat { csv, tsv, json, jsonl, xlsx };

/// Guesses a format from a file name (ASCII case ignored): .xlsx/.xlsm
/// (and .xls, to say it must be saved as .xlsx, unless it is text, as
/// many systems export), .tsv/.txt, .json, .jsonl/.ndjson, else CSV.
TableFormat format_for_path(std::string_view path);

/// The encodings of text lists. `detect`: a byte-order mark says UTF-8 or
/// UTF-16 (LE or BE); valid UTF-8 is UTF-8; anything else is GB18030 (which
/// includes GBK), unless it is UTF-8 with a few damaged bytes.
enum class TextEncoding { detect, utf8, gb18030, utf16 };

struct TextOptions {
  char delimiter = ',';  ///< ',' for CSV, '\t' for TSV
  /// Choose the delimiter from the header line: tabs and no commas mean
  /// TSV, commas and no tabs CSV; otherwise `delimiter`.
  bool sniff = false;
  TextEncoding encoding = TextEncoding::detect;
  /// The schema's headers and aliases, when known: a title or note above
  /// the header row is skipped (the header row is the first of the first
  /// 20 records that names two of them; none does: the first record).
  std::vector<std::string> schema_headers;
  /// Keep Row::record() for each comma-separated record.
  bool keep_records = false;
};

/// RFC 4180 CSV, or the same separated by tabs (Excel's "Unicode text"):
/// quoted fields with "" escapes and embedded line breaks, CRLF or LF, in
/// any TextEncoding. Errors that stop reading (no header, a header that
/// cannot be decoded) go to `diags` and return false; a bad row (an
/// unterminated quote, a stray quote, a row with more or fewer cells than
/// the header, bytes invalid in the encoding) is kept with its problem set.
bool read_text(std::string_view bytes, const TextOptions& options, Table& out, Diagnostics& diags);

/// read_text with commas and a detected encoding.
bool read_csv(std::string_view bytes, Table& out, Diagnostics& diags);

/// A JSON array of objects, or JSON Lines (one object per line). Strings
/// are taken as they are, numbers in their shortest form, true/false as
/// written, null as an empty cell, arrays of scalars joined with 、; a
/// record that is not an object, or a nested object, is a row error
/// (QZ6007). An array's headers are the keys in order of first appearance,
/// and a syntax error anywhere stops reading. JSON Lines are read as
/// RowStream::open_json_lines reads them (without a schema): the headers
/// are the first record's keys, and a line that is not valid JSON is a row
/// error.
bool read_json(std::string_view bytes, bool lines, Table& out, Diagnostics& diags);

/// A header as it is compared with the schema's `from` headers: without
/// spaces at either end (U+3000 and no-break spaces included) and with
/// full-width ASCII folded to half-width, so that the list's （事项名称）
/// matches `from "(事项名称)"` and ＡＢＣ１２３ matches ABC123. Tables keep
/// the exact text for display.
std::string header_key(std::string_view header);

struct XlsxOptions {
  std::string sheet;  ///< the sheet's name; empty: the first visible sheet
  /// The schema's headers, when known. The header row is the first row
  /// whose cells hold two of them (one, for a schema of one field), so a
  /// title above it is skipped; without them, or when none of the first 20
  /// rows holds them, it is the first row with the most cells among those.
  std::vector<std::string> headers;
  /// A zip bomb must not exhaust memory: at most this many bytes of XML
  /// are unpacked from a workbook, and a part over 8 MiB that unpacks to
  /// more than `max_ratio` times its packed size is refused.
  std::uint64_t max_unpacked = std::uint64_t{1} << 30;
  std::uint64_t max_ratio = 200;
};

/// One sheet of an XLSX workbook, as Excel, WPS and LibreOffice save it.
/// Cells read as Excel shows them: shared, inline and rich-text strings;
/// numbers as the General format shows them (300, 12.5); TRUE/FALSE;
/// numbers under a date format as "2023-01-05"; formulas by their last
/// computed value. Row numbers are the sheet's; blank rows and the rows
/// above the header row are skipped. Errors that stop reading (not a
/// workbook, no such sheet, too large, a bad header row) go to `diags`;
/// a cell that cannot be read (an Excel error such as #N/A, a value in a
/// column without header) makes its row's problem.
bool read_xlsx(std::string_view bytes, Table& out, Diagnostics& diags, const XlsxOptions& options = {});

/// How to read a list; what is left empty is worked out from the file.
struct ReadOptions {
  /// Empty: from the file name, and for CSV and TSV from the header line;
  /// a zip archive is taken for XLSX whatever its name.
  std::optional<TableFormat> format;
  TextEncoding encoding = TextEncoding::detect;  ///< CSV and TSV
  std::string sheet;                             ///< XLSX
  /// The schema's headers, one entry per field: its header, then its
  /// aliases (`from "A" | "B"`). XLSX: to find the header row; JSON Lines:
  /// the columns a first record without them gets (see RowStream).
  std::vector<std::vector<std::string>> schema_headers;
};

/// Reads a whole file (or standard input for "-") and dispatches on format.
bool read_table(const std::string& path, const ReadOptions& options, Table& out, Diagnostics& diags);

/// The same with the format given.
bool read_table(const std::string& path, TableFormat format, Table& out, Diagnostics& diags);

}  // namespace quanze
