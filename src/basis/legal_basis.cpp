// Legal-basis cells: citations, their levels, and how each level was known
// (DESIGN.md part 2). Runs once per row, so it scans the cell in place and
// allocates nothing beyond the reused citation vector.
#include "quanze/legal_basis.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "diag/byte_words.hpp"

namespace quanze {
namespace {

constexpr std::string_view kOpenTitle = "《", kCloseTitle = "》";
constexpr std::string_view kOpenLabel = "【", kCloseLabel = "】";

// Byte loops, not memcmp: the words compared are a few bytes, and a title
// is tried against a dozen of them; from the end, where CJK suffixes differ.
bool starts_with(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (s[i] != p[i]) return false;
  return true;
}
bool ends_with(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  const char* tail = s.data() + (s.size() - p.size());
  for (std::size_t i = p.size(); i-- > 0;)
    if (tail[i] != p[i]) return false;
  return true;
}

/// Bytes of the UTF-8 character that starts with `lead`: 1 for ASCII and
/// for bytes that cannot start one, 2 for C0–DF, 3 for E0–EF, 4 for F0–F7.
/// Branch-free (a title is stepped through character by character): the
/// length less one, two bits for each value of lead >> 3.
std::size_t char_length(unsigned char lead) {
  constexpr std::uint64_t kLengths = 0x1ull << 2 * 0x18 | 0x1ull << 2 * 0x19 | 0x1ull << 2 * 0x1A |
                                     0x1ull << 2 * 0x1B | 0x2ull << 2 * 0x1C | 0x2ull << 2 * 0x1D |
                                     0x3ull << 2 * 0x1E;
  return 1 + ((kLengths >> (2 * (lead >> 3))) & 3);
}

/// A three-byte character as one number, for switches over CJK characters.
/// The caller makes sure three bytes are there.
constexpr std::uint32_t char3(const char* p) {
  return std::uint32_t{static_cast<unsigned char>(p[0])} << 16 | std::uint32_t{static_cast<unsigned char>(p[1])} << 8 |
         static_cast<unsigned char>(p[2]);
}

std::string_view trim_back_spaces(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    else if (ends_with(s, "\u3000")) s.remove_suffix(3);
    else break;
  }
  return s;
}

std::string_view trim_spaces(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    else if (starts_with(s, "\u3000")) s.remove_prefix(3);
    else break;
  }
  return trim_back_spaces(s);
}

/// Strips trailing edition notes — 《…法（2021年修正）》, 《…办法(试行)》 — which
/// would otherwise hide the suffix that tells the level.
std::string_view without_edition_note(std::string_view title) {
  for (;;) {
    title = trim_spaces(title);
    std::size_t open = std::string_view::npos;
    if (ends_with(title, "）")) open = title.rfind("（");
    else if (ends_with(title, ")")) open = title.rfind('(');
    if (open == std::string_view::npos || open == 0) return title;
    title = title.substr(0, open);
  }
}

/// The length of the place suffix — 自治区, 自治州, 省, 州, 盟, 市, 县, 旗 —
/// that `rest` starts with, or 0. All are three-byte characters, so one
/// switch on the first tells them apart (no two start at the same place).
std::size_t place_suffix_at(std::string_view rest) {
  if (rest.size() < 3) return 0;
  switch (char3(rest.data())) {
    case char3("省"): case char3("州"): case char3("盟"): case char3("市"): case char3("县"): case char3("旗"):
      return 3;
    case char3("自"):
      return starts_with(rest, "自治区") || starts_with(rest, "自治州") ? 9 : 0;
    default: return 0;
  }
}

/// The place name a title starts with: 内蒙古自治区, or two to eight
/// characters and a place suffix (兴安盟, 呼和浩特市). Empty when none.
std::string_view place_prefix(std::string_view title) {
  if (starts_with(title, "内蒙古自治区")) return title.substr(0, std::string_view("内蒙古自治区").size());
  std::size_t offset = 0;
  for (int chars = 1; chars <= 8 && offset < title.size(); ++chars) {
    // A cell may end inside a character (bytes that are not UTF-8): never step past it.
    offset = std::min(title.size(), offset + char_length(static_cast<unsigned char>(title[offset])));
    if (chars < 2) continue;
    if (std::size_t n = place_suffix_at(title.substr(offset))) return title.substr(0, offset + n);
  }
  return {};
}

/// 零〇一二三四五六七八九十百千: the numerals of an article number. `c` is
/// the three bytes of one character.
bool chinese_numeral(std::uint32_t c) {
  switch (c) {
    case char3("零"): case char3("〇"): case char3("一"): case char3("二"): case char3("三"):
    case char3("四"): case char3("五"): case char3("六"): case char3("七"): case char3("八"):
    case char3("九"): case char3("十"): case char3("百"): case char3("千"):
      return true;
    default: return false;
  }
}

