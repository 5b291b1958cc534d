// Turning one text cell into a typed Value. Used for every cell of every
// row, and by the checker to validate `default` literals the same way.
#pragma once

#include <string>
#include <string_view>

#include "eval/program.hpp"
#include "quanze/legal_basis.hpp"

namespace quanze {

struct CellProblem {
  const char* code = nullptr;  // from diag/codes.hpp
  std::string message;
};

/// Cells are trimmed of ASCII white space and U+3000 first.
std::string_view trim_cell(std::string_view cell);

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
