// What would have to differ for an item to be decided otherwise: the
// smallest changes to its cells, found over the same representative values
// `check`'s analysis searches, each with the decision it would lead to.
#pragma once

#include <string>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/record.hpp"

namespace quanze {

struct CellChange {
  std::string field;
  std::string header;
  std::string from;  ///< the cell as in the list
  std::string to;    ///< "" means empty
  std::string level;  ///< for a legal basis: the highest level of `to` (a stand-in cell), e.g. 规章
};

/// One decision the item could get, and the smallest sets of changes that
/// lead to it (one field where one suffices, else two).
struct WhatIfAlternative {
  DecisionRecord record;  ///< the item's record after the first change set
  std::vector<std::vector<CellChange>> changes;
};

struct WhatIf {
  DecisionRecord current;
  std::vector<WhatIfAlternative> alternatives;  ///< ordered by fewest changes, then first found
};

/// Changes only fields some rule or requirement reads; lists at most
/// `max_examples` change sets per alternative.
WhatIf what_if(const Policy& policy, Classifier& classifier, const Row& row, std::size_t max_examples = 3);

/// Chinese-labelled text of the alternatives.
std::string what_if_text(const WhatIf& w, const Policy& policy);

/// {"item", "current": record, "alternatives": [{"record", "changes": [[{field, header, from, to}]]}]}
std::string what_if_json(const WhatIf& w);

}  // namespace quanze
