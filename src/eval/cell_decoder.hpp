// Turning one text cell into a typed Value. Used for every cell of every
// row, and by the checker to validate `default` literals the same way.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "eval/program.hpp"
#include "quanze/legal_basis.hpp"

namespace quanze {

struct CellProblem {
  const char* code = nullptr;  // from diag/codes.hpp
  std::string message;
};

/// trim_cell's general case: strips ASCII white space and U+3000.
std::string_view trim_cell_edges(std::string_view cell);

/// Cells are trimmed of ASCII white space and U+3000 first. Inline for the
/// common case, a cell whose first and last bytes can be neither: not a
/// control byte or space, not E3 (U+3000's lead), not 80 (its last byte).
inline std::string_view trim_cell(std::string_view cell) {
  // One table look-up a byte, run for every cell of every row.
  static constexpr auto kMayBeSpace = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b <= 0x20; ++b) t[b] = true;
    t[0xE3] = t[0x80] = true;
    return t;
  }();
  auto may_be_space = [](char c) { return kMayBeSpace[static_cast<unsigned char>(c)]; };
  if (cell.empty() || !(may_be_space(cell.front()) | may_be_space(cell.back()))) return cell;
  return trim_cell_edges(cell);
}

/// Decodes `cell` (already trimmed and non-empty) as `field`. A basis cell
/// is parsed into `basis`. Returns false and fills `problem` when the text
/// is not a value of the field's type.
bool decode_cell(const Program& program, const FieldDef& field, std::string_view cell, Value& out,
                 LegalBasis& basis, CellProblem& problem);

/// Bool spellings accepted in data: 是/否, true/false, yes/no, 1/0, Y/N.
bool parse_bool(std::string_view text, bool& out);

/// A decimal number, optionally signed, with an optional fraction.
bool parse_number(std::string_view text, double& out);

}  // namespace quanze
