// The checker's driver: runs every pass over the parsed files and, when no
// error was found, leaves a complete Program.
#pragma once

#include <vector>

#include "ast/ast.hpp"
#include "eval/program.hpp"
#include "quanze/diagnostics.hpp"

namespace quanze::check {

/// Checks names, types, overrides and requirements of `files` (whose text
/// is in program.sources) and compiles them into `program`. Returns false
/// when an error was reported; `program` is then incomplete.
bool compile_policy(const std::vector<ast::File>& files, Program& program, Diagnostics& diags);

}  // namespace quanze::check
