#include "eval/row_decoder.hpp"

namespace quanze {

RowDecoder::RowDecoder(const Program& program, std::vector<std::size_t> columns, std::vector<std::string> headers)
    : columns_(std::move(columns)), headers_(std::move(headers)) {
  for (const EnumDef& e : program.enums) enums_.emplace_back(e);
  for (const FieldDef& field : program.fields)
    plans_.push_back(plan_field(program, field, has_members(field.type.kind) ? &enums_[field.type.enum_id] : nullptr));
}

bool RowDecoder::decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const {
  const std::size_t n = plans_.size();
  item.values.resize(n);
  item.bases.resize(n);
  bool ok = true;
  const std::size_t cells = row.cells.size();
  CellProblem problem;  // one for the row: a cell in error is rare
  // The arrays' addresses held here: the calls in the loop (a basis, a
  // set) would otherwise make the compiler load them again for every field.
  const FieldPlan* plans = plans_.data();
  const std::size_t* columns = columns_.data();
  Value* values = item.values.data();
  LegalBasis* bases = item.bases.data();
  for (std::size_t f = 0; f < n; ++f) {
    const std::size_t column = columns[f];
    std::string_view cell = column < cells ? std::string_view(row.cells[column]) : std::string_view{};
    if (!decode_field(plans[f], cell, values[f], bases[f], problem)) {
      ok = false;
      add_problem(f, cell, problem, problems);
    }
  }
  return ok;
}

// Out of line: the problem's strings stay off the loop above.
[[gnu::noinline]] void RowDecoder::add_problem(std::size_t f, std::string_view cell, CellProblem& problem,
                                               std::vector<RowProblem>& problems) const {
  std::size_t col = columns_[f];
  problems.push_back({problem.code, static_cast<std::uint32_t>(col + 1), headers_[col], std::string(trim_cell(cell)),
                      std::move(problem.message)});
}

}  // namespace quanze
