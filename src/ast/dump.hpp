// A compact, deterministic text form of the AST, so tests can state the
// exact tree a source parses to (the way ninja's tests compare Serialize()).
#pragma once

#include <string>

#include "ast/ast.hpp"

namespace quanze::ast {

/// One line per declaration, expressions as S-expressions:
///   rule r "t": when (and (> level township) (has-any security {national})) then delegate to next level by entrustment
std::string dump(const File& file);
std::string dump(const Expr& expr);

}  // namespace quanze::ast
