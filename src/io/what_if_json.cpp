// explain --what-if --format json.
#include "io/record_json.hpp"
#include "quanze/what_if.hpp"

namespace quanze {

std::string what_if_json(const WhatIf& w) {
  Json alternatives = Json::array();
  for (const WhatIfAlternative& a : w.alternatives) {
    Json sets = Json::array();
    for (const auto& set : a.changes) {
      Json changes = Json::array();
      for (const CellChange& c : set)
        changes.push_back({{"field", c.field}, {"header", c.header}, {"from", c.from}, {"to", c.to},
                           {"level", c.level.empty() ? Json(nullptr) : Json(c.level)}});
      sets.push_back(std::move(changes));
    }
    alternatives.push_back({{"record", record_object(a.record)}, {"changes", std::move(sets)}});
  }
  Json j = {{"item", w.current.item}, {"current", record_object(w.current)}, {"alternatives", std::move(alternatives)}};
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace quanze
