// Requirement fallbacks that could feed each other: a requirement whose
// `else` outcome another requirement (or itself) rejects again.
#pragma once

#include "check/context.hpp"

namespace quanze::check {

/// Reports QZ4002 at a requirement on every fallback cycle. Requirements
/// only test the item, never the outcome, so a fallback that its own chain
/// leads back to would break the requirement it was meant to satisfy.
void check_requirement_loops(CheckContext& ctx);

}  // namespace quanze::check