/// "第十二条", "第3条第二款": the article right after a title, or empty.
std::string_view article_at(std::string_view rest) {
  std::string_view s = trim_spaces(rest);
  std::size_t skipped = rest.size() - s.size();
  std::size_t end = 0;
  while (starts_with(s.substr(end), "第")) {
    std::size_t i = end + std::string_view("第").size();
    std::size_t digits = 0;
    for (;;) {
      std::string_view at = s.substr(i);
      if (!at.empty() && at.front() >= '0' && at.front() <= '9') {
        ++i, ++digits;
        continue;
      }
      std::size_t len = at.empty() ? 0 : char_length(static_cast<unsigned char>(at.front()));
      if (len == 3 && at.size() >= 3 && chinese_numeral(char3(at.data()))) {
        i += 3, ++digits;
        continue;
      }
      break;
    }
    std::string_view unit = s.substr(i, 3);
    if (digits == 0 || (unit != "条" && unit != "款" && unit != "项")) break;
    end = i + 3;
  }
  return end == 0 ? std::string_view{} : rest.substr(skipped, end);
}

/// The label of a 【…】 right before a title (spaces allowed between).
std::string_view label_before(std::string_view before) {
  // Only its end matters: the text before a title is most of a cell.
  before = trim_back_spaces(before);
  if (!ends_with(before, kCloseLabel)) return {};
  std::size_t open = before.rfind(kOpenLabel);
  if (open == std::string_view::npos) return {};
  std::size_t from = open + kOpenLabel.size();
  return trim_spaces(before.substr(from, before.size() - kCloseLabel.size() - from));
}

/// Where a cell's title marks are, in order: each 《 as its offset * 2 + 1,
/// each 》 as its offset * 2. One pass over the cell, sixteen bytes at a
/// time where SSE2 is there: a title's 《…》 were otherwise searched for
/// twice (its 》, then the next 《 past it), each search a memchr for the
/// lead byte E3 that 《 (E3 80 8A) and 》 (E3 80 8B) share with 。、, every
/// call a few dozen instructions for a cell of two hundred bytes. In UTF-8
/// a character's bytes never appear inside another's, and the readers hand
/// over UTF-8 (a CSV reader puts U+FFFD for bytes it cannot read, JSON
/// strings are checked); in bytes that are not UTF-8 it finds what the
/// bytes spell.
void find_title_marks(std::string_view cell, std::vector<std::size_t>& marks) {
  marks.clear();
  const char* const p = cell.data();
  const std::size_t n = cell.size();
  auto is_mark = [p](std::size_t i) { return p[i] == '\xE3' && p[i + 1] == '\x80' && (p[i + 2] | 1) == '\x8B'; };
  auto add = [&](std::size_t i) { marks.push_back(i * 2 + (p[i + 2] == '\x8A')); };
  std::size_t i = 0;
#if defined(__SSE2__)
  // A mark starts at each set bit of the block at `at`: its three bytes
  // compared at once (8A | 1 == 8B | 1 == 8B).
  auto starts = [p](std::size_t at) {
    const auto load = [p](std::size_t k) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k)); };
    const __m128i lead = _mm_cmpeq_epi8(load(at), _mm_set1_epi8('\xE3'));
    const __m128i second = _mm_cmpeq_epi8(load(at + 1), _mm_set1_epi8('\x80'));
    const __m128i third = _mm_cmpeq_epi8(_mm_or_si128(load(at + 2), _mm_set1_epi8(1)), _mm_set1_epi8('\x8B'));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_and_si128(lead, second), third)));
  };
  auto add_all = [&](std::size_t at, unsigned bits) {
    for (; bits != 0; bits &= bits - 1) add(at + static_cast<std::size_t>(__builtin_ctz(bits)));
  };
  constexpr std::size_t kBlock = 16, kReach = kBlock + 2;  // a block's marks end two bytes past it
  if (n >= kReach) {
    for (; i + kReach <= n; i += kBlock) add_all(i, starts(i));
    // The last block ends with the cell, over starts already looked at.
    const std::size_t last = n - kReach;
    add_all(last, starts(last) & ~((1u << (i - last)) - 1));
    return;
  }
#endif
  for (; i + 3 <= n; ++i)
    if (is_mark(i)) add(i);
}

thread_local std::vector<std::size_t> title_marks;

}  // namespace

std::string_view level_id(LegalLevel level) {
  static constexpr std::string_view kIds[] = {"none", "normative", "gov_rule", "local_regulation",
                                              "admin_regulation", "law"};
  return kIds[static_cast<int>(level)];
}

std::string_view level_label(LegalLevel level) {
  static constexpr std::string_view kLabels[] = {"无", "规范性文件", "规章", "地方性法规", "行政法规", "法律"};
  return kLabels[static_cast<int>(level)];
}

