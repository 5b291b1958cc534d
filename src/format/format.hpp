// The formatter: a parsed rule file back as text, in the canonical layout
// and the chosen dialect, with every comment where it was.
#pragma once

#include <string>
#include <string_view>

#include "ast/ast.hpp"

namespace quanze::format {

/// `file` parsed from `source` without errors. The result ends with one
/// line break (or is empty), and formatting it again gives it back.
std::string format_file(const ast::File& file, std::string_view source, Dialect dialect);

}  // namespace quanze::format
