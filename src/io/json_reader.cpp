// Lists as JSON: an array of objects, or JSON Lines. Keys become headers in
// the order they first appear, so a schema's `from` names work unchanged.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "diag/codes.hpp"
#include "diag/utf8.hpp"
#include "eval/interpolate.hpp"
#include "io/header_match.hpp"
#include "quanze/table.hpp"

namespace quanze {
namespace {

using Json = nlohmann::ordered_json;

/// A scalar as a cell: strings as they are, numbers in shortest form,
/// true/false, null as empty; arrays of scalars joined with 、.
bool cell_of(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null: out.clear(); return true;
    case Json::value_t::string: out = v.get<std::string>(); return true;
    case Json::value_t::boolean: out = v.get<bool>() ? "true" : "false"; return true;
    case Json::value_t::number_integer: out = std::to_string(v.get<std::int64_t>()); return true;
    case Json::value_t::number_unsigned: out = std::to_string(v.get<std::uint64_t>()); return true;
    case Json::value_t::number_float: out.clear(); append_number(v.get<double>(), out); return true;
    case Json::value_t::array: {
      out.clear();
      std::string item;
      for (const Json& e : v) {
        if (e.is_array() || e.is_object() || !cell_of(e, item)) return false;
        if (!out.empty()) out += "、";
        out += item;
      }
      return true;
    }
    default: return false;
  }
}

class JsonTableBuilder {
 public:
  explicit JsonTableBuilder(Table& out) : out_(out) {}

  /// Adds one record; a record that is not an object, or a value that is
  /// not a scalar, becomes a row problem.
  void add(const Json& record, std::uint64_t line) {
    Row row;
    row.line = line;
    if (!record.is_object()) {
      row.problem = fmt::format("record {} is not an object {{\"header\": value, …}}", line);
      out_.rows.push_back(std::move(row));
      return;
    }
    row.cells.resize(out_.headers.size());
    for (const auto& [key, value] : record.items()) {
      std::size_t col = column(key);
      if (col >= row.cells.size()) row.cells.resize(col + 1);
      if (!cell_of(value, row.cells[col]) && row.problem.empty()) {
        row.problem = fmt::format("the value of \"{}\" is a nested object; expected text, a number, "
                                  "true/false or a list of them",
                                  key);
        row.problem_column = static_cast<std::uint32_t>(col + 1);
      }
    }
    out_.rows.push_back(std::move(row));
  }

  void finish() {
    for (Row& row : out_.rows) row.cells.resize(out_.headers.size());
  }

 private:
  std::size_t column(const std::string& key) {
    for (std::size_t c = 0; c < out_.headers.size(); ++c)
      if (out_.headers[c] == key) return c;
    out_.headers.push_back(key);
    return out_.headers.size() - 1;
  }

  Table& out_;
};

void parse_error(const Table& out, std::string_view text, std::uint64_t base_line, const Json::parse_error& e,
                 Diagnostics& diags) {
  std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
  utf8::Position at = utf8::position_of(text, offset);
  std::string what = e.what();
  if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
  diags.add({code::bad_json, Severity::error, out.source, static_cast<std::uint32_t>(base_line + at.line - 1),
             static_cast<std::uint32_t>(at.column), "not valid JSON: " + what, "", 1});
}

}  // namespace

/// A value the JSON library cannot hold (a number beyond a double's range):
/// nlohmann reports it without a position.
void unreadable_value(const Table& out, std::uint64_t line, const Json::exception& e, Diagnostics& diags) {
  std::string what = e.what();
  if (auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
  diags.add({code::bad_json, Severity::error, out.source, static_cast<std::uint32_t>(line), 0,
             "not valid JSON: " + what, "", 1});
}

bool read_json(std::string_view bytes, bool lines, Table& out, Diagnostics& diags) {
  out.headers.clear();
  out.rows.clear();
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  JsonTableBuilder builder(out);
  if (!lines) {
    try {
      Json doc = Json::parse(bytes);
      if (!doc.is_array()) {
        diags.add({code::bad_json, Severity::error, out.source, 1, 1,
                   "expected a JSON array of objects, one per item (or use JSON Lines)", "", 1});
        return false;
      }
      std::uint64_t n = 0;
      for (const Json& record : doc) builder.add(record, ++n);
    } catch (const Json::parse_error& e) {
      parse_error(out, bytes, 1, e, diags);
      return false;
    } catch (const Json::exception& e) {  // e.g. a number too large for a double: no position
      unreadable_value(out, 1, e, diags);
      return false;
    }
  } else {
    std::uint64_t line = 0;
    for (std::size_t start = 0; start < bytes.size();) {
      std::size_t end = bytes.find('\n', start);
      if (end == std::string_view::npos) end = bytes.size();
      std::string_view text = bytes.substr(start, end - start);
      ++line;
      start = end + 1;
      if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      try {
        builder.add(Json::parse(text), line);
      } catch (const Json::parse_error& e) {
        parse_error(out, text, line, e, diags);
        return false;
      } catch (const Json::exception& e) {
        unreadable_value(out, line, e, diags);
        return false;
      }
    }
  }
  builder.finish();
  return check_headers(out, 1, false, diags);
}

}  // namespace quanze
