// Every word of the rule language in both dialects. The grammar spells the
// same words in grammar/grammar.hpp (a test keeps the two alike); the
// formatter writes from this table, and the parser's hints split a name
// that runs into a keyword with it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "quanze/dialect.hpp"

namespace quanze::syntax {

/// A keyword or keyword phrase, by what it means. `to` is two words in
/// Chinese: 覆盖 after an exception, 至 before a delegation's target.
enum class Word : std::uint8_t {
  policy, version, source, import, schema, field, from, default_, let, rule, exception,
  overrides_to, target_to, when, then, because, cite, require, for_, else_, reject, precedence,
  and_, or_, not_, in, not_in, has, any, all, is_empty, is_not_empty, contains, starts_with,
  ends_with, true_, false_, cancel, keep, filing, delegate, next, by, receiver,
  // words only where a type, a mode, a date clause or an attribute is expected
  text, number, boolean, basis, enumeration, ordered_enumeration, set, authorization, entrustment,
  direct, effective, until, highest, count,
};

enum class WordKind : std::uint8_t {
  reserved,   ///< never a name
  type,       ///< a word only where a field's type is expected
  mode,       ///< only after by / 方式
  clause,     ///< only at the end of a rule or requirement (dates)
  attribute,  ///< only after a basis field's dot
};

struct Keyword {
  Word word;
  WordKind kind;
  std::string_view en;        ///< may be a phrase: "not in", "starts with"
  std::string_view zh;        ///< always one word: 不属于, 开头为
  std::string_view zh_alias;  ///< another accepted Chinese spelling (真, 假), or empty
};

/// The whole table, in the order of docs/language.md's keyword table.
std::span<const Keyword> keywords();

const Keyword& keyword(Word word);
std::string_view spelling(Word word, Dialect dialect);

/// The keyword a whole word spells, in either dialect (one word of an
/// English phrase, such as "starts", counts), or null.
const Keyword* find_keyword(std::string_view word);
/// Which dialect `word` belongs to when find_keyword found it.
Dialect dialect_of(std::string_view word);

/// `word` with spaces put around every keyword inside it — 苏木乡镇则保留 →
/// "苏木乡镇 则 保留" — or empty when it holds no keyword but itself.
/// English keywords count only where ASCII letters do not continue them
/// (when层级 → "when 层级"; keeper stays). `infix_only` keeps only the
/// keywords that can follow a value (且, 或, 则, 属于, 为空 …) and only past
/// the first character, for hints about names the checker cannot find.
std::string split_at_keywords(std::string_view word, bool infix_only = false);

/// The keywords split_at_keywords found, joined by ", ", for messages.
std::string keywords_in(std::string_view word, bool infix_only = false);

}  // namespace quanze::syntax
