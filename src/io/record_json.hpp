// A decision record as a JSON value, for writers that embed it.
#pragma once

#include <nlohmann/json.hpp>

#include "quanze/record.hpp"

namespace quanze {

using Json = nlohmann::ordered_json;

/// Every key of DESIGN.md part 5, in the order shown there.
Json record_object(const DecisionRecord& record);

}  // namespace quanze