bool stated_level(std::string_view label, LegalLevel& out) {
  label = trim_spaces(label);
  if (label == "部门规章" || label == "地方政府规章") return out = LegalLevel::gov_rule, true;
  for (int i = 0; i < kLegalLevelCount; ++i) {
    if (label == level_label(static_cast<LegalLevel>(i))) return out = static_cast<LegalLevel>(i), true;
  }
  return false;
}

LegalLevel infer_level(std::string_view title, std::string_view* inferred_from, std::string_view* place) {
  std::string_view from, where;
  LegalLevel level = LegalLevel::normative;
  title = without_edition_note(title);
  // The suffixes, tried in this order (DESIGN.md part 2): 通知 意见 方案 批复
  // 函 纪要 决定 (normative), 规定 办法 细则 规则 (rules), 条例, 法. Every
  // suffix is told by its last character first, one switch: only 决定/规定
  // and 办法/法 share one, and there the order above decides.
  auto ends = [&](std::string_view suffix) { return ends_with(title, suffix) ? (from = suffix, true) : false; };
  std::uint32_t last = title.size() >= 3 ? char3(title.data() + title.size() - 3) : 0;
  if (starts_with(title, "关于")) {
    from = "关于";
  } else {
    switch (last) {
      case char3("知"): ends("通知"); break;
      case char3("见"): ends("意见"); break;
      case char3("案"): ends("方案"); break;
      case char3("复"): ends("批复"); break;
      case char3("函"): ends("函"); break;
      case char3("要"): ends("纪要"); break;
      case char3("定"):
        if (!ends("决定") && ends("规定")) level = LegalLevel::gov_rule;
        break;
      case char3("则"):
        if (ends("细则") || ends("规则")) level = LegalLevel::gov_rule;
        break;
      case char3("法"):
        if (ends("办法")) level = LegalLevel::gov_rule;
        else ends("法"), level = LegalLevel::law;
        break;
      case char3("例"):
        if (ends("条例")) {
          bool national = starts_with(title, "中华人民共和国") || starts_with(title, "城市") ||
                          starts_with(title, "城镇") || starts_with(title, "城乡");
          where = national ? std::string_view{} : place_prefix(title);
          level = where.empty() ? LegalLevel::admin_regulation : LegalLevel::local_regulation;
        }
        break;
      default: break;
    }
  }
  if (inferred_from) *inferred_from = from;
  if (place) *place = where;
  return level;
}

namespace {

/// Titles repeat from row to row — a list cites the same few hundred laws —
/// and inferring a level walks a title's edition notes, suffixes and place
/// names. The titles last seen on this thread are kept with what was
/// inferred: a direct-mapped table, each title compared in full, so a
/// collision costs only the inference. What is kept is the title's own
/// bytes and where the place name lay in it; `inferred_from` is always one
/// of infer_level's literals.
class InferredLevels {
 public:
  LegalLevel level(std::string_view title, std::string_view& from, std::string_view& place) {
    if (title.size() > kMaxTitle) [[unlikely]]  // not kept
      return infer_level(title, &from, &place);
    const std::size_t i = slot(title);
    Entry& e = entries_[i];
    if (!e.filled || !holds(i, title)) {  // an empty title is a title too
      std::string_view where;
      e.level = infer_level(title, &e.from, &where);
      e.size = static_cast<std::uint16_t>(title.size());
      std::memcpy(e.title, title.data(), std::min(title.size(), kInline));
      if (title.size() > kInline) rests_[i].assign(title.substr(kInline));
      e.place_offset = static_cast<std::uint16_t>(where.empty() ? 0 : where.data() - title.data());
      e.place_size = static_cast<std::uint16_t>(where.size());
      e.filled = true;
    }
    from = e.from;
    place = title.substr(e.place_offset, e.place_size);
    return e.level;
  }

 private:
  /// For the few hundred titles of a list: at 256 slots even the 41 of the
  /// generated list had two pairs that took turns evicting each other (some
  /// 6 % of look-ups missed).
  static constexpr std::size_t kSlots = 1024;
  static constexpr std::size_t kMaxTitle = 0xFFFF;
  static constexpr std::size_t kInline = 40;
  /// One cache line: a title's first kInline bytes (most titles whole)
  /// beside what was inferred from it; the rest of a longer one is in
  /// rests_, read only when the first bytes match.
  struct alignas(64) Entry {
    std::string_view from;
    std::uint16_t size = 0;
    std::uint16_t place_offset = 0, place_size = 0;
    LegalLevel level = LegalLevel::none;
    bool filled = false;
    char title[kInline];
  };
  static_assert(sizeof(Entry) == 64);

