// A decision record as one CSV row (the CSV writer's rows).
#include "io/csv_cell.hpp"
#include "io/record_format.hpp"

namespace quanze {
namespace {

/// Appends the items joined by `sep` as one cell. The separators (、 ；)
/// need no quoting, so the cell is written as it is unless an item needs
/// it; then it is quoted as a whole, as write_csv_cell would quote the
/// joined text.
void append_joined_cell(std::string& out, const std::vector<std::string>& items, std::string_view sep) {
  std::size_t start = out.size();
  for (const std::string& item : items) {
    if (out.size() != start) out += sep;  // as joined text was: no separator after leading empty items
    out += item;
  }
  if (!csv_cell_needs_quotes(std::string_view(out).substr(start))) return;
  std::string joined = out.substr(start);
  out.resize(start);
  append_csv_cell(out, joined);
}

/// 处理结果: the outcome when decided, else the status (with the error).
void append_result_cell(std::string& out, const DecisionRecord& r) {
  if (r.status == Status::decided && r.outcome) {
    append_csv_cell(out, outcome_label(*r.outcome));
    return;
  }
  if (r.status == Status::error && !r.error.empty()) {
    std::string cell(status_label(r.status));
    cell += "：";
    cell += r.error;
    append_csv_cell(out, cell);
    return;
  }
  append_csv_cell(out, status_label(r.status));
}

}  // namespace

void append_csv_record(std::string& out, const Row& row, const DecisionRecord& r, std::size_t columns) {
  append_csv_cells(out, row, columns);
  append_csv_decision(out, r);
}

void append_csv_cells(std::string& out, const Row& row, std::size_t columns) {
  if (!row.record().empty() && row.problem.empty() && row.cells.size() == columns) {
    // As read: the same cells, quoted where the input quoted them.
    out += row.record();
    out += ',';
  } else {
    for (std::size_t c = 0; c < columns; ++c) {
      if (c < row.cells.size()) append_csv_cell(out, row.cells[c]);
      out += ',';
    }
  }
}

void append_csv_decision(std::string& out, const DecisionRecord& r) {
  bool decided = r.status == Status::decided;
  append_result_cell(out, r);
  out += ',';
  if (decided && r.mode) out += mode_label(*r.mode);
  out += ',';
  if (decided && r.target) append_csv_cell(out, *r.target);
  out += ',';
  if (decided && r.receiver) append_csv_cell(out, *r.receiver);
  out += ',';
  append_joined_cell(out, r.rules, "、");
  out += ',';
  append_joined_cell(out, r.reasons, "；");
  out += ',';
  append_joined_cell(out, r.citations, "；");
  out += '\n';
}

}  // namespace quanze
