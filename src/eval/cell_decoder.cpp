#include "eval/cell_decoder.hpp"

#include <algorithm>
#include <charconv>

#include "diag/codes.hpp"

namespace quanze {
namespace {

bool equals_ascii_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The separators of set cells: 、 ; ； , ， and white space (ASCII or U+3000).
std::size_t separator_length(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ';' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  static constexpr std::string_view kWide[] = {"、", "；", "，", "\u3000"};
  for (std::string_view w : kWide)
    if (s.substr(i, w.size()) == w) return w.size();
  return 0;
}

std::string member_list(const EnumDef& e) {
  std::string out;
  for (std::size_t i = 0; i < e.labels.size(); ++i) {
    if (i) out += "、";
    out += e.labels[i];
  }
  return out;
}

}  // namespace

std::string_view trim_cell_edges(std::string_view cell) {
  auto is_space_at_front = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    char c = s.front();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (s.substr(0, 3) == "\u3000") return 3;
    return 0;
  };
  auto is_space_at_back = [](std::string_view s) -> std::size_t {
    if (s.empty()) return 0;
    char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") return 3;
    return 0;
  };
  while (std::size_t n = is_space_at_front(cell)) cell.remove_prefix(n);
  while (std::size_t n = is_space_at_back(cell)) cell.remove_suffix(n);
  return cell;
}

bool parse_bool_spelling(std::string_view text, bool& out) {
  static constexpr std::string_view kTrue[] = {"是", "true", "yes", "1", "y"};
  static constexpr std::string_view kFalse[] = {"否", "false", "no", "0", "n"};
  for (std::string_view t : kTrue)
    if (equals_ascii_nocase(text, t)) return out = true, true;
  for (std::string_view f : kFalse)
    if (equals_ascii_nocase(text, f)) return out = false, true;
  return false;
}

bool parse_decimal(std::string_view text, double& out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  // from_chars would also take "inf", "nan" and exponents; lists hold plain decimals.
  std::size_t digits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (!(c == '.' || (c == '-' && i == 0))) return false;
  }
  if (digits == 0) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

FieldPlan plan_field(const Program& program, const FieldDef& field, const EnumIndex* members) {
  FieldPlan p;
  p.field = &field;
  p.kind = field.type.kind;
  if (field.default_text) p.default_text = *field.default_text;
  if (has_members(p.kind)) {
    p.members = members;
    p.enum_def = &program.enums[field.type.enum_id];
  }
  if (p.kind == ValueKind::set) {
    auto has_separator = [](std::string_view text) {
      for (std::size_t i = 0; i < text.size(); ++i)
        if (separator_length(text, i) != 0) return true;
      return false;
    };
    const EnumDef& e = *p.enum_def;
    p.whole_members = std::none_of(e.ids.begin(), e.ids.end(), has_separator) &&
                      std::none_of(e.labels.begin(), e.labels.end(), has_separator);
  }
  return p;
}

bool wrong_cell(const FieldPlan& plan, std::string_view text, CellProblem& problem) {
  std::string quoted = "\"" + std::string(text) + "\"";
  switch (plan.kind) {
    case ValueKind::number: problem = {code::bad_number, quoted + " is not a number"}; break;
    case ValueKind::boolean: problem = {code::bad_bool, quoted + " is not a yes/no value (是/否)"}; break;
    case ValueKind::enumeration:
    case ValueKind::set:
      problem = {plan.kind == ValueKind::set ? code::bad_set_value : code::bad_enum_value,
                 quoted + " is not a member of " + plan.field->name + " (" + member_list(*plan.enum_def) + ")"};
      break;
    default: break;  // text and basis cells are never wrong
  }
  return false;
}

bool decode_set(const FieldPlan& plan, std::string_view cell, Value& out, CellProblem& problem) {
  // Most cells name one member: when no member has a separator in it, a
  // cell that is a member whole has none either, and splits into itself.
  if (plan.whole_members) {
    if (int m = plan.members->find(cell); m >= 0) {
      out.bits = std::uint64_t{1} << m;
      out.present = true;
      return true;
    }
  }
  std::size_t i = 0;
  while (i < cell.size()) {
    std::size_t start = i;
    while (i < cell.size() && separator_length(cell, i) == 0) ++i;
    std::string_view token = cell.substr(start, i - start);
    while (i < cell.size()) {
      std::size_t n = separator_length(cell, i);
      if (n == 0) break;
      i += n;
    }
    if (token.empty()) continue;
    int m = plan.members->find(token);
    if (m < 0) return wrong_cell(plan, token, problem);
    out.bits |= std::uint64_t{1} << m;
  }
  out.present = out.bits != 0;
  return true;
}

namespace {

/// The index a plan made on the spot needs: of the field's members, if any.
EnumIndex members_of(const Program& program, const FieldDef& field) {
  return has_members(field.type.kind) ? EnumIndex(program.enums[field.type.enum_id]) : EnumIndex{};
}

}  // namespace

bool decode_cell(const Program& program, const FieldDef& field, std::string_view cell, Value& out,
                 LegalBasis& basis, CellProblem& problem) {
  EnumIndex members = members_of(program, field);
  return decode_cell(plan_field(program, field, &members), cell, out, basis, problem);
}

bool decode_field(const Program& program, std::size_t f, std::string_view cell, Value& value, LegalBasis& basis,
                  CellProblem& problem) {
  const FieldDef& field = program.fields[f];
  EnumIndex members = members_of(program, field);
  return decode_field(plan_field(program, field, &members), cell, value, basis, problem);
}

int EnumDef::find(std::string_view text) const {
  if (text.empty()) return -1;
  // Labels of one enum are mostly the same length (行政许可, 行政处罚, …):
  // their last bytes tell them apart before a full compare.
  auto same = [&](const std::string& s) { return s.size() == text.size() && s.back() == text.back() && s == text; };
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (same(labels[i]) || same(ids[i])) return static_cast<int>(i);
  return -1;
}

}  // namespace quanze
