// One item's decoded values, indexed like Program::fields.
#pragma once

#include <vector>

#include "eval/program.hpp"
#include "quanze/legal_basis.hpp"

namespace quanze {

struct ItemValues {
  std::vector<Value> values;       // one per field
  std::vector<LegalBasis> bases;   // one per field; used by basis fields only
};

}  // namespace quanze
