// The schema pass: fields, their types and defaults.
#pragma once

#include <vector>

#include "check/context.hpp"

namespace quanze::check {

/// Adds every field of every file to the program (the legal-level enum
/// first), reporting duplicate fields and members, oversized sets and
/// defaults that are not values of their field.
void compile_schema(const std::vector<ast::File>& files, CheckContext& ctx);

}  // namespace quanze::check
