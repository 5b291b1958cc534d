#include "eval/row_decoder.hpp"

#include <algorithm>

namespace quanze {
namespace {

/// No id or label of `e` starts or ends with what trim_cell strips: a cell
/// that is one of them as it stands is its own trimmed text.
bool members_as_is(const EnumDef& e) {
  auto as_is = [](const std::string& text) { return trim_cell(text) == text; };
  return std::all_of(e.ids.begin(), e.ids.end(), as_is) && std::all_of(e.labels.begin(), e.labels.end(), as_is);
}

}  // namespace

RowDecoder::RowDecoder(const Program& program, std::vector<std::size_t> columns, std::vector<std::string> headers)
    : columns_(std::move(columns)), headers_(std::move(headers)) {
  for (const EnumDef& e : program.enums) enums_.emplace_back(e);
  for (const FieldDef& field : program.fields)
    plans_.push_back(plan_field(program, field, has_members(field.type.kind) ? &enums_[field.type.enum_id] : nullptr));
  for (const FieldDef& field : program.fields) read_.push_back(field.used);
  // A basis field as an operand is its titles (text tests); its highest
  // level and count are operands of their own.
  titles_read_.assign(program.fields.size(), false);
  for (const Node& n : program.nodes)
    for (const Operand* op : {&n.a, &n.b})
      if (op->source == Operand::Source::field && program.fields[op->index].type.kind == ValueKind::basis)
        titles_read_[op->index] = true;
  make_slots();
}

void RowDecoder::set_citations_kept(bool on) {
  if (on == citations_kept_) return;  // set_evidence calls it whether or not it changes
  citations_kept_ = on;
  make_slots();
}

void RowDecoder::set_unread_checked_only(bool on) {
  unread_checked_only_ = on;
  make_slots();
}

void RowDecoder::make_slots() {
  for (std::vector<Slot>* list : {&texts_, &numbers_, &bools_, &enumerations_, &sets_, &bases_, &checked_numbers_})
    list->clear();
  for (std::size_t f = 0; f < plans_.size(); ++f) {
    const FieldPlan& plan = plans_[f];
    Slot slot{static_cast<std::uint32_t>(f), static_cast<std::uint32_t>(columns_[f]), plan.default_text, &plan,
              plan.kind != ValueKind::enumeration || members_as_is(*plan.enum_def),
              citations_kept_ || titles_read_[f]};
    const bool checked_only = unread_checked_only_ && !read_[f];
    switch (plan.kind) {
      case ValueKind::text:
        if (!checked_only) texts_.push_back(slot);
        break;
      case ValueKind::number: (checked_only ? checked_numbers_ : numbers_).push_back(slot); break;
      case ValueKind::boolean: bools_.push_back(slot); break;
      case ValueKind::enumeration: enumerations_.push_back(slot); break;
      case ValueKind::set: sets_.push_back(slot); break;
      case ValueKind::basis: bases_.push_back(slot); break;
    }
  }
}

bool RowDecoder::decode(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const {
  const std::size_t n = plans_.size();
  // An item is decoded into row after row: sized once.
  if (item.values.size() != n || item.bases.size() != n) [[unlikely]] {
    item.values.resize(n);
    item.bases.resize(n);
  }
  return decode_by_kind(row, item) || decode_in_order(row, item, problems);
}

// Each loop writes what decode_field writes for its kind (cell_decoder.hpp):
// the two must not differ, and the tests hold them to the same values.
bool RowDecoder::decode_by_kind(const Row& row, ItemValues& item) const {
  const std::size_t cells = row.cells.size();
  Value* const values = item.values.data();
  // A slot's cell as it stands (empty past the row's last), and how many
  // bytes of the row's text lie before a cell: numbers and members are
  // read in words that may start there.
  const char* const text = row.cells.readable_from();
  auto raw = [&](const Slot& s) { return s.column < cells ? row.cells[s.column] : std::string_view{}; };
  auto before_in_row = [&](std::string_view cell) { return static_cast<std::size_t>(cell.data() - text); };
  // The trimmed cell, or what an empty one reads as (with none before a
  // default, which is not in the row). Not trim_cell(raw(s)): trimming
  // inside the bounds test took 18 fewer instructions a row.
  auto cell_in_row = [&](const Slot& s, std::size_t& before) {
    const std::string_view cell = s.column < cells ? trim_cell(row.cells[s.column]) : std::string_view{};
    if (cell.empty()) {
      before = 0;
      return s.default_text;
    }
    before = before_in_row(cell);
    return cell;
  };
  auto cell_of = [&](const Slot& s) {
    std::size_t before = 0;
    return cell_in_row(s, before);
  };
  for (const Slot& s : texts_) {
    const std::string_view cell = cell_of(s);
    values[s.field] = cell.empty() ? Value{} : Value{true, 0, 0, cell};
  }
  // A number, member or yes/no as the cell stands has nothing to trim
  // (no member's text starts or ends with what trim_cell strips: as_is),
  // so these are read as they stand first; only a cell that is not goes
  // the whole way, trimmed or defaulted.
  for (const Slot& s : numbers_) {
    const std::string_view as_read = raw(s);
    double n = 0;
    if (!as_read.empty() && parse_short_number(as_read, before_in_row(as_read), n)) {
      values[s.field] = {true, n, 0, as_read};
      continue;
    }
    std::size_t before = 0;
    const std::string_view cell = cell_in_row(s, before);
    if (cell.empty()) values[s.field] = Value{};
    else if (parse_number(cell, before, n)) values[s.field] = {true, n, 0, cell};
    else return false;
  }
  for (const Slot& s : checked_numbers_) {
    const std::string_view as_read = raw(s);
    if (is_short_number(as_read, before_in_row(as_read))) continue;
    std::size_t before = 0;
    const std::string_view cell = cell_in_row(s, before);
    double n = 0;
    if (!cell.empty() && !parse_number(cell, before, n)) return false;
  }
  for (const Slot& s : enumerations_) {
    const std::string_view as_read = raw(s);
    if (s.as_is && !as_read.empty()) {
      const int m = s.plan->members->find(as_read, before_in_row(as_read));
      if (m >= 0) {
        values[s.field] = {true, 0, static_cast<std::uint64_t>(m), as_read};
        continue;
      }
    }
    std::size_t before = 0;
    const std::string_view cell = cell_in_row(s, before);
    if (cell.empty()) {
      values[s.field] = Value{};
      continue;
    }
    const int m = s.plan->members->find(cell, before);
    if (m < 0) return false;
    values[s.field] = {true, 0, static_cast<std::uint64_t>(m), cell};
  }
  for (const Slot& s : bools_) {
    bool b = false;
    const std::string_view as_read = raw(s);
    if (!as_read.empty() && parse_bool(as_read, b)) {
      values[s.field] = {true, 0, b, as_read};
      continue;
    }
    const std::string_view cell = cell_of(s);
    if (cell.empty()) values[s.field] = Value{};
    else if (parse_bool(cell, b)) values[s.field] = {true, 0, b, cell};
    else return false;
  }
  for (const Slot& s : bases_) {
    const std::string_view cell = cell_of(s);
    LegalBasis& basis = item.bases[s.field];
    if (cell.empty()) {
      values[s.field] = Value{};
      basis.citations.clear();
      basis.highest = LegalLevel::none;
      basis.highest_index = -1;
      continue;
    }
    if (!s.citations) {
      std::size_t citations = 0;
      basis.citations.clear();
      basis.highest = highest_level(cell, citations);
      basis.highest_index = -1;
      values[s.field] = {true, static_cast<double>(citations), static_cast<std::uint64_t>(basis.highest), cell};
      continue;
    }
    parse_legal_basis(cell, basis, /*articles=*/false);
    values[s.field] = {true, static_cast<double>(basis.citations.size()), static_cast<std::uint64_t>(basis.highest), cell};
  }
  if (!sets_.empty()) {
    CellProblem problem;
    for (const Slot& s : sets_) {
      const std::string_view cell = cell_of(s);
      Value& value = values[s.field];
      if (cell.empty()) {
        value = Value{};
        continue;
      }
      value = {false, 0, 0, cell};
      if (!decode_set(*s.plan, cell, value, problem)) return false;
    }
  }
  return true;
}

bool RowDecoder::decode_in_order(const Row& row, ItemValues& item, std::vector<RowProblem>& problems) const {
  const std::size_t n = plans_.size();
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
