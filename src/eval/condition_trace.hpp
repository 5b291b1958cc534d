// Why a condition did not hold for one item: the first test that was false,
// and the values it read. Only explanations use this; classification never
// pays for it.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/evaluator.hpp"

namespace quanze {

/// The node to blame when `node` is false for `item`: descends through
/// `and` into its first false operand; an `or` (every operand false), a
/// `not` (its operand true) or a single test is blamed as a whole.
std::uint32_t first_false(const Program& program, const Evaluator& evaluator, std::uint32_t node,
                          const ItemValues& item);

/// The fields a node and everything under it read, sorted, each once.
std::vector<EvidenceKey> fields_read(const Program& program, std::uint32_t node);

}  // namespace quanze
