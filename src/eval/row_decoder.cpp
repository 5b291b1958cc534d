#include "eval/row_decoder.hpp"

#include "eval/cell_decoder.hpp"

namespace quanze {

RowDecoder::RowDecoder(const Program& program, std::vector<std::size_t> columns,
                       std::vector<std::string> headers)
    : program_(program), columns_(std::move(columns)), headers_(std::move(headers)) {}

bool decode_field(const Program& program, std::size_t f, std::string_view cell, Value& value, LegalBasis& basis,
                  CellProblem& problem) {
  const FieldDef& field = program.fields[f];
  cell = trim_cell(cell);
  if (cell.empty() && field.default_text) cell = *field.default_text;
  if (cell.empty()) {
    value = Value{};  // missing; a basis still has level none and no citations
    basis.citations.clear();
    basis.highest = LegalLevel::none;
    basis.highest_index = -1;
    return true;
  }
  if (decode_cell(program, field, cell, value, basis, problem)) return true;
  value = Value{};
  return false;
}

bool RowDecoder::decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const {
  const std::size_t n = program_.fields.size();
  item.values.resize(n);
  item.bases.resize(n);
  bool ok = true;
  for (std::size_t f = 0; f < n; ++f) {
    std::size_t col = columns_[f];
    std::string_view cell = col < row.cells.size() ? std::string_view(row.cells[col]) : std::string_view{};
    CellProblem problem;
    if (!decode_field(program_, f, cell, item.values[f], item.bases[f], problem)) {
      problems.push_back({problem.code, static_cast<std::uint32_t>(col + 1), headers_[col],
                          std::string(trim_cell(cell)), std::move(problem.message)});
      ok = false;
    }
  }
  return ok;
}

}  // namespace quanze