  bool holds(std::size_t i, std::string_view title) const {
    const Entry& e = entries_[i];
    if (e.size != title.size()) return false;
    if (title.size() <= kInline) return bytes::same(e.title, title.data(), title.size());
    return bytes::same(e.title, title.data(), kInline) && bytes::same(rests_[i], title.substr(kInline));
  }
  /// The length and the first and last eight bytes: titles of one family
  /// (中华人民共和国…法) differ in length or near an end.
  static std::size_t slot(std::string_view t) {
    std::uint64_t head = 0, tail = 0;
    if (!t.empty()) std::memcpy(&head, t.data(), std::min<std::size_t>(t.size(), 8));  // data() may be null
    if (t.size() > 8) std::memcpy(&tail, t.data() + t.size() - 8, 8);
    std::uint64_t h = (head * 0x9E3779B97F4A7C15ULL) ^ (tail * 0xC2B2AE3D27D4EB4FULL) ^ t.size();
    return static_cast<std::size_t>((h ^ (h >> 29)) >> 7) & (kSlots - 1);
  }
  std::array<Entry, kSlots> entries_;
  std::array<std::string, kSlots> rests_;
};

thread_local InferredLevels inferred_levels;

}  // namespace

namespace {

/// Calls `each(open, close)` for every title of `cell`, in order: the
/// offsets of its 《 and of the 》 that closes it, nested titles counted. An
/// unclosed 《 ends the titles: the rest is text.
template <class Each>
void for_each_title(std::string_view cell, Each&& each) {
  std::vector<std::size_t>& marks = title_marks;
  find_title_marks(cell, marks);
  auto at = [&](std::size_t k) { return marks[k] >> 1; };
  auto opens = [&](std::size_t k) { return (marks[k] & 1) != 0; };
  for (std::size_t k = 0; k < marks.size(); ++k) {
    if (!opens(k)) continue;  // a 》 that closes nothing
    std::size_t closing = k + 1;
    for (int depth = 1; closing < marks.size(); ++closing) {
      depth += opens(closing) ? 1 : -1;
      if (depth == 0) break;
    }
    if (closing == marks.size()) return;
    each(at(k), at(closing));
    k = closing;
  }
}

std::string_view title_between(std::string_view cell, std::size_t open, std::size_t close) {
  const std::size_t begin = open + kOpenTitle.size();
  return trim_spaces(cell.substr(begin, close - begin));
}

/// A title's level and how it was known: the one a 【…】 right before its
/// 《 (at `open`) states, else what the title says (inferred, through the
/// cache).
struct FoundLevel {
  LegalLevel level = LegalLevel::none;
  std::string_view stated, inferred_from, place;
};
FoundLevel level_of(std::string_view cell, std::size_t open, std::string_view title) {
  FoundLevel found;
  const std::string_view label = label_before(cell.substr(0, open));
  if (!label.empty() && stated_level(label, found.level)) found.stated = label;
  else found.level = inferred_levels.level(title, found.inferred_from, found.place);
  return found;
}

}  // namespace

void parse_legal_basis(std::string_view cell, LegalBasis& out, bool articles) {
  out.citations.clear();
  out.highest = LegalLevel::none;
  out.highest_index = -1;
  for_each_title(cell, [&](std::size_t open, std::size_t close) {
    Citation& c = out.citations.emplace_back();
    c.title = title_between(cell, open, close);
    if (articles) c.article = article_at(cell.substr(close + kCloseTitle.size()));
    const FoundLevel found = level_of(cell, open, c.title);
    c.level = found.level;
    c.stated = found.stated;
    c.inferred_from = found.inferred_from;
    c.place = found.place;
    if (out.highest_index < 0 || c.level > out.highest) {
      out.highest = c.level;
      out.highest_index = static_cast<int>(out.citations.size() - 1);
    }
  });
}

LegalLevel highest_level(std::string_view cell, std::size_t& citations) {
  LegalLevel highest = LegalLevel::none;
  citations = 0;
  for_each_title(cell, [&](std::size_t open, std::size_t close) {
    ++citations;
    highest = std::max(highest, level_of(cell, open, title_between(cell, open, close)).level);
  });
  return highest;
}

std::string describe_highest(const LegalBasis& basis) {
  std::string out;
  describe_highest(basis, out);
  return out;
}

void describe_highest(const LegalBasis& basis, std::string& out) {
  out.clear();
  if (basis.highest_index < 0) {
    out += "无 (no citation)";
    return;
  }
  const Citation& c = basis.citations[static_cast<std::size_t>(basis.highest_index)];
  out += level_label(c.level);
  if (!c.stated.empty()) {
    out += " (stated: 【";
    out += c.stated;
    out += "】)";
    return;
  }
  if (c.inferred_from.empty()) {
    out += " (inferred: no known suffix)";
    return;
  }
  out += " (inferred: ";
  out += c.inferred_from;
  if (!c.place.empty()) {
    out += ", place name ";
    out += c.place;
  }
  out += ')';
}

}  // namespace quanze
