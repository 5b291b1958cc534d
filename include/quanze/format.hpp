// Formatting rule files: the canonical layout, in either keyword dialect.
#pragma once

#include <optional>
#include <string>

#include "quanze/dialect.hpp"
#include "quanze/diagnostics.hpp"

namespace quanze {

struct FormatResult {
  bool ok = false;          ///< false when the file has syntax errors
  std::string text;         ///< the formatted file, when ok
  Dialect dialect = Dialect::en;  ///< the dialect written
  Diagnostics diagnostics;  ///< syntax errors; names and types are not checked
};

/// Formats one rule file's text. Without `dialect`, keywords are written in
/// the dialect most of the file's keywords use; with it, every keyword is
/// translated (names, strings and comments never are). Only the syntax must
/// be right: a file that does not check is still formatted.
FormatResult format_rule_text(const std::string& path, const std::string& text,
                              std::optional<Dialect> dialect = std::nullopt);

}  // namespace quanze
