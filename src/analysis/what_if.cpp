// explain --what-if: the item's cells changed one field at a time over the
// representative values, then two at a time for decisions one change
// cannot reach. Each candidate is classified for real.
#include "quanze/what_if.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "analysis/field_domains.hpp"
#include "eval/cell_decoder.hpp"
#include "quanze/legal_basis.hpp"

namespace quanze {
namespace {

/// What makes two decisions different to the person asking.
auto decision_key(const DecisionRecord& r) {
  return std::make_tuple(r.status, r.status == Status::decided ? r.outcome : std::nullopt,
                         r.status == Status::decided ? r.mode : std::nullopt,
                         r.status == Status::decided ? r.target : std::nullopt);
}

class WhatIfSearch {
 public:
  WhatIfSearch(const Policy& policy, Classifier& classifier, const Row& row, std::size_t max_examples)
      : p_(policy.program()), classifier_(classifier), row_(row), max_(max_examples), domains_(field_domains(p_)) {
    for (std::uint16_t f = 0; f < p_.fields.size(); ++f) {
      auto col = classifier.column_of(p_.fields[f].name);
      if (p_.fields[f].used && col) fields_.push_back({f, *col});
    }
  }

  WhatIf run() {
    WhatIf out;
    out.current = classifier_.classify(row_);
    for (const auto& a : fields_)
      for (const std::string& cell : options(a))
        consider(out, {{a, cell}});
    std::size_t single = out.alternatives.size();
    for (std::size_t i = 0; i < fields_.size(); ++i)
      for (std::size_t j = i + 1; j < fields_.size(); ++j)
        for (const std::string& x : options(fields_[i]))
          for (const std::string& y : options(fields_[j])) consider(out, {{fields_[i], x}, {fields_[j], y}}, single);
    return out;
  }

 private:
  struct Field {
    std::uint16_t index;
    std::size_t column;
  };

  std::string cell_of(const Field& f) const {
    return f.column < row_.cells.size() ? std::string(trim_cell(row_.cells[f.column])) : std::string();
  }

  /// The representative cells other than the one the item has.
  std::vector<std::string> options(const Field& f) const {
    std::vector<std::string> out;
    std::string now = cell_of(f);
    for (const std::string& cell : domains_[f.index].cells)
      if (cell != now) out.push_back(cell);
    return out;
  }

  /// Classifies the item with `changes`; records it when the decision is new,
  /// or is one found before with as few changes. Two-field changes only
  /// count for decisions no single change reached (`reached` of them).
  void consider(WhatIf& out, const std::vector<std::pair<Field, std::string>>& changes, std::size_t reached = SIZE_MAX) {
    Row changed = row_;
    for (const auto& [f, cell] : changes) {
      if (changed.cells.size() <= f.column) changed.cells.resize(f.column + 1);
      changed.cells.set(f.column, cell);
    }
    DecisionRecord record = classifier_.classify(changed);
    if (record.status == Status::error || decision_key(record) == decision_key(out.current)) return;
    auto it = std::find_if(out.alternatives.begin(), out.alternatives.end(),
                           [&](const WhatIfAlternative& a) { return decision_key(a.record) == decision_key(record); });
    if (it != out.alternatives.end()) {
      bool fewer_already = static_cast<std::size_t>(it - out.alternatives.begin()) < reached && changes.size() > 1;
      if (fewer_already || it->changes.size() >= max_ || it->changes.front().size() < changes.size()) return;
    } else {
      out.alternatives.push_back({std::move(record), {}});
      it = out.alternatives.end() - 1;
    }
    std::vector<CellChange> set;
    for (const auto& [f, cell] : changes) {
      CellChange change{p_.fields[f.index].name, p_.fields[f.index].header, cell_of(f), cell, ""};
      if (p_.fields[f.index].type.kind == ValueKind::basis) {  // the cells are stand-ins: say what they stand for
        LegalBasis basis;
        parse_legal_basis(cell, basis);
        change.level = std::string(level_label(basis.highest));
      }
      set.push_back(std::move(change));
    }
    it->changes.push_back(std::move(set));
  }

  const Program& p_;
  Classifier& classifier_;
  const Row& row_;
  std::size_t max_;
  std::vector<FieldDomain> domains_;
  std::vector<Field> fields_;
};

std::string decision_text(const DecisionRecord& r) {
  std::string text;
  if (r.status != Status::decided || !r.outcome) {
    text = std::string(status_label(r.status));
  } else {
    text = std::string(outcome_label(*r.outcome));
    if (r.mode) text += fmt::format("（{}）", mode_label(*r.mode));
    if (r.target) text += " → " + *r.target;
  }
  std::string rules;
  for (const std::string& id : r.rules) rules += (rules.empty() ? "" : "、") + id;
  for (const RequirementCheck& c : r.requirements)
    if (!c.held) rules += (rules.empty() ? "" : "、") + c.rule;
  return rules.empty() ? text : text + "（" + rules + "）";
}

std::string cell_text(const std::string& cell) { return cell.empty() ? "空" : "“" + cell + "”"; }

std::string new_cell_text(const CellChange& c) {
  if (c.level.empty() || c.to.empty()) return cell_text(c.to);
  return "最高为" + c.level + "的依据（如" + cell_text(c.to) + "）";
}

}  // namespace

WhatIf what_if(const Policy& policy, Classifier& classifier, const Row& row, std::size_t max_examples) {
  return WhatIfSearch(policy, classifier, row, max_examples).run();
}

std::string what_if_text(const WhatIf& w, const Policy&) {
  std::string out = fmt::format("事项：{}{}\n现在的结论：{}\n", w.current.item,
                                w.current.name.empty() ? "" : " " + w.current.name, decision_text(w.current));
  if (w.alternatives.empty()) return out + "改动一两个字段都不会改变结论。\n";
  out += "要得到别的结论，最少需要的改动：\n";
  for (const WhatIfAlternative& a : w.alternatives) {
    out += "  · " + decision_text(a.record) + "：\n";
    for (const auto& set : a.changes) {
      std::string line;
      for (const CellChange& c : set)
        line += fmt::format("{}{} 由{}改为{}", line.empty() ? "" : "，且 ", c.header, cell_text(c.from), new_cell_text(c));
      out += "      若 " + line + "\n";
    }
  }
  return out;
}

}  // namespace quanze
