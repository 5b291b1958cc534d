// A cell stores a number, and its style says how Excel shows it: a date
// is a count of days since 1900 (or 1904) under a date format. Lists are
// read as Excel shows them: dates as ISO text, numbers as General shows
// them, control characters decoded.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "diag/utf8.hpp"
#include "eval/interpolate.hpp"
#include "io/xlsx.hpp"

namespace quanze::xlsx {
namespace {

/// Howard Hinnant's civil_from_days: the date `days` after 1970-01-01.
void civil_from_days(long long days, long long& y, unsigned& m, unsigned& d) {
  days += 719468;
  long long era = (days >= 0 ? days : days - 146096) / 146097;
  auto doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

/// A format code's first section (the one for positive numbers), read for
/// date letters (y, d; m alone is a month) and time letters (h, s, m next
/// to them is minutes, AM/PM, elapsed [h]). Quoted text, escaped
/// characters and other [..] sections (colours, locales) say nothing.
NumberStyle style_of_code(std::string_view code) {
  bool date = false, time = false, month = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      std::size_t close = code.find('"', i + 1);
      i = close == std::string_view::npos ? code.size() : close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped, padding or fill character
    } else if (c == '[') {
      std::size_t close = code.find(']', i + 1);
      std::string_view inside = code.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) time = true;
      i = close == std::string_view::npos ? code.size() : close;
    } else if (starts_with_ci(code.substr(i), "AM/PM")) {
      time = true;
      i += 4;
    } else if (starts_with_ci(code.substr(i), "A/P")) {
      time = true;
      i += 2;
    } else {
      switch (std::tolower(static_cast<unsigned char>(c))) {
        case 'y':
        case 'd': date = true; break;
        case 'h':
        case 's': time = true; break;
        case 'm': month = true; break;
        default: break;
      }
    }
  }
  if (month && !time) date = true;
  return date && time ? NumberStyle::date_time : date ? NumberStyle::date : time ? NumberStyle::time : NumberStyle::number;
}

}  // namespace

NumberStyle style_of_format(unsigned id, const char* code) {
  if (code && *code) return style_of_code(code);
  switch (id) {
    case 14: case 15: case 16: case 17:                     // m/d/yyyy, d-mmm-yy, d-mmm, mmm-yy
    case 27: case 28: case 29: case 30: case 31: case 36:   // Chinese: yyyy"年"m"月" …
    case 50: case 51: case 52: case 53: case 54: case 57: case 58:
      return NumberStyle::date;
    case 18: case 19: case 20: case 21:                     // h:mm AM/PM … h:mm:ss
    case 32: case 33: case 34: case 35: case 55: case 56:   // Chinese: h"时"mm"分" …
    case 45: case 46: case 47:                              // mm:ss, [h]:mm:ss, mmss.0
      return NumberStyle::time;
    case 22: return NumberStyle::date_time;                 // m/d/yyyy h:mm
    default: return NumberStyle::number;
  }
}

bool format_serial(double serial, NumberStyle style, bool date1904, std::string& out) {
  // Excel shows dates from 1900-01-01 (serial 1) to 9999-12-31.
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return false;
  auto days = static_cast<long long>(std::floor(serial));
  auto seconds = static_cast<long long>(std::llround((serial - static_cast<double>(days)) * 86400));
  if (seconds == 86400) ++days, seconds = 0;
  out.clear();
  if (style == NumberStyle::date || style == NumberStyle::date_time) {
    if (days < 1 && !date1904) return false;  // Excel's "1900-01-00"
    if (days == 60 && !date1904) {
      out = "1900-02-29";  // the day Lotus 1-2-3 invented and Excel kept
    } else {
      long long since_1970 = date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569;
      long long y;
      unsigned m, d;
      civil_from_days(since_1970, y, m, d);
      out = fmt::format("{:04}-{:02}-{:02}", y, m, d);
    }
  }
  if (style == NumberStyle::time || style == NumberStyle::date_time) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return true;
}

std::string unescape(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "_x") == 0 && i + 7 <= text.size() && text[i + 6] == '_' &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) && std::isxdigit(static_cast<unsigned char>(text[i + 3])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 4])) && std::isxdigit(static_cast<unsigned char>(text[i + 5]))) {
      auto c = static_cast<char32_t>(std::strtoul(std::string(text.substr(i + 2, 4)).c_str(), nullptr, 16));
      if (c < 0xD800 || c > 0xDFFF) {
        utf8::append(c, out);
        i += 7;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::uint32_t column_of(std::string_view reference) {
  std::uint32_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])); ++i) {
    column = column * 26 + static_cast<std::uint32_t>(std::toupper(static_cast<unsigned char>(reference[i])) - 'A' + 1);
    if (column > 16384) return 0;  // past XFD, Excel's last column
  }
  if (i == 0 || i == reference.size() || !std::isdigit(static_cast<unsigned char>(reference[i]))) return 0;
  return column;
}

std::string column_name(std::uint32_t column) {
  std::string name;
  for (; column > 0; column = (column - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
  return name;
}

std::string number_text(double value) {
  // Stored values carry binary noise (0.30000000000000004) that Excel's
  // 15 significant digits hide; so do we.
  double shown = std::strtod(fmt::format("{:.15g}", value).c_str(), nullptr);
  std::string out;
  append_number(shown, out);
  return out;
}

}  // namespace quanze::xlsx
