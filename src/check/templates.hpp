// Strings with `{field}` holes: because, receiver, cite, delegate to "…".
#pragma once

#include <optional>

#include "check/context.hpp"

namespace quanze::check {

/// Compiles a string literal into a template, locating each hole in the raw
/// source so an unknown field is reported where it is written. Returns the
/// template's index, or nothing after reporting errors.
std::optional<std::uint32_t> compile_template(const ast::StringLit& lit, CheckContext& ctx,
                                              std::vector<EvidenceKey>* reads = nullptr);

}  // namespace quanze::check
