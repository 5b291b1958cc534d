// Turning an Evaluation into the decision record of DESIGN.md part 5.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "quanze/record.hpp"

namespace quanze {

/// Fills every key of `record` but item, name, row, as_of, error and
/// problems from the evaluation, made with `in_force`; the evidence only
/// when asked (else it is left empty). The lists are written over, not
/// appended to: a record reused row after row keeps their strings'
/// storage. Error and problems are appended to (status error). The rule
/// positions (rule_indexes) carry `rule_list`, the rule_list_key of the
/// program's policy (the program does not know it); 0 leaves them unused.
/// Without `trail` the record lists no defeated or outranked rule, no
/// rule's source line and no rule positions: what CSV does not write and
/// only a Summary would count.
void describe(const Program& program, const InForce& in_force, const Evaluation& eval, const ItemValues& item,
              DecisionRecord& record, bool evidence = true, std::uint64_t rule_list = 0, bool trail = true);

/// Everything describe() reads when it writes no evidence, with or without
/// the trail, as bytes: two rows whose keys are equal get equal records
/// from it, so a writer may keep what it made of one and reuse it for the
/// other (a list has few distinct decisions). The item's part is the raw
/// value of each field a rendered reason or citation interpolates; the
/// trail's, the applicable, live and outranked rules. The key views
/// `buffer`, which is written over and kept large. Empty for a conflict or
/// an error, whose records say more than that (every disagreeing outcome,
/// the error's wording).
std::string_view describe_key(const Program& program, const Evaluation& eval, const ItemValues& item, bool trail,
                              std::string& buffer);

/// A hole of a decision key: what of the item describe_key puts for it.
struct KeyHole {
  Template::Piece::Kind kind = Template::Piece::Kind::field;
  std::uint16_t field = 0;
};

/// A kept evaluation's holes, read for every row that meets it: inline
/// when few (a decision's reasons have one or two), so that they lie on
/// the memo entry's first lines with the rest a row reads, not on a line
/// of their own elsewhere.
class KeyHoles {
 public:
  void clear() {
    size_ = 0;
    more_.clear();
  }
  void push_back(KeyHole hole) {
    if (size_ < kInline) inline_[size_] = hole;
    else if (size_ == kInline) more_.assign(inline_.begin(), inline_.end());
    if (size_ >= kInline) more_.push_back(hole);
    ++size_;
  }
  std::size_t size() const { return size_; }
  const KeyHole* begin() const { return size_ <= kInline ? inline_.data() : more_.data(); }
  const KeyHole* end() const { return begin() + size_; }

 private:
  static constexpr std::size_t kInline = 4;  // the baseline's decisions have at most two
  std::uint32_t size_ = 0;
  std::array<KeyHole, kInline> inline_{};
  std::vector<KeyHole> more_;  ///< all of them, when more than kInline
};

/// describe_key in two parts, for an evaluation that many items share
/// (EvaluationMemo): `prefix`, the bytes the evaluation alone decides, and
/// `holes`, those of the templates describe() renders into reasons and
/// citations (their literals left out). Both empty when there is no key.
void describe_key_prefix(const Program& program, const Evaluation& eval, bool trail, std::string& prefix,
                         KeyHoles& holes);
/// A decision key from a prefix, named by `prefix_id` (which stands for
/// its bytes, as EvaluationMemo numbers the prefixes it meets), and the
/// holes' values: equal for two items exactly when describe_key's are, for
/// a caller that never gives two prefixes one id. Not equal to any of
/// describe_key's: the first byte tells the two kinds apart. A row's key
/// is a few words rather than the prefix's hundred bytes copied, hashed
/// and compared.
std::string_view describe_key(const Program& program, std::uint64_t prefix_id, const KeyHoles& holes,
                              const ItemValues& item, std::string& buffer);

/// "level", "basis.highest", "basis.count": how evidence names what it read.
std::string evidence_name(const Program& program, const EvidenceKey& key);

/// The value read, as evidence shows it: a basis's highest level with how it
/// was obtained; nothing when the cell is missing.
std::optional<std::string> evidence_value(const Program& program, const ItemValues& item, const EvidenceKey& key);

/// "delegate by entrustment", "keep", "reject": how a fallback reads.
std::string describe_fallback(const CompiledOutcome& outcome);

}  // namespace quanze
