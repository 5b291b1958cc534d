#include "analysis/witness_search.hpp"

#include <algorithm>
#include <map>

#include "eval/condition_trace.hpp"

namespace quanze {
namespace {

// Enough for policies of hundreds of rules over a few dozen fields; a
// search that needs more reports that it gave up rather than hanging `check`.
constexpr std::uint64_t kStepBudget = 2'000'000;

}  // namespace

WitnessSearch::WitnessSearch(const Program& program, const std::vector<FieldDomain>& domains)
    : p_(program),
      domains_(domains),
      // Only `test` is used, which no date affects; the examples are confirmed
      // by a classifier, which knows the day.
      in_force_(InForce::on(program, Date::today())),
      evaluator_(program, in_force_),
      node_fields_(program.nodes.size()) {
  for (std::uint32_t n = 0; n < program.nodes.size(); ++n)
    for (const EvidenceKey& key : fields_read(program, n))
      if (node_fields_[n].empty() || node_fields_[n].back() != key.field) node_fields_[n].push_back(key.field);
  item_.values.resize(program.fields.size());
  item_.bases.resize(program.fields.size());
}

void WitnessSearch::assign(std::uint16_t field, int choice) {
  assignment_[field] = choice;
  const FieldDomain& d = domains_[field];
  std::size_t i = choice < 0 ? 0 : static_cast<std::size_t>(choice);  // cell 0 is the empty one
  item_.values[field] = d.values[i];
  item_.bases[field] = d.bases[i];
}

WitnessSearch::Tri WitnessSearch::eval(std::uint32_t node) const {
  const Node& n = p_.nodes[node];
  const std::uint32_t* kids = p_.children.data() + n.list_begin;
  switch (n.kind) {
    case NodeKind::not_: {
      Tri t = eval(kids[0]);
      return t == Tri::unknown ? t : t == Tri::yes ? Tri::no : Tri::yes;
    }
    case NodeKind::and_:
    case NodeKind::or_: {
      bool is_and = n.kind == NodeKind::and_;
      Tri result = is_and ? Tri::yes : Tri::no;
      for (std::uint32_t i = 0; i < n.list_count; ++i) {
        Tri t = eval(kids[i]);
        if (t == (is_and ? Tri::no : Tri::yes)) return t;  // decided whatever the rest
        if (t == Tri::unknown) result = Tri::unknown;
      }
      return result;
    }
    default:
      for (std::uint16_t f : node_fields_[node])
        if (assignment_[f] == kUnchosen) return Tri::unknown;
      return evaluator_.test(node, item_) ? Tri::yes : Tri::no;
  }
}

WitnessSearch::PossibleCells WitnessSearch::possible_cells(std::uint32_t node) {
  PossibleCells out;
  assignment_.assign(p_.fields.size(), kUnchosen);
  for (std::uint16_t f : node_fields_[node]) {
    std::vector<bool> possible(domains_[f].cells.size());
    for (int c = 0; c < static_cast<int>(possible.size()); ++c) {
      assign(f, c);
      possible[c] = eval(node) != Tri::no;
    }
    assignment_[f] = kUnchosen;
    out.emplace_back(f, std::move(possible));
  }
  return out;
}

std::optional<WitnessSearch::Assignment> WitnessSearch::find(const std::vector<Literal>& literals,
                                                             const Confirm& confirm) {
  // Fields the literals read, most used first: choosing them early prunes most.
  std::map<std::uint16_t, int> uses;
  for (const Literal& l : literals)
    for (std::uint16_t f : node_fields_[l.node]) ++uses[f];
  order_.clear();
  for (const auto& [f, n] : uses) order_.push_back(f);
  std::stable_sort(order_.begin(), order_.end(), [&](std::uint16_t a, std::uint16_t b) { return uses[a] > uses[b]; });
  assignment_.assign(p_.fields.size(), kUnchosen);
  for (std::uint16_t f = 0; f < p_.fields.size(); ++f) {
    item_.values[f] = domains_[f].values[0];
    item_.bases[f] = domains_[f].bases[0];
  }
  literals_ = &literals;
  confirm_ = &confirm;
  steps_ = 0;
  exhausted_ = false;
  if (!search(0)) return std::nullopt;
  Assignment out = assignment_;
  for (int& choice : out)
    if (choice == kUnchosen) choice = -1;
  return out;
}

bool WitnessSearch::search(std::size_t depth) {
  if (++steps_ > kStepBudget) {
    exhausted_ = true;
    return false;
  }
  bool all_hold = true;
  for (const Literal& l : *literals_) {
    Tri t = eval(l.node);
    if (t == Tri::unknown) all_hold = false;
    else if ((t == Tri::yes) != l.want) return false;
  }
  if (all_hold) {
    Assignment candidate = assignment_;
    for (int& choice : candidate)
      if (choice == kUnchosen) choice = -1;
    if ((*confirm_)(candidate)) return true;
  }
  if (depth == order_.size()) return false;
  std::uint16_t field = order_[depth];
  for (int choice = 0; choice < static_cast<int>(domains_[field].cells.size()) && !exhausted_; ++choice) {
    assign(field, choice);
    if (search(depth + 1)) return true;
  }
  assignment_[field] = kUnchosen;
  item_.values[field] = domains_[field].values[0];
  item_.bases[field] = domains_[field].bases[0];
  return false;
}

}  // namespace quanze
