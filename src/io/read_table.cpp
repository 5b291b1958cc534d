// Reading a list from a file or standard input, in the format its name
// says unless the user said otherwise.
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "diag/codes.hpp"
#include "quanze/manifest.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

/// Ends with `suffix` (lower case), ASCII case ignored: 清单.XLSX too.
bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (std::size_t i = 0; i < s.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != suffix[i]) return false;
  return true;
}

bool read_bytes(const std::string& path, std::string& bytes, Diagnostics& diags) {
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    bytes = std::move(buf).str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.add({code::input_unreadable, Severity::error, path, 0, 0,
               "cannot open the list: " + std::string(std::strerror(errno)), "", 1});
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    diags.add({code::input_unreadable, Severity::error, path, 0, 0, "cannot read the list", "", 1});
    return false;
  }
  bytes = std::move(buf).str();
  return true;
}

}  // namespace

TableFormat format_for_path(std::string_view path) {
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return TableFormat::jsonl;
  if (ends_with(path, ".json")) return TableFormat::json;
  if (ends_with(path, ".tsv") || ends_with(path, ".txt")) return TableFormat::tsv;
  if (ends_with(path, ".xlsx") || ends_with(path, ".xlsm") || ends_with(path, ".xls")) return TableFormat::xlsx;
  return TableFormat::csv;
}

bool read_table(const std::string& path, const ReadOptions& options, Table& out, Diagnostics& diags) {
  std::string bytes;
  out.source = path == "-" ? "<stdin>" : path;
  if (!read_bytes(path, bytes, diags)) return false;
  out.sha256 = sha256_hex(bytes);
  TableFormat format = options.format.value_or(format_for_path(path));
  // A workbook renamed .csv, or on standard input, is still a workbook;
  // and many systems export tab-separated text named .xls.
  bool workbook = bytes.starts_with("PK\x03\x04") || bytes.starts_with("\xD0\xCF\x11\xE0");
  if (!options.format && workbook) format = TableFormat::xlsx;
  if (!options.format && !workbook && ends_with(path, ".xls")) format = TableFormat::tsv;
  switch (format) {
    case TableFormat::json: return read_json(bytes, false, out, diags);
    case TableFormat::jsonl: return read_json(bytes, true, out, diags);
    case TableFormat::xlsx: {
      XlsxOptions xlsx;
      xlsx.sheet = options.sheet;
      xlsx.headers = options.headers;
      return read_xlsx(bytes, out, diags, xlsx);
    }
    case TableFormat::csv:
    case TableFormat::tsv: break;
  }
  // A list named .csv may hold tabs (Excel's "Unicode text" renamed): the
  // header line tells, unless the user named the format.
  TextOptions text;
  text.delimiter = format == TableFormat::tsv ? '\t' : ',';
  text.sniff = !options.format;
  text.encoding = options.encoding;
  return read_text(bytes, text, out, diags);
}

bool read_table(const std::string& path, TableFormat format, Table& out, Diagnostics& diags) {
  ReadOptions options;
  options.format = format;
  return read_table(path, options, out, diags);
}

}  // namespace quanze
