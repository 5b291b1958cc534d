// What was made of a decision before, by a key of bytes that says all it
// depended on: a list of a million rows holds a few hundred distinct
// decisions. A worker keeps the formatted CSV columns by the key
// Classifier::decide gives (describing a decision and formatting its
// reasons and citations cost more than the rest of the row's output); a
// classifier keeps evaluations by the tests they read (EvaluationMemo).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace quanze {

/// `Value`: what is kept of a decision (its formatted columns and the
/// record a summary counts; or an Evaluation); `Slots`, a power of two,
/// how many it keeps.
template <class Value, std::size_t Slots = 1024>
class DecisionMemo {
 public:
  /// What was kept for `key`, or null. A miss is remembered by keep().
  Value* find(std::string_view key) {
    if (slots_.empty()) [[unlikely]]
      slots_.resize(kSlots);
    slot_ = &slots_[hash(key) & (kSlots - 1)];
    ++lookups_;
    if (!slot_->filled || slot_->key != key) return nullptr;
    ++hits_;
    return &slot_->value;
  }

  /// The place to keep what was made for the key find() last missed, over
  /// what its slot held (direct-mapped: a collision costs a describe,
  /// never a wrong answer, as keys are compared whole). The caller writes
  /// it whole.
  Value& keep(std::string_view key) {
    slot_->key.assign(key);
    slot_->filled = true;
    return slot_->value;
  }

  /// False once the first rows show that few decisions repeat (a policy
  /// whose reasons quote each row's name, say): then keys are not worth
  /// comparing and values not worth keeping.
  bool worthwhile() const { return lookups_ < kTrial || hits_ * 4 >= lookups_; }

 private:
  static constexpr std::size_t kSlots = Slots;
  static_assert(std::has_single_bit(kSlots));
  static constexpr std::uint64_t kTrial = 4096;

  struct Slot {
    std::string key;
    Value value;
    bool filled = false;
  };

  /// Keys are a few dozen bytes: eight at a time, multiplied and folded.
  static std::size_t hash(std::string_view key) {
    std::uint64_t h = key.size() * 0x9E3779B97F4A7C15ULL;
    std::size_t i = 0;
    for (; i + 8 <= key.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, key.data() + i, 8);
      h = (h ^ w) * 0xC2B2AE3D27D4EB4FULL;
      h ^= h >> 31;
    }
    std::uint64_t tail = 0;
    // An empty key (a policy with no test) may have no bytes at all.
    if (i < key.size()) std::memcpy(&tail, key.data() + i, key.size() - i);
    h = (h ^ tail) * 0xC2B2AE3D27D4EB4FULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }

  /// Made on the first find(): a classifier bound for a few rows (a rule
  /// test, the analysis) never pays for them.
  std::vector<Slot> slots_;
  Slot* slot_ = nullptr;
  std::uint64_t lookups_ = 0, hits_ = 0;
};

}  // namespace quanze
