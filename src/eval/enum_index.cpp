#include "eval/enum_index.hpp"

namespace quanze {

EnumIndex::EnumIndex(const EnumDef& e) {
  std::size_t keys = e.ids.size() + e.labels.size();
  std::size_t size = 8;
  while (size < 4 * keys) size *= 2;
  slots_.resize(size);
  mask_ = size - 1;
  auto insert = [&](std::string_view text, int member) {
    if (text.empty()) return;  // find() never matches an empty text
    for (std::size_t i = hash(text) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.member < 0) {
        s.text = text;
        s.member = member;
        if (text.size() <= 32) bytes::tail_words(text, s.tail);
        return;
      }
      if (s.text == text) return;  // an earlier member has it: it wins
    }
  };
  // Member by member, label then id, so that the first member to have a
  // text keeps it, as EnumDef::find's scan finds it first.
  for (std::size_t i = 0; i < e.labels.size() || i < e.ids.size(); ++i) {
    if (i < e.labels.size()) insert(e.labels[i], static_cast<int>(i));
    if (i < e.ids.size()) insert(e.ids[i], static_cast<int>(i));
  }
}

}  // namespace quanze
