// Turning one text cell into a typed Value. Used for every cell of every
// row, and by the checker to validate `default` literals the same way:
// decode_cell is the one place that decides what a cell of a field means.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "diag/byte_words.hpp"
#include "eval/enum_index.hpp"
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
  // As numbers, both ends looked up before the one branch.
  auto may_be_space = [](char c) -> unsigned { return kMayBeSpace[static_cast<unsigned char>(c)]; };
  if (cell.empty() || (may_be_space(cell.front()) | may_be_space(cell.back())) == 0) return cell;
  return trim_cell_edges(cell);
}

/// parse_bool's spellings but 是 and 否.
bool parse_bool_spelling(std::string_view text, bool& out);

/// Bool spellings accepted in data: 是/否, true/false, yes/no, 1/0, Y/N
/// (ASCII in any case). 是 and 否, what lists write, are tried first,
/// inline.
inline bool parse_bool(std::string_view text, bool& out) {
  if (text.size() == 3) {
    // Both tested before either is branched on: rows say 是 and 否 at
    // random, and a branch on each was mispredicted every other row.
    const auto c = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const std::uint32_t ch = std::uint32_t{c(0)} << 16 | std::uint32_t{c(1)} << 8 | c(2);
    const bool yes = ch == 0xE698AF, no = ch == 0xE590A6;  // 是, 否
    if (yes | no) return out = yes, true;
  }
  return parse_bool_spelling(text, out);
}

/// parse_number's general case: a sign, a fraction, more than 15 digits.
bool parse_decimal(std::string_view text, double& out);

/// A decimal number, optionally signed, with an optional fraction. Counts
/// and days are nearly every number cell: whole and at most 15 digits,
/// exact as a double, they are read inline without the general scan.
inline bool parse_number(std::string_view text, double& out) {
  if (text.empty() || text.size() > 15) return parse_decimal(text, out);
  std::uint64_t n = 0;
  for (char c : text) {
    unsigned d = static_cast<unsigned char>(c) - unsigned{'0'};
    if (d > 9) return parse_decimal(text, out);
    n = n * 10 + d;
  }
  out = static_cast<double>(n);
  return true;
}

/// The word of a number of one to eight digits, nothing else, in a cell
/// of a row with `before` bytes before it that may be read: its digits,
/// the first in the lowest byte, the bytes before the cell read as '0';
/// false for any other text. Checked a word at a time (the word ending
/// where the cell does), with no branch on how many digits — lengths vary
/// from row to row, and a digit loop's exit was mispredicted about once a
/// number.
inline bool short_number_word(std::string_view text, std::size_t before, std::uint64_t& w) {
  const std::size_t n = text.size();
  if (n - 1 >= 8 || before + n < 8) return false;  // n - 1 >= 8: also n == 0
  w = bytes::word(text.data() + n - 8);
  const std::uint64_t keep = ~std::uint64_t{0} << (8 * (8 - n));
  constexpr std::uint64_t kZeros = 0x3030303030303030ULL, kHigh = 0xF0F0F0F0F0F0F0F0ULL;
  w = (w & keep) | (kZeros & ~keep);
  // Digits: high nibble 3, and a low nibble that 6 more does not carry
  // out of (no byte carries into the next once every high nibble is 3).
  return ((((w & kHigh) ^ kZeros) | (((w + 0x0606060606060606ULL) & kHigh) ^ kZeros)) == 0);
}

/// The cell is a number of one to eight digits (short_number_word).
inline bool is_short_number(std::string_view text, std::size_t before) {
  std::uint64_t w = 0;
  return short_number_word(text, before, w);
}

/// Its value, for a number of one to eight digits; false for any other
/// text.
inline bool parse_short_number(std::string_view text, std::size_t before, double& out) {
  std::uint64_t w = 0;
  if (!short_number_word(text, before, w)) return false;
  // Pairs, then fours, then eight.
  std::uint64_t v = w - 0x3030303030303030ULL;
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL;
  v = (v * 10000 + (v >> 32)) & 0xFFFFFFFFULL;
  out = static_cast<double>(v);
  return true;
}
/// parse_number for a cell of a row (`before` as above).
inline bool parse_number(std::string_view text, std::size_t before, double& out) {
  return parse_short_number(text, before, out) || parse_number(text, out);
}

