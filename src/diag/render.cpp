#include <fmt/format.h>

#include <algorithm>

#include "diag/utf8.hpp"
#include "quanze/diagnostics.hpp"

namespace quanze {
namespace {

// East Asian Wide and Fullwidth ranges (UAX #11), condensed.
constexpr char32_t kWide[][2] = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x2E80, 0x303E},
    {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F},
    {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

int width_of(char32_t cp) {
  if (cp == '\t') return 1;
  for (const auto& r : kWide)
    if (cp >= r[0] && cp <= r[1]) return 2;
  return 1;
}

}  // namespace

std::uint32_t count_characters(std::string_view text) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) utf8::next(text, i);
  return n;
}

std::uint32_t display_width(std::string_view text) {
  std::uint32_t w = 0;
  for (std::size_t i = 0; i < text.size();) w += width_of(utf8::next(text, i));
  return w;
}

void Diagnostics::report(std::string_view code, Severity severity, const SourceSet& sources, SourceRange range,
                         std::string message) {
  const SourceFile& file = sources.file(range.file);
  LineColumn at = file.position(range.begin);
  Diagnostic d;
  d.code = std::string(code);
  d.severity = severity;
  d.file = file.path();
  d.line = at.line;
  d.column = at.column;
  d.message = std::move(message);
  d.source_line = std::string(file.line_text(at.line));
  LineColumn end = file.position(std::max(range.end, range.begin));
  std::uint32_t line_chars = count_characters(d.source_line);
  std::uint32_t last = end.line == at.line ? end.column : line_chars + 1;
  d.span = std::max<std::uint32_t>(1, std::min(last, line_chars + 1) - std::min(at.column, last));
  items_.push_back(std::move(d));
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string render(const Diagnostic& d) {
  const char* kind = d.severity == Severity::error ? "error" : "warning";
  std::string where = d.line == 0     ? d.file
                      : d.column == 0 ? fmt::format("{}:{}", d.file, d.line)
                                      : fmt::format("{}:{}:{}", d.file, d.line, d.column);
  std::string out = fmt::format("{}: {}[{}]: {}\n", where, kind, d.code, d.message);
  if (d.source_line.empty()) return out;
  // The caret goes under the column by display width: 层级 takes four.
  std::string_view line = d.source_line;
  std::size_t i = 0, offset = 0;
  for (std::uint32_t c = 1; c < d.column && i < line.size(); ++c) utf8::next(line, i);
  offset = i;
  std::size_t end = offset;
  for (std::uint32_t c = 0; c < d.span && end < line.size(); ++c) utf8::next(line, end);
  std::string pad;  // tabs stay tabs, so the caret lines up whatever the tab width
  for (std::size_t k = 0; k < offset;) {
    char32_t cp = utf8::next(line, k);
    pad += cp == '\t' ? std::string("\t") : std::string(width_of(cp), ' ');
  }
  std::uint32_t mark = std::max<std::uint32_t>(1, display_width(line.substr(offset, end - offset)));
  std::string gutter = fmt::format("{:>5} | ", d.line);
  out += gutter + std::string(line) + "\n";
  out += std::string(gutter.size() - 2, ' ') + "| " + pad + "^" + std::string(mark - 1, '~') + "\n";
  return out;
}

}  // namespace quanze
