// The parser's entry point: rule-file text in, typed AST and syntax
// diagnostics out. The only header of src/syntax/ the rest of the code sees,
// so PEGTL stays inside one translation unit.
#pragma once

#include "ast/ast.hpp"
#include "quanze/diagnostics.hpp"
#include "quanze/source.hpp"

namespace quanze::syntax {

/// Parses file `id` of `sources`. Every syntax error goes to `diags` (the
/// parser resynchronises at the next top-level keyword, so one run reports
/// all of them); the returned File holds every declaration that parsed.
ast::File parse_file(const SourceSet& sources, FileId id, Diagnostics& diags);

}  // namespace quanze::syntax
