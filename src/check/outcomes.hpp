// Compiling outcomes (`then …`, `else …`, `default …`) and patterns.
#pragma once

#include <optional>
#include <vector>

#include "check/context.hpp"

namespace quanze::check {

/// Resolves `to next F` (F must be an ordered enum) and compiles the target
/// and receiver templates. Fields it reads go to `reads`.
std::optional<CompiledOutcome> compile_outcome(const ast::Outcome& outcome, CheckContext& ctx,
                                               std::vector<EvidenceKey>& reads);

Outcome to_outcome(ast::OutcomeKind kind);
Mode to_mode(ast::Mode mode);

}  // namespace quanze::check
