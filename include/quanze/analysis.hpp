// What `quanze check` finds beyond errors, by searching the items a policy
// can meet: possible conflicts, items no rule decides, rules that can never
// apply or never decide, unused fields and lets, requirements nothing
// triggers. Each finding is a warning with a concrete example item, checked
// by classifying it.
#pragma once

#include "quanze/diagnostics.hpp"
#include "quanze/engine.hpp"

namespace quanze {

Diagnostics analyze_policy(const Policy& policy);

}  // namespace quanze
