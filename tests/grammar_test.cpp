// The grammar has no rule that can loop without consuming input (PEGTL's
// analyze<>), so no rule file can make the parser hang.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include <tao/pegtl/contrib/analyze.hpp>

#include "diag/utf8.hpp"
#include "grammar/grammar.hpp"
#include "syntax/lexical.hpp"

namespace tao::pegtl {
// guarded<R> matches exactly what R matches, one nesting level deeper.
template <typename Name, typename Rule>
struct analyze_traits<Name, quanze::syntax::grammar::guarded<Rule>>
    : analyze_traits<Name, typename seq<Rule>::rule_t> {};
// zh_key<T> matches what key<T> matches, or nothing when Chinese keywords are off.
template <typename Name, typename Text>
struct analyze_traits<Name, quanze::syntax::grammar::zh_key<Text>>
    : analyze_traits<Name, typename seq<quanze::syntax::grammar::key<Text>>::rule_t> {};
// any_keyword<K...> matches a word, as the sor of its keywords does.
template <typename Name, typename... Kws>
struct analyze_traits<Name, quanze::syntax::grammar::any_keyword<Kws...>>
    : analyze_traits<Name, typename quanze::syntax::grammar::word::rule_t> {};
template <typename Name>
struct analyze_traits<Name, quanze::syntax::grammar::unreserved_word>
    : analyze_traits<Name, typename quanze::syntax::grammar::word::rule_t> {};
}  // namespace tao::pegtl

TEST_CASE("grammar: analyze finds no rule that can loop without consuming input") {
  CHECK(tao::pegtl::analyze<quanze::syntax::grammar::file>(1) == 0);
}

namespace {
namespace g = quanze::syntax::grammar;

struct Reading {
  bool chinese_keywords;
};

/// How much of `text` Rule matches from its start (-1: no match), and where
/// the input is left.
template <typename Rule>
long matched(std::string_view text, bool chinese_keywords) {
  Reading reading{chinese_keywords};
  tao::pegtl::memory_input in(text.data(), text.size(), "");
  if (!tao::pegtl::parse<Rule>(in, reading)) return -1;
  return in.current() - text.data();
}
}  // namespace

TEST_CASE("grammar: reserved looks words up, matching exactly what trying each keyword rule matches") {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < g::reserved::kSpellings.size; ++i) {
    std::string k(g::reserved::kSpellings.items[i].text);
    for (const char* around : {"", "x", "层", "1", "_", " ", ".", "（", "\xE3\x80\x80"}) {
      words.push_back(k + around);
      words.push_back(around + k);
    }
    words.push_back(k.substr(0, k.size() - 1));
  }
  for (const char* other : {"", "level", "层级", "toto", "inn", "1and", "是否", "text", "数", "否则x", "x"})
    words.emplace_back(other);
  CHECK(g::reserved::kSpellings.size >= 49);
  for (const std::string& w : words) {
    for (bool zh : {true, false}) {
      CAPTURE(w);
      CAPTURE(zh);
      CHECK(matched<g::reserved>(w, zh) == matched<g::reserved::as_rules>(w, zh));
    }
  }
}

TEST_CASE("grammar: a name is a word that is not reserved, read once") {
  using ident_by_rules = tao::pegtl::seq<tao::pegtl::not_at<g::reserved::as_rules>, g::word>;
  for (const char* w : {"level", "层级", "规则", "规则x", "rule", "rules", "来源", "是", "是否", "x1", "1x", "_a",
                        "not", "不属于", "when层级", "", " a"}) {
    for (bool zh : {true, false}) {
      CAPTURE(w);
      CAPTURE(zh);
      CHECK(matched<g::ident>(w, zh) == matched<ident_by_rules>(w, zh));
    }
  }
}

TEST_CASE("grammar: word_char_at tells word characters as grammar::word_char does, for every code point") {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string text;
    quanze::utf8::append(c, text);
    text += "x";
    std::size_t length = 0;
    bool word_char = quanze::syntax::word_char_at(text, 0, length);
    long by_rules = matched<g::word_char>(text, true);
    if (word_char != (by_rules > 0) || (word_char && static_cast<long>(length) != by_rules)) {
      CAPTURE(static_cast<std::uint32_t>(c));
      CHECK(word_char == (by_rules > 0));
      CHECK(length == static_cast<std::size_t>(by_rules));
    }
  }
  std::size_t length = 0;
  for (const char* bad : {"\xE4", "\xE4\xB8", "\xC3", "\xFF", "\xED\xA0\x80"})
    CHECK_FALSE(quanze::syntax::word_char_at(bad, 0, length));
}
