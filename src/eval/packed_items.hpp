// Many items held for evaluation in little memory: per item, one row of
// 64-bit words with only what the program reads — a presence bit per field,
// enum members, sets and bools as bits, numbers as doubles, a basis as its
// highest level and citation count, text as a span of one shared arena.
// A million ItemValues (17 Values and 17 LegalBases each, ~1.5 KB with
// their citations) do not fit any cache; a million packed rows of the
// baseline policy take 88 bytes each, read in order (issue 5: evaluation
// throughput on 1,000,000 in-memory items).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "eval/item.hpp"
#include "eval/program.hpp"

namespace quanze {

class PackedItems;

/// Where each field's values are in a packed row: worked out from the
/// program alone, so the evaluator can resolve its tests to words once
/// (the same program always gives the same layout).
struct PackedLayout {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  /// Word indexes of a field's aspects, kNone if not kept. Text and titles
  /// take two words: an offset and a length/count.
  struct Slots {
    std::uint32_t bits = kNone, number = kNone, text = kNone, titles = kNone;
  };
  std::vector<Slots> slots;  // per field
  std::size_t stride = 0;    // words per item; presence bits come first

  /// Which aspects of which fields `program` reads: its conditions,
  /// strings and `next` targets.
  explicit PackedLayout(const Program& program);
};

/// One packed item; the accessors of ItemValues, for the fields the
/// program reads (others read as missing).
class PackedItem {
 public:
  bool present(std::size_t f) const { return (row_[f >> 6] >> (f & 63)) & 1; }
  std::uint64_t bits(std::size_t f) const;
  double number(std::size_t f) const;
  std::string_view text(std::size_t f) const;
  std::size_t title_count(std::size_t f) const;
  std::string_view title(std::size_t f, std::size_t i) const;
  /// A word of the row, for a reader that resolved PackedLayout slots.
  std::uint64_t word(std::size_t i) const { return row_[i]; }

 private:
  friend class PackedItems;
  PackedItem(const PackedItems& items, const std::uint64_t* row) : items_(&items), row_(row) {}
  const PackedItems* items_;
  const std::uint64_t* row_;
};

class PackedItems {
 public:
  explicit PackedItems(const Program& program) : layout_(program) {}

  /// Copies what the program reads of `item` (text included), so the
  /// item's cells need not outlive it.
  void add(const ItemValues& item);
  void reserve(std::size_t items) { words_.reserve(items * layout_.stride); }

  std::size_t size() const { return layout_.stride ? words_.size() / layout_.stride : 0; }
  PackedItem operator[](std::size_t i) const { return PackedItem(*this, words_.data() + i * layout_.stride); }
  /// Bytes per item in the rows, apart from text.
  std::size_t row_bytes() const { return layout_.stride * sizeof(std::uint64_t); }

 private:
  friend class PackedItem;
  static constexpr std::uint32_t kNone = PackedLayout::kNone;
  PackedLayout layout_;
  std::vector<std::uint64_t> words_;
  std::string arena_;                 // text and titles
  std::vector<std::uint64_t> spans_;  // titles: offset, length pairs into arena_
};

inline std::uint64_t PackedItem::bits(std::size_t f) const {
  std::uint32_t s = items_->layout_.slots[f].bits;
  return s == PackedItems::kNone ? 0 : row_[s];
}

inline double PackedItem::number(std::size_t f) const {
  std::uint32_t s = items_->layout_.slots[f].number;
  double d = 0;
  if (s != PackedItems::kNone) std::memcpy(&d, &row_[s], sizeof d);
  return d;
}

inline std::string_view PackedItem::text(std::size_t f) const {
  std::uint32_t s = items_->layout_.slots[f].text;
  if (s == PackedItems::kNone) return {};
  return std::string_view(items_->arena_).substr(row_[s], row_[s + 1]);
}

inline std::size_t PackedItem::title_count(std::size_t f) const {
  std::uint32_t s = items_->layout_.slots[f].titles;
  return s == PackedItems::kNone ? 0 : row_[s + 1];
}

inline std::string_view PackedItem::title(std::size_t f, std::size_t i) const {
  std::size_t span = (row_[items_->layout_.slots[f].titles] + i) * 2;
  return std::string_view(items_->arena_).substr(items_->spans_[span], items_->spans_[span + 1]);
}

}  // namespace quanze
