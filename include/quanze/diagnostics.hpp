// Problems found in a user's rule files or lists, with stable codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/source.hpp"

namespace quanze {

enum class Severity { error, warning };

/// One problem in the user's input. Positions are 1-based; `column` counts
/// characters. For rule files `source_line` holds the offending line so a
/// caret can be drawn under it; for data files it is empty and `line` is the
/// row (the physical line of a CSV record, or the record's index in JSON).
struct Diagnostic {
  std::string code;  ///< stable, e.g. "QZ3001"; listed in docs/errors.md
  Severity severity = Severity::error;
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string message;
  std::string source_line;
  std::uint32_t span = 1;  ///< characters to underline, at least 1
};

/// Collects diagnostics in the order they are found.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  /// A diagnostic located at `range` of a rule file.
  void report(std::string_view code, Severity severity, const SourceSet& sources,
              SourceRange range, std::string message);
  void error(std::string_view code, const SourceSet& sources, SourceRange range,
             std::string message) {
    report(code, Severity::error, sources, range, std::move(message));
  }
  void warning(std::string_view code, const SourceSet& sources, SourceRange range,
               std::string message) {
    report(code, Severity::warning, sources, range, std::move(message));
  }

  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

/// "file:line:col: error[QZ1001]: message", then the source line and a caret
/// aligned by display width (CJK characters are two columns wide).
std::string render(const Diagnostic& d);

/// Terminal columns a UTF-8 string occupies (wide East Asian characters: 2).
std::uint32_t display_width(std::string_view utf8);

/// Number of code points in a UTF-8 string (invalid bytes count one each).
std::uint32_t count_characters(std::string_view utf8);

}  // namespace quanze
