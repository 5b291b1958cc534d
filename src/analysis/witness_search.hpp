// Finding an item that makes a set of tests come out as wanted: a search
// over the fields' representative cells (field_domains.hpp), pruned by
// evaluating every test with three values — true, false, not yet known —
// as soon as the fields it reads are chosen.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "analysis/field_domains.hpp"
#include "eval/evaluator.hpp"
#include "eval/in_force.hpp"

namespace quanze {

class WitnessSearch {
 public:
  struct Literal {
    std::uint32_t node = 0;
    bool want = true;
  };
  /// A choice of cell per field; -1 leaves the cell empty.
  using Assignment = std::vector<int>;
  /// Confirms a candidate by classifying it for real; false keeps searching.
  using Confirm = std::function<bool(const Assignment&)>;

  WitnessSearch(const Program& program, const std::vector<FieldDomain>& domains);

  /// An assignment under which every literal holds (and `confirm` agrees),
  /// or nothing when none exists among the representatives — or when the
  /// step budget ran out, which `exhausted()` then says.
  std::optional<Assignment> find(const std::vector<Literal>& literals, const Confirm& confirm);
  bool exhausted() const { return exhausted_; }

  /// For each field `node` reads, the cells that do not on their own make
  /// it false (fields it does not read are absent: any cell will do). Two
  /// tests with no possible cell in common on some field cannot both hold —
  /// a cheap sieve before a search.
  using PossibleCells = std::vector<std::pair<std::uint16_t, std::vector<bool>>>;
  PossibleCells possible_cells(std::uint32_t node);

 private:
  enum class Tri : std::uint8_t { no, yes, unknown };
  static constexpr int kUnchosen = -2;
  Tri eval(std::uint32_t node) const;
  bool search(std::size_t depth);
  void assign(std::uint16_t field, int choice);

  const Program& p_;
  const std::vector<FieldDomain>& domains_;
  InForce in_force_;
  Evaluator evaluator_;
  std::vector<std::vector<std::uint16_t>> node_fields_;  // per node, the fields it reads
  ItemValues item_;
  Assignment assignment_;
  std::vector<std::uint16_t> order_;  // the fields to choose, most constrained first
  const std::vector<Literal>* literals_ = nullptr;
  const Confirm* confirm_ = nullptr;
  std::uint64_t steps_ = 0;
  bool exhausted_ = false;
};

}  // namespace quanze
