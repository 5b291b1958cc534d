// Finite stand-ins for every field's values. A policy can only tell values
// apart by the tests it writes: the members it names, the numbers and texts
// it compares against, the words it looks for. Picking one cell for each
// class those tests can distinguish makes the search over items complete
// rather than a guess (DESIGN.md part 4; issue 4's analysis).
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "eval/item.hpp"

namespace quanze {

/// The representative cells of one field, each decoded once. The empty
/// cell comes first: most tests are false on it, so searches start small.
struct FieldDomain {
  std::deque<std::string> cells;  // a deque: decoded views point into the cells
  std::vector<Value> values;
  std::vector<LegalBasis> bases;
};

std::vector<FieldDomain> field_domains(const Program& program);

}  // namespace quanze
