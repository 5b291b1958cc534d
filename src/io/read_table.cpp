// Reading a list from a file or standard input, in the format its name says.
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

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

TableFormat format_for_path(std::string_view path) {
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return TableFormat::jsonl;
  if (ends_with(path, ".json")) return TableFormat::json;
  return TableFormat::csv;
}

bool read_table(const std::string& path, TableFormat format, Table& out, Diagnostics& diags) {
  std::string bytes;
  out.source = path == "-" ? "<stdin>" : path;
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    bytes = std::move(buf).str();
  } else {
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
  }
  out.sha256 = sha256_hex(bytes);
  switch (format) {
    case TableFormat::json: return read_json(bytes, false, out, diags);
    case TableFormat::jsonl: return read_json(bytes, true, out, diags);
    case TableFormat::csv: break;
  }
  return read_csv(bytes, out, diags);
}

}  // namespace quanze
