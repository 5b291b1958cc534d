// A form's sheets: the combined one and one per department, named as
// Excel allows. Excel refuses a workbook whose sheet names break its rules,
// and department names are free text, so every name is made valid here.
#include <set>
#include <string_view>

#include "diag/utf8.hpp"
#include "quanze/report.hpp"

namespace quanze {
namespace {

constexpr std::size_t kMaxSheetName = 31;  // Excel's limit, in UTF-16 code units
constexpr std::string_view kCombined = "全部";
constexpr std::string_view kNoDepartment = "（未填部门）";  // as the summary counts it

/// []:*?/\ are not allowed; their full-width forms read the same to a Chinese
/// reader. Control characters (a line break in a cell) are dropped.
std::string replace_forbidden(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t start = i;
    char32_t c = utf8::next(name, i);
    switch (c) {
      case '[': out += "［"; break;
      case ']': out += "］"; break;
      case ':': out += "："; break;
      case '*': out += "＊"; break;
      case '?': out += "？"; break;
      case '/': out += "／"; break;
      case '\\': out += "＼"; break;
      default:
        if (c >= 0x20 && c != 0x7F) out.append(name.substr(start, i - start));
    }
  }
  return out;
}

/// The longest prefix of whole characters that fits in `units` UTF-16 units.
std::string truncated(std::string_view name, std::size_t units) {
  std::size_t used = 0, i = 0, end = 0;
  while (i < name.size()) {
    char32_t c = utf8::next(name, i);
    used += c > 0xFFFF ? 2 : 1;
    if (used > units) break;
    end = i;
  }
  return std::string(name.substr(0, end));
}

/// Excel rejects a name that begins or ends with an apostrophe.
std::string strip_apostrophes(std::string s) {
  while (!s.empty() && s.front() == '\'') s.erase(0, 1);
  while (!s.empty() && s.back() == '\'') s.pop_back();
  return s;
}

std::string valid_name(std::string_view department, std::size_t units) {
  std::string name = strip_apostrophes(truncated(replace_forbidden(department), units));
  return name.empty() ? truncated(kNoDepartment, units) : name;
}

/// Excel compares sheet names without regard to case.
std::string fold_case(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::vector<std::string> sheet_names(const std::vector<std::string>& departments) {
  std::vector<std::string> names{std::string(kCombined)};
  std::set<std::string> taken{fold_case(names.front()), "history"};  // History is reserved by Excel
  for (const std::string& department : departments) {
    std::string name = valid_name(department, kMaxSheetName);
    for (int n = 2; !taken.insert(fold_case(name)).second; ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      name = valid_name(department, kMaxSheetName - suffix.size()) + suffix;
    }
    names.push_back(std::move(name));
  }
  return names;
}

std::vector<FormSheet> form_sheets(const Form& form, const std::vector<std::string>& departments) {
  std::vector<std::string> names = sheet_names(departments);
  std::vector<FormSheet> sheets;
  FormSheet& all = sheets.emplace_back();
  all.name = names.front();
  all.title = form.title;
  all.columns = {{"序号", 6}, {"实施部门", 24}};
  all.columns.insert(all.columns.end(), form.columns.begin(), form.columns.end());
  for (const FormRow& row : form.rows) {
    auto& cells = all.rows.emplace_back();
    double n = static_cast<double>(all.rows.size());
    cells.push_back({std::to_string(all.rows.size()), n});
    cells.push_back({row.department, std::nullopt});
    cells.insert(cells.end(), row.cells.begin(), row.cells.end());
  }
  for (std::size_t d = 0; d < departments.size(); ++d) {
    FormSheet& sheet = sheets.emplace_back();
    sheet.name = names[d + 1];
    sheet.title = form.title + "（" + (departments[d].empty() ? "未填部门" : departments[d]) + "）";
    sheet.columns = {{"序号", 6}};
    sheet.columns.insert(sheet.columns.end(), form.columns.begin(), form.columns.end());
    for (const FormRow& row : form.rows) {
      if (row.department != departments[d]) continue;
      auto& cells = sheet.rows.emplace_back();
      cells.push_back({std::to_string(sheet.rows.size()), static_cast<double>(sheet.rows.size())});
      cells.insert(cells.end(), row.cells.begin(), row.cells.end());
    }
  }
  return sheets;
}

}  // namespace quanze
