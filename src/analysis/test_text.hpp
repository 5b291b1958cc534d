// Small text helpers for test files: trimming as a list cell is trimmed
// (ideographic space included) and splitting a list of rule ids.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "quanze/diagnostics.hpp"

namespace quanze::analysis {

/// The byte length of the whitespace at `at` (ASCII space, tab, CR, or the
/// ideographic space U+3000), 0 if none.
inline std::size_t space_at(std::string_view s, std::size_t at) {
  if (at >= s.size()) return 0;
  char c = s[at];
  if (c == ' ' || c == '\t' || c == '\r') return 1;
  return s.substr(at, 3) == "\xE3\x80\x80" ? 3 : 0;
}

/// [begin, end) of `s` without leading and trailing whitespace.
inline std::pair<std::size_t, std::size_t> trim(std::string_view s, std::size_t begin, std::size_t end) {
  while (begin < end && space_at(s, begin)) begin += space_at(s, begin);
  for (bool again = true; again && end > begin;) {
    again = false;
    if (space_at(s, end - 1) == 1) --end, again = true;
    else if (end - begin >= 3 && space_at(s, end - 3) == 3) end -= 3, again = true;
  }
  return {begin, end};
}

/// The parts of a list such as "cancel.no_basis、keep.mandated": separated
/// by 、，,；; + or whitespace. Each part is its offset in `s` and its text.
inline std::vector<std::pair<std::size_t, std::string_view>> split_list(std::string_view s) {
  static constexpr std::string_view kSeparators[] = {"、", "，", ",", "；", ";", "+", " ", "\t", "\xE3\x80\x80"};
  std::vector<std::pair<std::size_t, std::string_view>> out;
  std::size_t start = 0, i = 0;
  auto flush = [&](std::size_t end) {
    if (end > start) out.emplace_back(start, s.substr(start, end - start));
  };
  while (i < s.size()) {
    std::size_t sep = 0;
    for (std::string_view candidate : kSeparators)
      if (s.substr(i).starts_with(candidate)) sep = candidate.size();
    if (!sep) {
      ++i;
      continue;
    }
    flush(i);
    i += sep;
    start = i;
  }
  flush(s.size());
  return out;
}

/// Appends one file's diagnostics to `out` in the order of the file's
/// lines, as a person reads them, whatever order the checks found them in.
inline void append_in_file_order(const Diagnostics& found, Diagnostics& out) {
  std::vector<Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  for (Diagnostic& d : items) out.add(std::move(d));
}

/// Edit distance in bytes, for suggesting the rule id a typo meant.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace quanze::analysis
