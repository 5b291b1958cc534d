// Reading one row of a bound table into an item's typed values.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "eval/cell_decoder.hpp"
#include "eval/enum_index.hpp"
#include "eval/item.hpp"
#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

class RowDecoder {
 public:
  /// `columns[f]` is the table column of field f; `headers` name them.
  RowDecoder(const Program& program, std::vector<std::size_t> columns, std::vector<std::string> headers);
  // The plans point into enums_.
  RowDecoder(const RowDecoder&) = delete;
  RowDecoder& operator=(const RowDecoder&) = delete;

  /// Fills `item`; every cell that is not a value of its field adds a
  /// problem. Returns true when the row had none. Each cell is decoded as
  /// decode_field decodes it, with the field's plan made once here.
  bool decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const;

  std::size_t column(std::size_t field) const { return columns_[field]; }
  /// On: the cells of fields that no condition, string or `next` reads
  /// (FieldDef::used false) are checked, not kept — a row whose cell is not
  /// a value of its field is still in error, but the item's value of such a
  /// field is left as it was. For a reader that only classifies, reading
  /// an item's values through the policy alone. Off by default.
  void set_unread_checked_only(bool on);
  bool unread_checked_only() const { return unread_checked_only_; }
  /// Off: a legal basis whose titles no condition reads is decoded to its
  /// highest level and its count of citations only (highest_level), the
  /// item's LegalBasis left without citations — for a reader that shows
  /// neither them nor how the highest level was known (no evidence). On by
  /// default.
  void set_citations_kept(bool on);

 private:
  /// A field of one kind, where its cell is and what an empty one reads as.
  struct Slot {
    std::uint32_t field;
    std::uint32_t column;
    std::string_view default_text;
    const FieldPlan* plan;
    /// Enumerations: members_as_is (row_decoder.cpp). True for the rest.
    bool as_is;
    /// Legal bases: the citations are made (set_citations_kept, or a
    /// condition reads the titles).
    bool citations;
  };
  /// decode() for a row whose cells are all values of their fields: one
  /// loop a kind of field, so no cell goes through a switch on its kind.
  /// False at the first cell that is not (the values are then partly
  /// written).
  bool decode_by_kind(const Row& row, ItemValues& item) const;
  /// decode() field by field, every problem added in field order: for a row
  /// decode_by_kind found one in, which is rare.
  bool decode_in_order(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const;
  /// Sorts the fields into the per-kind lists below (checked_numbers_ and
  /// no unread texts when unread_checked_only_).
  void make_slots();
  /// Adds the problem decode_field found in field `f`'s cell.
  void add_problem(std::size_t f, std::string_view cell, CellProblem& problem,
                   std::vector<RowProblem>& problems) const;

  std::vector<std::size_t> columns_;  // per field
  std::vector<std::string> headers_;
  std::vector<EnumIndex> enums_;  // per Program::enums
  std::vector<FieldPlan> plans_;  // per field
  std::vector<bool> read_;  ///< per field: FieldDef::used
  std::vector<bool> titles_read_;  ///< per field: a condition tests a basis field's titles
  std::vector<Slot> texts_, numbers_, bools_, enumerations_, sets_, bases_;  // per kind, in field order
  /// Numbers no rule reads, under set_unread_checked_only: checked only.
  /// (Text cannot be wrong, so an unread text is not in texts_; the other
  /// kinds are checked by decoding, and so are decoded.)
  std::vector<Slot> checked_numbers_;
  bool unread_checked_only_ = false;
  bool citations_kept_ = true;
};

}  // namespace quanze
