// From the parse tree of one rule file to its typed AST.
#pragma once

#include "ast/ast.hpp"
#include "quanze/diagnostics.hpp"
#include "syntax/parse_tree.hpp"

namespace quanze::syntax {

/// Adds every declaration under `root` to `out`. Reports what the grammar
/// cannot say (a header that is not first) to `diags`.
void build_ast(const Node& root, const SourceSet& sources, FileId file, Diagnostics& diags,
               ast::File& out);

}  // namespace quanze::syntax
