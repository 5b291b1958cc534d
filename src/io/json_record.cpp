// One JSON record as one row of text cells.
#include "io/json_record.hpp"

#include "diag/codes.hpp"
#include "diag/utf8.hpp"
#include "eval/interpolate.hpp"

namespace quanze {

bool cell_of(const Json& v, std::string& out) {
  switch (v.type()) {
    case Json::value_t::null: out.clear(); return true;
    case Json::value_t::string: out = v.get_ref<const std::string&>(); return true;
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

void set_json_problem(Row& row, std::string problem, std::uint32_t column) {
  row.problem = std::move(problem);
  row.problem_column = column;
  row.problem_code = code::bad_json;
}

std::string json_error_message(const Json::exception& e, std::string_view text, JsonErrorAt& at) {
  std::string what = e.what();
  at = {};
  if (const auto* parse = dynamic_cast<const Json::parse_error*>(&e)) {
    std::size_t offset = parse->byte > 0 ? parse->byte - 1 : 0;
    utf8::Position position = utf8::position_of(text, offset);
    at = {static_cast<std::uint32_t>(position.line), static_cast<std::uint32_t>(position.column)};
    if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
  } else if (auto bracket = what.find("] "); bracket != std::string::npos) {
    what = what.substr(bracket + 2);  // e.g. a number too large for a double: no position
  }
  return "not valid JSON: " + what;
}

}  // namespace quanze
