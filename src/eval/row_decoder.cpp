#include "eval/row_decoder.hpp"

#include "eval/cell_decoder.hpp"

namespace quanze {

RowDecoder::RowDecoder(const Program& program, std::vector<std::size_t> columns,
                       std::vector<std::string> headers)
    : program_(program), columns_(std::move(columns)), headers_(std::move(headers)) {
  for (const EnumDef& e : program.enums) enums_.emplace_back(e);
  for (std::size_t f = 0; f < program.fields.size(); ++f) {
    const FieldDef& field = program.fields[f];
    Plan p;
    p.column = columns_[f];
    p.kind = field.type.kind;
    p.has_default = field.default_text.has_value();
    if (p.has_default) p.default_text = *field.default_text;
    if (p.kind == ValueKind::enumeration) p.members = &enums_[field.type.enum_id];
    plan_.push_back(p);
  }
}

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

namespace {

/// Short whole numbers, nearly every number cell: as parse_number takes
/// them (exact as a double), without its general scan. False for
/// anything else, which then takes parse_number.
bool whole_number(std::string_view text, double& out) {
  if (text.size() > 15) return false;
  std::uint64_t n = 0;
  for (char c : text) {
    unsigned d = static_cast<unsigned char>(c) - unsigned{'0'};
    if (d > 9) return false;
    n = n * 10 + d;
  }
  out = static_cast<double>(n);
  return true;
}

/// 是 and 否, what lists write in bool cells, before parse_bool's list of
/// spellings. -1 for anything else.
int yes_no(std::string_view text) {
  if (text.size() != 3) return -1;
  if (text == "是") return 1;
  if (text == "否") return 0;
  return -1;
}

}  // namespace

// The common cases inline, each deciding as decode_cell does; a cell they
// do not take, or one in error, goes to decode_field, which also words the
// problem. Text views point into the row, as decode_field's do.
bool RowDecoder::decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const {
  const std::size_t n = plan_.size();
  item.values.resize(n);
  item.bases.resize(n);
  bool ok = true;
  const std::size_t cells = row.cells.size();
  for (std::size_t f = 0; f < n; ++f) {
    const Plan& p = plan_[f];
    std::string_view cell = p.column < cells ? std::string_view(row.cells[p.column]) : std::string_view{};
    cell = trim_cell(cell);
    if (cell.empty() && p.has_default) cell = p.default_text;
    Value& v = item.values[f];
    if (cell.empty()) {
      v = Value{};  // missing; a basis still has level none and no citations
      LegalBasis& basis = item.bases[f];
      basis.citations.clear();
      basis.highest = LegalLevel::none;
      basis.highest_index = -1;
      continue;
    }
    v = Value{};
    v.text = cell;
    switch (p.kind) {
      case ValueKind::text:
        v.present = true;
        continue;
      case ValueKind::number:
        if (whole_number(cell, v.number) || parse_number(cell, v.number)) {
          v.present = true;
          continue;
        }
        break;
      case ValueKind::boolean: {
        int yn = yes_no(cell);
        bool b = yn > 0;
        if (yn >= 0 || parse_bool(cell, b)) {
          v.bits = b;
          v.present = true;
          continue;
        }
        break;
      }
      case ValueKind::enumeration:
        if (int m = p.members->find(cell); m >= 0) {
          v.bits = static_cast<std::uint64_t>(m);
          v.present = true;
          continue;
        }
        break;
      case ValueKind::basis: {
        LegalBasis& basis = item.bases[f];
        parse_legal_basis(cell, basis);
        v.bits = static_cast<std::uint64_t>(basis.highest);
        v.number = static_cast<double>(basis.citations.size());
        v.present = true;
        continue;
      }
      case ValueKind::set: break;  // decode_field's
    }
    if (!fail(f, row.cells.size() > p.column ? std::string_view(row.cells[p.column]) : std::string_view{}, item,
              problems))
      ok = false;
  }
  return ok;
}

// Out of line: the problem's strings stay off the loop above.
[[gnu::noinline]] bool RowDecoder::fail(std::size_t f, std::string_view cell, ItemValues& item,
                                        std::vector<RowProblem>& problems) const {
  CellProblem problem;
  if (decode_field(program_, f, cell, item.values[f], item.bases[f], problem)) return true;
  std::size_t col = columns_[f];
  problems.push_back({problem.code, static_cast<std::uint32_t>(col + 1), headers_[col], std::string(trim_cell(cell)),
                      std::move(problem.message)});
  return false;
}

}  // namespace quanze
