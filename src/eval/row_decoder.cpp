#include "eval/row_decoder.hpp"

#include "eval/cell_decoder.hpp"

namespace quanze {

RowDecoder::RowDecoder(const Program& program, std::vector<std::size_t> columns,
                       std::vector<std::string> headers)
    : program_(program), columns_(std::move(columns)), headers_(std::move(headers)) {}

bool RowDecoder::decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const {
  const std::size_t n = program_.fields.size();
  item.values.resize(n);
  item.bases.resize(n);
  bool ok = true;
  for (std::size_t f = 0; f < n; ++f) {
    const FieldDef& field = program_.fields[f];
    std::size_t col = columns_[f];
    std::string_view cell = col < row.cells.size() ? trim_cell(row.cells[col]) : std::string_view{};
    if (cell.empty() && field.default_text) cell = *field.default_text;
    Value& value = item.values[f];
    LegalBasis& basis = item.bases[f];
    if (cell.empty()) {
      value = Value{};  // missing; a basis still has level none and no citations
      basis.citations.clear();
      basis.highest = LegalLevel::none;
      basis.highest_index = -1;
      continue;
    }
    CellProblem problem;
    if (!decode_cell(program_, field, cell, value, basis, problem)) {
      problems.push_back({problem.code, static_cast<std::uint32_t>(col + 1), headers_[col],
                          std::string(cell), std::move(problem.message)});
      value = Value{};
      ok = false;
    }
  }
  return ok;
}

}  // namespace quanze