/// What decoding one field's cells needs, resolved once (per list, for a
/// row decoder) rather than looked up through the program for every cell.
struct FieldPlan {
  const FieldDef* field = nullptr;
  ValueKind kind = ValueKind::text;
  std::string_view default_text;      ///< what an empty cell reads as; empty when none
  const EnumIndex* members = nullptr;  ///< enumeration and set: the members by text
  const EnumDef* enum_def = nullptr;   ///< the same members, for a problem's wording
  /// A set whose members' ids and labels hold no separator: a cell that is
  /// one of them whole is that member alone, found without splitting.
  bool whole_members = false;
};

/// Enumeration and set fields: their cells name members of an enum.
inline bool has_members(ValueKind kind) { return kind == ValueKind::enumeration || kind == ValueKind::set; }

/// The plan of `field`; `members` must index the field's enum (for an
/// enumeration or set field) and outlive the plan, as must the program.
FieldPlan plan_field(const Program& program, const FieldDef& field, const EnumIndex* members);

/// Fills `problem` for `text`, which is not a value of the plan's field
/// (for a set, one of its members); returns false. Out of line: the
/// wording stays off the per-cell path.
[[gnu::cold]] bool wrong_cell(const FieldPlan& plan, std::string_view text, CellProblem& problem);

/// A set cell: members separated by 、；，; , or white space.
bool decode_set(const FieldPlan& plan, std::string_view cell, Value& out, CellProblem& problem);

/// Decodes `cell` (already trimmed and non-empty) as the plan's field. A
/// basis cell is parsed into `basis`, without articles (no rule reads
/// them). Returns false and fills `problem` when the text is not a value
/// of the field's type. Inline: a row decoder runs it for every field of
/// every row.
inline bool decode_cell(const FieldPlan& plan, std::string_view cell, Value& out, LegalBasis& basis,
                        CellProblem& problem) {
  // Each kind writes the value whole, once: a row's seventeen cells are
  // decoded by the million, and clearing the value first doubled the stores.
  switch (plan.kind) {
    case ValueKind::text:
      out = {true, 0, 0, cell};
      return true;
    case ValueKind::number: {
      double n = 0;
      if (!parse_number(cell, n)) return wrong_cell(plan, cell, problem);
      out = {true, n, 0, cell};
      return true;
    }
    case ValueKind::boolean: {
      bool b = false;
      if (!parse_bool(cell, b)) return wrong_cell(plan, cell, problem);
      out = {true, 0, b, cell};
      return true;
    }
    case ValueKind::enumeration: {
      int m = plan.members->find(cell);
      if (m < 0) return wrong_cell(plan, cell, problem);
      out = {true, 0, static_cast<std::uint64_t>(m), cell};
      return true;
    }
    case ValueKind::set:
      out = {false, 0, 0, cell};
      return decode_set(plan, cell, out, problem);
    case ValueKind::basis:
      parse_legal_basis(cell, basis, /*articles=*/false);
      out = {true, static_cast<double>(basis.citations.size()), static_cast<std::uint64_t>(basis.highest), cell};
      return true;
  }
  out = {true, 0, 0, cell};
  return true;
}

/// One cell of a field, as read: trimmed here; empty takes the field's
/// default; still empty, the value is missing (and a basis has level none
/// and no citations). On a problem the value is missing too. Views in
/// `value` and `basis` point into `cell` or the program.
inline bool decode_field(const FieldPlan& plan, std::string_view cell, Value& value, LegalBasis& basis,
                         CellProblem& problem) {
  cell = trim_cell(cell);
  if (cell.empty()) cell = plan.default_text;
  if (cell.empty()) {
    value = Value{};
    basis.citations.clear();
    basis.highest = LegalLevel::none;
    basis.highest_index = -1;
    return true;
  }
  if (decode_cell(plan, cell, value, basis, problem)) return true;
  value = Value{};
  return false;
}

/// The same for callers that decode a few cells, not a list (the checker's
/// defaults, the analysis's candidate values): the plan made on the spot.
bool decode_cell(const Program& program, const FieldDef& field, std::string_view cell, Value& out,
                 LegalBasis& basis, CellProblem& problem);
bool decode_field(const Program& program, std::size_t f, std::string_view cell, Value& value, LegalBasis& basis,
                  CellProblem& problem);

}  // namespace quanze
