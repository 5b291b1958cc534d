#include "syntax/lexical.hpp"

#include "diag/utf8.hpp"
#include "grammar/grammar.hpp"
#include "syntax/keywords.hpp"

namespace quanze::syntax {
namespace {

namespace p = grammar::p;

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == 0x3000; }

bool is_dot(std::string_view text, std::size_t at) {
  return text.substr(at, 1) == "." || text.substr(at, 3) == "．";
}
bool dot_before(std::string_view text, std::size_t at) {
  return (at >= 1 && text[at - 1] == '.') || (at >= 3 && text.substr(at - 3, 3) == "．");
}

/// Past the string whose opening quote starts at `at`, or at itself when
/// none does. Strings end at their quote or at the end of the line.
std::size_t skip_string(std::string_view text, std::size_t at) {
  std::string_view close;
  std::size_t i = at;
  if (text[at] == '"') close = "\"", i += 1;
  else if (text.substr(at, 3) == "“") close = "”", i += 3;
  else if (text.substr(at, 3) == "＂") close = "＂", i += 3;
  else return at;
  while (i < text.size() && text[i] != '\n') {
    if (text[i] == '\\') i += 2;
    else if (text.substr(i, close.size()) == close) return i + close.size();
    else ++i;
  }
  return std::min(i, text.size());
}

}  // namespace

bool word_char_at(std::string_view text, std::size_t offset, std::size_t& length) {
  if (offset >= text.size()) return false;
  // ASCII, most of any file, without a PEGTL parse: grammar::word_char
  // takes exactly these of it.
  if (static_cast<unsigned char>(text[offset]) < 0x80) {
    bool word = ascii_word_char(text[offset]);
    if (word) length = 1;
    return word;
  }
  // Past ASCII every word character is a letter of grammar::letter's
  // ranges; a byte that starts no well-formed sequence is none.
  std::size_t end = offset;
  char32_t c = utf8::next(text, end);
  if (end - offset < 2) return false;
  for (std::size_t r = 0; r + 1 < std::size(grammar::kLetterRanges); r += 2) {
    if (c < grammar::kLetterRanges[r]) return false;  // the ranges ascend
    if (c <= grammar::kLetterRanges[r + 1]) {
      length = end - offset;
      return true;
    }
  }
  return false;
}

std::size_t word_end(std::string_view text, std::size_t offset) {
  std::size_t length = 0;
  for (;;) {
    while (offset < text.size() && ascii_word_char(text[offset])) ++offset;
    if (offset == text.size() || static_cast<unsigned char>(text[offset]) < 0x80 ||
        !word_char_at(text, offset, length))
      return offset;
    offset += length;
  }
}

std::optional<std::pair<std::size_t, std::size_t>> word_before(std::string_view text, std::size_t offset) {
  std::size_t end = std::min(offset, text.size());
  for (;;) {  // back over spaces, one code point at a time
    std::size_t start = end;
    while (start > 0 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) --start;
    if (start == 0) break;
    --start;
    std::size_t i = start;
    if (!is_space(utf8::next(text, i))) break;
    end = start;
  }
  std::size_t begin = end, length = 0;
  while (begin > 0) {
    std::size_t start = begin - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    if (!word_char_at(text, start, length) || start + length != begin) break;
    begin = start;
  }
  if (begin == end) return std::nullopt;
  return std::pair{begin, end};
}

bool is_reserved(std::string_view word, bool chinese_keywords) {
  struct Reading {
    bool chinese_keywords;
  } reading{chinese_keywords};
  p::memory_input in(word.data(), word.size(), "");
  return p::parse<p::seq<grammar::reserved, p::eof>>(in, reading);
}

void scan_comments_and_dialect(std::string_view text, FileId file, ast::File& out) {
  std::size_t english = 0, chinese = 0;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  bool own_line = true;  // nothing but spaces so far on this line
  while (i < text.size()) {
    if (text[i] == '\n') {
      own_line = true;
      ++i;
      continue;
    }
    if (text[i] == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t trimmed = end;
      while (trimmed > i && (text[trimmed - 1] == '\r' || text[trimmed - 1] == ' ' || text[trimmed - 1] == '\t'))
        --trimmed;
      out.comments.push_back({std::string(text.substr(i, trimmed - i)),
                              {file, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(trimmed)},
                              own_line});
      i = end;
      continue;
    }
    if (std::size_t past = skip_string(text, i); past != i) {
      own_line = false;
      i = past;
      continue;
    }
    if (std::size_t end = word_end(text, i); end != i) {
      std::string_view word = text.substr(i, end - i);
      const Keyword* k = dot_before(text, i) || is_dot(text, end) ? nullptr : find_keyword(word);
      if (k && k->kind != WordKind::attribute) {
        bool zh = dialect_of(word) == Dialect::zh;
        ++(zh ? chinese : english);
        if (zh && k->kind == WordKind::reserved && !out.first_chinese_word)
          out.first_chinese_word = SourceRange{file, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end)};
      }
      own_line = false;
      i = end;
      continue;
    }
    if (!is_space(utf8::next(text, i))) own_line = false;
  }
  out.dialect = chinese > english ? Dialect::zh : Dialect::en;
}

}  // namespace quanze::syntax
