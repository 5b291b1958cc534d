// Reading one row of a bound table into an item's typed values.
#pragma once

#include <vector>

#include "eval/cell_decoder.hpp"
#include "eval/enum_index.hpp"
#include "eval/item.hpp"
#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

/// One cell of field `f` (trimmed here; empty takes the field's default).
/// Views in `value` and `basis` point into `cell` or the program.
bool decode_field(const Program& program, std::size_t f, std::string_view cell, Value& value, LegalBasis& basis,
                  CellProblem& problem);

class RowDecoder {
 public:
  /// `columns[f]` is the table column of field f; `headers` name them.
  RowDecoder(const Program& program, std::vector<std::size_t> columns, std::vector<std::string> headers);

  /// Fills `item`; every cell that is not a value of its field adds a
  /// problem. Returns true when the row had none. Decides exactly as
  /// decode_field, cell by cell.
  bool decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const;

  std::size_t column(std::size_t field) const { return columns_[field]; }

 private:
  /// What decoding a field needs, resolved once per list rather than
  /// looked up through the program for every cell.
  struct Plan {
    std::size_t column = 0;
    ValueKind kind = ValueKind::text;
    bool has_default = false;
    std::string_view default_text;
    const EnumIndex* members = nullptr;  // enumeration
  };

  bool fail(std::size_t f, std::string_view cell, ItemValues& item, std::vector<RowProblem>& problems) const;

  const Program& program_;
  std::vector<std::size_t> columns_;
  std::vector<std::string> headers_;
  std::vector<EnumIndex> enums_;  // per Program::enums
  std::vector<Plan> plan_;        // per field
};

}  // namespace quanze
