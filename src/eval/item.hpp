// One item's decoded values, indexed like Program::fields.
#pragma once

#include <string_view>
#include <vector>

#include "eval/program.hpp"
#include "quanze/legal_basis.hpp"

namespace quanze {

/// The evaluator and the interpolation read an item only through these
/// accessors, so that PackedItems (eval/packed_items.hpp) can stand in for
/// it with the same semantics.
struct ItemValues {
  std::vector<Value> values;       // one per field
  std::vector<LegalBasis> bases;   // one per field; used by basis fields only

  bool present(std::size_t f) const { return values[f].present; }
  std::uint64_t bits(std::size_t f) const { return values[f].bits; }
  double number(std::size_t f) const { return values[f].number; }
  std::string_view text(std::size_t f) const { return values[f].text; }
  /// A basis field's citation titles.
  std::size_t title_count(std::size_t f) const { return bases[f].citations.size(); }
  std::string_view title(std::size_t f, std::size_t i) const { return bases[f].citations[i].title; }
};

}  // namespace quanze
