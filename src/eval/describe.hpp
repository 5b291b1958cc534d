// Turning an Evaluation into the decision record of DESIGN.md part 5.
#pragma once

#include "eval/evaluator.hpp"
#include "quanze/record.hpp"

namespace quanze {

/// Fills every key of `record` but item, name and row from the evaluation.
void describe(const Program& program, const Evaluation& eval, const ItemValues& item,
              DecisionRecord& record);

/// "delegate by entrustment", "keep", "reject": how a fallback reads.
std::string describe_fallback(const CompiledOutcome& outcome);

}  // namespace quanze
