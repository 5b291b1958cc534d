// A decision told for a person: the derivation an auditor reads.
#pragma once

#include <string>
#include <string_view>

#include "quanze/engine.hpp"
#include "quanze/record.hpp"

namespace quanze {

/// Chinese-labelled, multi-line: the item, the conclusion, the deciding
/// rules with file:line, reasons, citations, each defeated rule and what
/// defeated it, rules outranked by precedence, each requirement checked,
/// input problems, and the evidence. `list` names the input in the first
/// line. Deterministic.
std::string explain_text(const DecisionRecord& record, const Policy& policy, std::string_view list);

}  // namespace quanze
