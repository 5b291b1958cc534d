// The canonical layout of each declaration, line by line. Every line knows
// which source it came from, so comments can find their place in it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"

namespace quanze::format {

/// One output line and the source bytes [begin, end) its tokens came from.
struct Line {
  std::string text;           ///< indented, without a line break
  std::size_t comment_indent = 0;  ///< for comments placed just before it
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// One declaration's lines.
struct Block {
  ast::Declaration::Kind kind = ast::Declaration::Kind::rule;
  std::vector<Line> lines;
};

/// Every declaration of `file`, in file order, laid out canonically:
/// clauses of a rule on their own lines indented two spaces, an exception's
/// `to` and a requirement's `for` on a second line indented four, a
/// schema's fields one per line, a member list on one line unless the
/// source broke it (then its source lines are kept), conditions on one line.
std::vector<Block> layout(const ast::File& file, std::string_view source, Dialect dialect);

}  // namespace quanze::format
