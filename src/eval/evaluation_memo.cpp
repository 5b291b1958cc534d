#include "eval/evaluation_memo.hpp"

#include <algorithm>
#include <string_view>

#include "eval/describe.hpp"

namespace quanze {
namespace {

bool has_holes(const Template& t) {
  return std::any_of(t.pieces.begin(), t.pieces.end(),
                     [](const Template::Piece& p) { return p.kind != Template::Piece::Kind::literal; });
}

}  // namespace

EvaluationMemo::EvaluationMemo(const Program& program, const Evaluator& evaluator) : program_(program) {
  // What compute() reads of an item, beside the conditions.
  auto reads = [&](const CompiledOutcome& o) {
    if (o.target == CompiledOutcome::Target::next) next_fields_.push_back(o.next_field);
    if (o.target == CompiledOutcome::Target::text && has_holes(program.templates[o.target_template]))
      usable_ = false;
    if (o.receiver_template && has_holes(program.templates[*o.receiver_template])) usable_ = false;
  };
  for (const CompiledRule& r : program.rules) reads(r.outcome);
  for (const CompiledRequire& r : program.requires_) reads(r.otherwise);
  if (program.default_) reads(program.default_->outcome);
  std::sort(next_fields_.begin(), next_fields_.end());
  next_fields_.erase(std::unique(next_fields_.begin(), next_fields_.end()), next_fields_.end());
  condition_words_ = evaluator.leaf_words();
  // Testing every leaf, where evaluation stops at the first false one of an
  // `and`, pays only while the leaves are few; a policy of hundreds of
  // rules rarely repeats its evaluations anyway.
  if (condition_words_ > kMaxLeafWords) usable_ = false;
  key_.resize(condition_words_ + next_fields_.size());
}

const KeptEvaluation& EvaluationMemo::evaluate(Evaluator& evaluator, const ItemValues& item, bool trail) {
  if (!usable_ || !kept_.worthwhile()) {
    evaluator.evaluate(item, alone_.evaluation);
    alone_.status = alone_.evaluation.status;
    return alone_;
  }
  evaluator.test_leaves(item, key_.data());
  for (std::size_t i = 0; i < next_fields_.size(); ++i) {
    const std::uint16_t f = next_fields_[i];
    // A missing value is told apart from every member.
    key_[condition_words_ + i] = item.present(f) ? item.bits(f) : ~std::uint64_t{0};
  }
  const std::string_view key(reinterpret_cast<const char*>(key_.data()), key_.size() * sizeof(std::uint64_t));
  if (const KeptEvaluation* kept = kept_.find(key)) return *kept;
  KeptEvaluation& kept = kept_.keep(key);
  evaluator.evaluate(item, kept.evaluation);
  kept.status = kept.evaluation.status;
  kept.kept = true;
  kept.trail = trail;
  describe_key_prefix(program_, kept.evaluation, trail, prefix_, kept.holes);
  kept.prefix_id = 0;
  if (!prefix_.empty()) {
    if (prefix_ids_.size() >= kMaxPrefixes) prefix_ids_.clear();
    auto [it, added] = prefix_ids_.try_emplace(prefix_, next_prefix_id_);
    next_prefix_id_ += added;
    kept.prefix_id = it->second;
  }
  return kept;
}

}  // namespace quanze
