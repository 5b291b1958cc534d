// Building the rows of Attachments 2 and 3 from decision records and the
// list's own cells. Only decided items go on a form: anything else needs a
// person, and a form must not pretend otherwise.
#include <algorithm>
#include <optional>
#include <string_view>

#include "eval/cell_decoder.hpp"
#include "eval/interpolate.hpp"
#include "eval/program.hpp"
#include "quanze/report.hpp"

namespace quanze {
namespace {

/// Where each value of the forms comes from in this list.
struct Sources {
  std::optional<std::size_t> name, category, steps, materials, statutory_days, promised_days, department,
      measures;
};

/// The schema field's column when the policy has the field, else the
/// column with the form's usual header, else none.
std::optional<std::size_t> find_column(const Table& table, const Classifier& classifier, std::string_view field,
                                       std::string_view header) {
  if (auto col = classifier.column_of(field)) return col;
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    if (header_key(table.headers[c]) == header) return c;
  return std::nullopt;
}

Sources find_sources(const Table& table, const Classifier& classifier) {
  Sources s;
  s.name = find_column(table, classifier, "name", "事项名称");
  s.category = find_column(table, classifier, "category", "事项类别");
  s.steps = find_column(table, classifier, "steps", "办理环节");
  s.materials = find_column(table, classifier, "materials", "申请材料");
  s.statutory_days = find_column(table, classifier, "statutory_days", "法定时限");
  s.promised_days = find_column(table, classifier, "promised_days", "承诺时限");
  s.department = find_column(table, classifier, "department", "实施部门");
  // Follow-up measures are not something a policy decides: only the list has them.
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    if (header_key(table.headers[c]) == "后续措施") s.measures = c;
  return s;
}

std::string cell_text(const Row& row, std::optional<std::size_t> col) {
  if (!col || *col >= row.cells.size()) return {};
  return std::string(trim_cell(row.cells[*col]));
}

FormCell text(std::string s) { return {std::move(s), std::nullopt}; }

FormCell number(double value) {
  FormCell c;
  append_number(value, c.text);
  c.number = value;
  return c;
}

/// A count or a time limit: a number when the cell holds one, else the
/// text as written ("20个工作日" stays text rather than becoming a guess).
FormCell number_or_text(std::string s) {
  double value = 0;
  if (parse_number(s, value)) return {std::move(s), value};
  return text(std::move(s));
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

enum class Category { none, power, internal };

/// 权责清单事项 or 内部管理事项. A policy whose `category` enum has the members
/// `power` and `internal` may label them its own way; without such a field
/// the cell must hold one of the two labels.
Category category_of(const Program& program, std::string_view cell) {
  std::string_view id;
  for (const FieldDef& field : program.fields) {
    if (field.name != "category" || field.type.kind != ValueKind::enumeration) continue;
    const EnumDef& e = program.enums[field.type.enum_id];
    if (int m = e.find(cell); m >= 0) id = e.ids[static_cast<std::size_t>(m)];
  }
  if (id == "power" || cell == "权责清单事项") return Category::power;
  if (id == "internal" || cell == "内部管理事项") return Category::internal;
  return Category::none;
}

/// 取消和下放的依据或理由: why (the reasons) and on what authority (the citations).
std::string basis_or_reason(const DecisionRecord& r) {
  std::string out = joined(r.reasons, "；");
  if (!r.citations.empty()) {
    if (!out.empty() && !out.ends_with("。")) out += "。";
    out += "依据：" + joined(r.citations, "；");
  }
  return out;
}

/// 备注 of Attachment 2: what happens to the item, with the way of delegating.
std::string attachment2_note(const DecisionRecord& r) {
  std::string out(outcome_label(*r.outcome));
  if (*r.outcome == Outcome::delegate && r.mode) out += "（" + std::string(mode_label(*r.mode)) + "）";
  return out;
}

/// 备注 of Attachment 3: the rules that kept the item, and any requirement
/// that turned another outcome into keeping it, so an auditor can trace it.
std::string attachment3_note(const DecisionRecord& r) {
  std::vector<std::string> ids = r.rules;
  for (const RequirementCheck& check : r.requirements)
    if (!check.held) ids.push_back(check.rule);
  return joined(ids, "、");
}

Form attachment2_form() {
  Form f;
  f.title = "附件2 取消和下放职权事项清单";
  f.file_stem = "附件2-取消和下放职权事项清单";
  f.columns = {{"事项名称", 36},           {"权责清单事项", 8}, {"内部管理事项", 8}, {"取消和下放的依据或理由", 50},
               {"承接主体", 16},           {"取消或下放后续措施", 30}, {"备注", 16}};
  return f;
}

Form attachment3_form() {
  Form f;
  f.title = "附件3 保留职权事项及减环节、减材料、减时限清单";
  f.file_stem = "附件3-保留职权事项及减环节减材料减时限清单";
  f.columns = {{"事项名称", 36},         {"事项类别", 14},         {"办理环节", 8},
               {"申请材料", 8},          {"法定时限（工作日）", 10}, {"承诺时限（工作日）", 10},
               {"压缩时限（工作日）", 10}, {"保留理由", 50},         {"备注", 24}};
  return f;
}

std::vector<FormCell> attachment2_cells(const Program& program, const Sources& s, const Row& row,
                                        const DecisionRecord& r) {
  Category category = category_of(program, cell_text(row, s.category));
  std::string receiver = r.receiver.value_or(r.target.value_or(""));
  return {text(cell_text(row, s.name)),
          text(category == Category::power ? "√" : ""),
          text(category == Category::internal ? "√" : ""),
          text(basis_or_reason(r)),
          text(receiver),
          text(cell_text(row, s.measures)),
          text(attachment2_note(r))};
}

std::vector<FormCell> attachment3_cells(const Sources& s, const Row& row, const DecisionRecord& r) {
  FormCell statutory = number_or_text(cell_text(row, s.statutory_days));
  FormCell promised = number_or_text(cell_text(row, s.promised_days));
  // Saved time only when both limits are numbers: never a value the list does not support.
  FormCell saved = statutory.number && promised.number ? number(*statutory.number - *promised.number) : text("");
  return {text(cell_text(row, s.name)),
          text(cell_text(row, s.category)),
          number_or_text(cell_text(row, s.steps)),
          number_or_text(cell_text(row, s.materials)),
          std::move(statutory),
          std::move(promised),
          std::move(saved),
          text(joined(r.reasons, "；")),
          text(attachment3_note(r))};
}

}  // namespace

struct ReportBuilder::Columns : Sources {};

ReportBuilder::ReportBuilder(const Policy& policy, const Table& table, const Classifier& classifier)
    : policy_(policy), columns_(std::make_unique<Columns>(Columns{find_sources(table, classifier)})) {
  report_.attachment2 = attachment2_form();
  report_.attachment3 = attachment3_form();
}

ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::add(const Row& row, const DecisionRecord& r) {
  const Sources& sources = *columns_;
  std::string department = cell_text(row, sources.department);
  if (sources.department &&
      std::find(seen_departments_.begin(), seen_departments_.end(), department) == seen_departments_.end()) {
    seen_departments_.push_back(department);
    report_.departments.push_back(department);
  }
  if (r.status != Status::decided || !r.outcome) {
    report_.left_out.push_back({r.item, r.row, r.status});
    return;
  }
  if (*r.outcome == Outcome::keep)
    report_.attachment3.rows.push_back({r.item, department, attachment3_cells(sources, row, r)});
  else
    report_.attachment2.rows.push_back({r.item, department, attachment2_cells(policy_.program(), sources, row, r)});
}

std::optional<double> ReportBuilder::compressed_days(const Row& row) const {
  FormCell statutory = number_or_text(cell_text(row, columns_->statutory_days));
  FormCell promised = number_or_text(cell_text(row, columns_->promised_days));
  if (!statutory.number || !promised.number || *promised.number >= *statutory.number) return std::nullopt;
  return *statutory.number - *promised.number;
}

Report ReportBuilder::finish() { return std::move(report_); }

Report build_report(const Policy& policy, const Table& table, Classifier& classifier) {
  ReportBuilder builder(policy, table, classifier);
  for (const Row& row : table.rows) builder.add(row, classifier.classify(row));
  return builder.finish();
}

}  // namespace quanze
