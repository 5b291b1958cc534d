// An enum's members by text, for the per-row decoder: one hash probe and
// one compare instead of comparing the cell with every id and label.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "diag/byte_words.hpp"
#include "eval/program.hpp"

namespace quanze {

class EnumIndex {
 public:
  EnumIndex() = default;
  /// Indexes `e`'s ids and labels; `e` must outlive the index (its strings
  /// are viewed, not copied).
  explicit EnumIndex(const EnumDef& e);

  /// As EnumDef::find: the member whose id or label is `text`, or -1. When
  /// a text is both one member's label and another's id, the first member
  /// in declaration order wins, as there.
  int find(std::string_view text) const {
    if (text.empty() || slots_.empty()) return -1;
    for (std::size_t i = hash(text) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.member < 0) return -1;
      if (bytes::same(s.text, text)) return s.member;
    }
  }
  /// The same for a text with `before` bytes before it that may be read
  /// (a cell in its row's text): compared by bytes::same_tail, without a
  /// branch on the length, when 32 bytes end where it does.
  int find(std::string_view text, std::size_t before) const {
    if (text.size() > 32 || before + text.size() < 32) return find(text);
    if (text.empty() || slots_.empty()) return -1;
    const char* const end = text.data() + text.size();
    for (std::size_t i = hash(text) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.member < 0) return -1;
      if (s.text.size() == text.size() && bytes::same_tail(end, text.size(), s.tail)) return s.member;
    }
  }

 private:
  struct Slot {
    std::string_view text;
    int member = -1;  // -1: empty
    /// The text as bytes::same_tail compares it, when at most 32 bytes
    /// (longer texts match no text find(text, before) compares so).
    std::uint64_t tail[4] = {};
  };
  /// Cheap and good enough for a handful of short keys: the length and the
  /// bytes at both ends (CJK labels of one enum mostly differ in their last
  /// character, ASCII ids in their first).
  static std::size_t hash(std::string_view t) {
    auto at = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(t[i])); };
    std::size_t n = t.size();
    std::size_t h = n * 0x9E3779B1u ^ at(0) * 0x85EBCA77u ^ at(n - 1) * 0xC2B2AE3Du;
    if (n >= 2) h ^= at(n - 2) * 0x27D4EB2Fu;
    return h ^ (h >> 15);
  }

  std::vector<Slot> slots_;  // open addressing, linear probing; a power of two, at most a quarter full
  std::size_t mask_ = 0;
};

}  // namespace quanze
