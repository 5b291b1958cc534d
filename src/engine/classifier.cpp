#include <fmt/format.h>

#include "diag/codes.hpp"
#include "engine/classifier_impl.hpp"
#include "eval/describe.hpp"
#include "eval/interpolate.hpp"

namespace quanze {

Classifier::Classifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Classifier::~Classifier() = default;

std::unique_ptr<Classifier> Classifier::bind(std::shared_ptr<const Policy> policy, const Table& table,
                                             Diagnostics& diags) {
  return bind(std::move(policy), table, diags, Date::today());
}

std::unique_ptr<Classifier> Classifier::bind(std::shared_ptr<const Policy> policy, const Table& table,
                                             Diagnostics& diags, Date as_of) {
  const Program& program = policy->program();
  std::vector<std::size_t> columns;
  std::vector<std::string> missing;
  std::vector<std::string> keys;
  for (const std::string& h : table.headers) keys.push_back(header_key(h));
  for (const FieldDef& field : program.fields) {
    // The header first, then each alias in the order written: a list with
    // both columns is read by the one the schema names first.
    std::size_t col = keys.size();
    std::string named = field.header;
    for (std::size_t a = 0; a <= field.aliases.size() && col == keys.size(); ++a) {
      std::string wanted = header_key(a == 0 ? field.header : field.aliases[a - 1]);
      col = 0;
      while (col < keys.size() && keys[col] != wanted) ++col;
      if (a > 0) named += "\" or \"" + field.aliases[a - 1];
    }
    if (col == table.headers.size()) missing.push_back(named);
    columns.push_back(col);
  }
  if (!missing.empty()) {
    std::string present;
    for (const std::string& h : table.headers) present += (present.empty() ? "" : ", ") + h;
    for (const std::string& header : missing) {
      Diagnostic d;
      d.code = code::missing_header;
      d.file = table.source;
      d.line = 1;
      d.message = fmt::format("the list has no column \"{}\", which the policy's schema reads; "
                              "its columns are: {}",
                              header, present);
      diags.add(std::move(d));
    }
    return nullptr;
  }
  auto impl = std::make_unique<Impl>(std::move(policy), std::move(columns), table.headers, as_of);
  return std::unique_ptr<Classifier>(new Classifier(std::move(impl)));
}

std::optional<std::size_t> Classifier::column_of(std::string_view field) const {
  const auto& fields = impl_->program.fields;
  for (std::size_t f = 0; f < fields.size(); ++f)
    if (fields[f].name == field) return impl_->decoder.column(f);
  return std::nullopt;
}

namespace {

/// `record` as a new one, its strings' and vectors' storage kept. The
/// lists describe() fills, and the evidence, are left to it: it writes
/// them over in place. The paths that never reach it call clear_lists().
void reset(DecisionRecord& r) {
  r.row = 0;
  r.status = Status::undecided;
  r.outcome.reset();
  r.mode.reset();
  r.target.reset();
  r.receiver.reset();
  r.error.clear();
  r.problems.clear();
  r.rule_indexes.list = 0;  // describe() sets it with the positions
}

/// What describe() would have written, for a row in error before it.
void clear_lists(DecisionRecord& r) {
  r.rules.clear();
  r.defeated.clear();
  r.outranked.clear();
  r.conflict.clear();
  r.requirements.clear();
  r.reasons.clear();
  r.citations.clear();
  r.source.clear();
  r.evidence.clear();
  r.rule_indexes.counts = {};
}

}  // namespace

DecisionRecord Classifier::classify(const Row& row) {
  DecisionRecord record;
  classify(row, record);
  return record;
}

void Classifier::classify(const Row& row, DecisionRecord& record) {
  if (!decide(row, record).empty()) describe_decision(record);
}

std::string_view Classifier::decide(const Row& row, DecisionRecord& record) {
  Impl& s = *impl_;
  reset(record);
  record.row = row.line;
  if (s.identity) record.as_of = s.as_of_text;
  auto text_of = [&](std::optional<std::uint16_t> field, std::string& out) {
    std::size_t col = field ? s.decoder.column(*field) : row.cells.size();
    if (col < row.cells.size()) out = row.cells[col];
    else out.clear();
  };
  auto take_item = [&] {
    text_of(s.program.id_field, record.item);
    if (record.item.empty()) record.item = std::to_string(row.line);  // no id field, or an empty id cell
  };
  if (s.identity) {
    take_item();
    text_of(s.program.name_field, record.name);
    text_of(s.program.department_field, record.department);
  } else {
    record.item.clear();  // an error names its item all the same (below)
  }
  s.evaluated = nullptr;
  if (!row.problem.empty()) {
    if (!s.identity) take_item();
    clear_lists(record);
    record.status = Status::error;
    record.error = fmt::format("row {}: {}", row.line, row.problem);
    record.problems.push_back(
        {row.problem_code.empty() ? code::bad_csv : row.problem_code, row.problem_column, "", "", row.problem});
    return {};
  }
  if (!s.decoder.decode(row, s.item, record.problems)) {
    if (!s.identity) take_item();
    clear_lists(record);
    record.status = Status::error;
    const RowProblem& first = record.problems.front();
    record.error = fmt::format("row {}, column {} ({}): {}", row.line, first.column, first.header,
                               first.message);
    return {};
  }
  const KeptEvaluation& kept = s.evaluations.evaluate(s.evaluator, s.item, s.trail);
  s.evaluated = &kept;
  record.status = kept.status;
  if (!s.evidence) {
    std::string_view key;
    if (!kept.kept || kept.trail != s.trail) key = describe_key(s.program, kept.evaluation, s.item, s.trail, s.decision_key);
    else if (kept.prefix_id) key = describe_key(s.program, kept.prefix_id, kept.holes, s.item, s.decision_key);
    if (!key.empty()) return key;
  }
  describe_decision(record);
  return {};
}

void Classifier::describe_decision(DecisionRecord& record) {
  Impl& s = *impl_;
  describe(s.program, s.in_force, s.evaluated->evaluation, s.item, record, s.evidence, s.rule_list, s.trail);
}

void Classifier::set_evidence(bool on) {
  impl_->evidence = on;
  // Evidence shows how a basis's highest level was known, from its citations.
  impl_->decoder.set_citations_kept(on);
}
void Classifier::set_trail(bool on) { impl_->trail = on; }
void Classifier::set_identity(bool on) { impl_->identity = on; }
void Classifier::set_unread_checked_only(bool on) { impl_->decoder.set_unread_checked_only(on); }

}  // namespace quanze
