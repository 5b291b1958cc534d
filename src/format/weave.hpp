// Putting the comments back among the laid-out lines, and the blank lines
// between declarations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "format/layout.hpp"

namespace quanze::format {

/// The formatted file. A comment alone on its line goes before the first
/// line whose source reaches past it, indented like that line; a comment
/// after code goes at the end of the last line whose source starts before
/// it (or, when that line has one already, on its own line after it).
/// Declarations are separated by a blank line, except consecutive imports,
/// lets, defaults or precedences; a blank line of the source between two
/// declarations or comments at the top level is kept (one at most).
std::string weave(const std::vector<Block>& blocks, const std::vector<ast::Comment>& comments,
                  std::string_view source);

}  // namespace quanze::format
