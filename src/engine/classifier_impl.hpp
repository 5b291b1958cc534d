// A classifier's state: the policy, the row decoder bound to one list's
// columns, the evaluator and its scratch. Shared by classification and
// derivation, which must decide exactly alike.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eval/evaluation_memo.hpp"
#include "eval/evaluator.hpp"
#include "eval/row_decoder.hpp"
#include "quanze/engine.hpp"

namespace quanze {

struct Classifier::Impl {
  Impl(std::shared_ptr<const Policy> p, std::vector<std::size_t> columns, std::vector<std::string> headers,
       Date as_of)
      : policy(std::move(p)),
        program(policy->program()),
        decoder(program, std::move(columns), std::move(headers)),
        in_force(InForce::on(program, as_of)),
        as_of_text(in_force.as_of.to_string()),
        rule_list(rule_list_key(policy->rules())),
        evaluator(program, in_force),
        evaluations(program, evaluator) {}

  std::string text_of(std::optional<std::uint16_t> field, const Row& row) const {
    if (!field) return {};
    std::size_t col = decoder.column(*field);
    return col < row.cells.size() ? std::string(row.cells[col]) : std::string{};
  }

  std::shared_ptr<const Policy> policy;
  const Program& program;
  RowDecoder decoder;
  InForce in_force;  // before evaluator, which keeps a reference to it
  std::string as_of_text;  // every record carries it: formatted once
  std::uint64_t rule_list;  // the key of the rule positions describe() writes
  Evaluator evaluator;
  EvaluationMemo evaluations;
  ItemValues item;
  /// The last row's evaluation; null when the row did not get as far.
  const KeptEvaluation* evaluated = nullptr;
  std::string decision_key;  // the buffer of decide()'s keys, reused row after row
  bool evidence = true;
  bool trail = true;
  bool identity = true;
};

}  // namespace quanze
