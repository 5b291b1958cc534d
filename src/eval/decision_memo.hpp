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
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/byte_words.hpp"

namespace quanze {

/// `Value`: what is kept of a decision (its formatted columns and the
/// record a summary counts; or an Evaluation); `Slots`, a power of two,
/// how many it keeps; keys up to `ShortKey` bytes are kept in the entry.
///
/// Looked up for every row, so laid out for the cache: a look-up reads one
/// bucket of a dense array (two slots' hashes and entries), and only a
/// slot whose hash matches leads to its entry, where a short key sits
/// beside the value. Slots held the entries themselves before, a few
/// hundred bytes each, and the look-ups of a list with two thousand
/// decisions missed the cache more often than they hit it.
template <class Value, std::size_t Slots = 1024, std::size_t ShortKey = 48>
class DecisionMemo {
 public:
  /// What was kept for `key`, or null; valid until the next keep(). A miss
  /// is remembered by keep().
  Value* find(std::string_view key) {
    if (buckets_.empty()) [[unlikely]]
      buckets_.resize(kSlots / 2);
    hash_ = hash(key) | 1;  // 0 marks an empty slot
    bucket_ = static_cast<std::size_t>(hash_ >> 1) & (kSlots / 2 - 1);
    ++lookups_;
    Bucket& b = buckets_[bucket_];
    for (std::size_t s = 0; s < 2; ++s) {
      if (b.hash[s] != hash_ || !b.entry[s]->holds(key)) continue;
      ++hits_;
      // The bucket's first slot holds the one used last: a miss replaces
      // the other.
      if (s != 0) {
        std::swap(b.hash[0], b.hash[1]);
        std::swap(b.entry[0], b.entry[1]);
      }
      return &b.entry[0]->value;
    }
    return nullptr;
  }

  /// The place to keep what was made for the key find() last missed, over
  /// the value its bucket used least lately (a collision costs a describe,
  /// never a wrong answer, as keys are compared whole). The caller writes
  /// it whole.
  Value& keep(std::string_view key) {
    Bucket& b = buckets_[bucket_];
    std::swap(b.entry[0], b.entry[1]);  // the least recent entry's storage is used again
    b.hash[1] = b.hash[0];
    if (!b.entry[0]) b.entry[0] = std::make_unique<Entry>();
    b.hash[0] = hash_;
    b.entry[0]->set_key(key);
    return b.entry[0]->value;
  }

  /// False once the first rows show that few decisions repeat (a policy
  /// whose reasons quote each row's name, say): then keys are not worth
  /// comparing and values not worth keeping.
  bool worthwhile() const { return lookups_ < kTrial || hits_ * 4 >= lookups_; }

 private:
  static constexpr std::size_t kSlots = Slots;
  static_assert(std::has_single_bit(kSlots) && kSlots >= 2);
  static constexpr std::uint64_t kTrial = 4096;

  struct alignas(64) Entry {
    /// A key's first kShort bytes (all of a short one: the tests' word
    /// and a `next` field of an evaluation; a decision key, the number of
    /// its evaluation's part and its holes' values, some 30 bytes in the
    /// baseline) are kept here, and the value's first bytes follow on the
    /// same cache line, where an entry starts: a look-up that hits reads
    /// one line of the entry when the value's hot fields come first. The
    /// rest of a longer key is kept in `long_key`, past the value, and read
    /// only when the first bytes match.
    static constexpr std::size_t kShort = ShortKey;
    std::uint32_t size = 0;
    char short_key[kShort];
    Value value{};
    std::string long_key;

    bool holds(std::string_view key) const {
      if (key.size() != size) return false;
      if (size <= kShort) return bytes::same(short_key, key.data(), size);
      return bytes::same(short_key, key.data(), kShort) &&
             std::memcmp(long_key.data(), key.data() + kShort, size - kShort) == 0;
    }
    void set_key(std::string_view key) {
      size = static_cast<std::uint32_t>(key.size());
      if (size <= kShort) {
        if (size) std::memcpy(short_key, key.data(), size);
      } else {
        std::memcpy(short_key, key.data(), kShort);
        long_key.assign(key.substr(kShort));
      }
    }
  };

  /// Keys are a few dozen bytes: eight at a time, multiplied and folded,
  /// the last word read where the key ends (overlapping the one before):
  /// a copy of a tail of varying length cost more than the rest.
  static std::uint64_t hash(std::string_view key) {
    const std::size_t n = key.size();
    const char* const p = key.data();
    std::uint64_t h = n * 0x9E3779B97F4A7C15ULL;
    auto mix = [&](std::uint64_t w) {
      h = (h ^ w) * 0xC2B2AE3D27D4EB4FULL;
      h ^= h >> 31;
    };
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8) mix(bytes::word(p + i));
      mix(bytes::word(p + n - 8));
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      mix(std::uint64_t{a} << 32 | b);
    } else if (n > 0) {  // an empty key (a policy with no test) may have no bytes at all
      const auto at = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
      mix(at(0) << 16 | at(n / 2) << 8 | at(n - 1));
    }
    h *= 0xC2B2AE3D27D4EB4FULL;
    return h ^ (h >> 29);
  }

  /// A bucket: two slots' hashes and entries, on half a cache line (a
  /// look-up that misses the cache misses it once before the entry).
  struct alignas(32) Bucket {
    std::uint64_t hash[2] = {};
    std::unique_ptr<Entry> entry[2];
  };
  /// Made on the first find(): a classifier bound for a few rows (a rule
  /// test, the analysis) never pays for them. An entry is made when a key
  /// is first kept in its slot.
  std::vector<Bucket> buckets_;
  std::uint64_t hash_ = 0;
  std::size_t bucket_ = 0;
  std::uint64_t lookups_ = 0, hits_ = 0;
};

}  // namespace quanze
