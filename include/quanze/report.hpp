// The campaign's attachment forms (DESIGN.md part 1): Attachment 2, the
// items cancelled or delegated, and Attachment 3, the items kept with their
// steps, materials and time limits. Rows are built as plain data; writers
// turn them into CSV and XLSX files a department can hand in.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/output.hpp"
#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

/// One cell: the text as shown, and its value when it is a number (XLSX
/// writes those as numbers, so a department can sum them).
struct FormCell {
  std::string text;
  std::optional<double> number;
};

struct FormColumn {
  std::string header;
  double width = 12;  ///< XLSX column width, in characters
};

/// One item on a form: its department and the cells of the form's columns.
struct FormRow {
  std::string item;        ///< the record's item id (not written: 序号 numbers the rows)
  std::string department;  ///< as in the list; empty when the list has none
  std::vector<FormCell> cells;
};

/// A form as data. `columns` and each row's `cells` leave out 序号 and
/// 实施部门, which depend on the sheet (see `form_sheets`).
struct Form {
  std::string title;      ///< "附件2 取消和下放职权事项清单"
  std::string file_stem;  ///< "附件2-取消和下放职权事项清单"
  std::vector<FormColumn> columns;
  std::vector<FormRow> rows;  ///< in list order
};

/// An item on neither form: its status is not `decided`, so a person must
/// decide it.
struct LeftOut {
  std::string item;
  std::uint64_t row = 0;
  Status status = Status::undecided;
};

struct Report {
  Form attachment2;  ///< cancel, delegate, filing
  Form attachment3;  ///< keep
  /// Every department of the list, in order of first appearance; empty
  /// when the list has no department column.
  std::vector<std::string> departments;
  std::vector<LeftOut> left_out;
};

/// Sorts decided items into the two forms, one row at a time, so a caller
/// that also wants derivations or a summary reads the list once. Values come
/// from the policy's schema fields (name, category, steps, materials,
/// statutory_days, promised_days, department) when the policy has them, else
/// from the headers 事项名称, 事项类别, 办理环节, 申请材料, 法定时限, 承诺时限,
/// 实施部门; a column the list lacks gives empty cells.
class ReportBuilder {
 public:
  ReportBuilder(const Policy& policy, const Table& table, const Classifier& classifier);
  ~ReportBuilder();
  /// `record` is the row's decision, from `classifier`.
  void add(const Row& row, const DecisionRecord& record);
  /// Days the row's promised time limit undercuts its statutory one, when
  /// both are numbers and the promise is shorter.
  std::optional<double> compressed_days(const Row& row) const;
  Report finish();

  struct Columns;

 private:
  const Policy& policy_;
  std::unique_ptr<Columns> columns_;
  Report report_;
  std::vector<std::string> seen_departments_;
};

/// Classifies every row of `table` and builds both forms.
Report build_report(const Policy& policy, const Table& table, Classifier& classifier);

/// One worksheet of a form: the combined sheet 全部 (with 实施部门 after 序号)
/// or one department's. Rows are numbered from 1 in the first cell.
struct FormSheet {
  std::string name;  ///< a valid, unique Excel sheet name
  std::string title;
  std::vector<FormColumn> columns;
  std::vector<std::vector<FormCell>> rows;
};

/// 全部 first, then one sheet per department of `departments` (even one
/// with no row on this form: it reports none), named by `sheet_names`.
std::vector<FormSheet> form_sheets(const Form& form, const std::vector<std::string>& departments);

/// Excel sheet names for 全部 and each department, in that order: at most 31
/// characters (UTF-16 units), []:*?/\ replaced by their full-width forms,
/// no leading or trailing apostrophe, not empty (（未填部门）), not History,
/// unique ignoring ASCII case (a repeat gets " (2)", " (3)"…).
std::vector<std::string> sheet_names(const std::vector<std::string>& departments);

/// The combined sheet as CSV: UTF-8, with a BOM unless told to omit it,
/// RFC 4180 quoting, a header row then one row per item.
void write_form_csv(const Form& form, std::ostream& out, Bom bom = Bom::write);

/// The form as an XLSX workbook at `path` (libxlsxwriter takes a file
/// name): every sheet of `form_sheets`, each with a title row, a bold header
/// row and the data. The same form gives the same bytes: the document's
/// creation time is fixed. False with `error` when the file cannot be made.
bool write_form_xlsx(const Form& form, const std::vector<std::string>& departments, const std::string& path,
                     std::string& error);

enum class ReportFormats { csv, xlsx, both, none };

/// Writes both forms into `dir` (created if missing) in the chosen formats.
/// Every file goes to a temporary name first and all are renamed into place
/// only when all were written, so a failed run leaves no file, whole or
/// half. `written` gets the paths, in order. `html`, when given, is the
/// audit report's text, written as 审计报告.html in the same way. `csv_bom`
/// says whether the CSV forms start with a byte-order mark.
bool write_report(const Report& report, const std::string& dir, ReportFormats formats,
                  std::vector<std::string>& written, std::string& error, const std::string* html = nullptr,
                  Bom csv_bom = Bom::write);

/// The audit report's file name in a report directory.
inline constexpr const char* kAuditReportFile = "审计报告.html";

}  // namespace quanze
