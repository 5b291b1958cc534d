// A form as one CSV file: the combined sheet, every department's items
// with 实施部门 after 序号, for people who merge forms in their own tools.
#include "io/csv_cell.hpp"
#include "quanze/report.hpp"

namespace quanze {

void write_form_csv(const Form& form, std::ostream& out, Bom bom) {
  FormSheet all = form_sheets(form, {}).front();
  if (bom == Bom::write) out << "\xEF\xBB\xBF";  // Excel and WPS read UTF-8 CSV correctly only with a BOM
  for (std::size_t c = 0; c < all.columns.size(); ++c) {
    if (c) out << ',';
    write_csv_cell(out, all.columns[c].header);
  }
  out << '\n';
  for (const auto& cells : all.rows) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out << ',';
      write_csv_cell(out, cells[c].text);
    }
    out << '\n';
  }
}

}  // namespace quanze
