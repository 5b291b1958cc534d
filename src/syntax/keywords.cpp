#include "syntax/keywords.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include "diag/utf8.hpp"
#include "syntax/lexical.hpp"

namespace quanze::syntax {
namespace {

using enum Word;
using K = WordKind;

// Chinese forms are chosen to read as a civil servant would say the rule
// (当…则…, 下放至下一级, 方式委托实施) and to match the labels of the
// output (取消, 保留, 改为备案, 下放, 法定授权, 委托实施, 直接下放). The cite
// keyword is 引用, not 依据: 依据 is the natural name of a basis field.
constexpr std::array kTable{
    Keyword{policy, K::reserved, "policy", "政策", {}},
    Keyword{version, K::reserved, "version", "版本", {}},
    Keyword{source, K::reserved, "source", "来源", {}},
    Keyword{import, K::reserved, "import", "导入", {}},
    Keyword{schema, K::reserved, "schema", "字段表", {}},
    Keyword{field, K::reserved, "field", "字段", {}},
    Keyword{from, K::reserved, "from", "来自", {}},
    Keyword{default_, K::reserved, "default", "默认", {}},
    Keyword{let, K::reserved, "let", "设", {}},
    Keyword{rule, K::reserved, "rule", "规则", {}},
    Keyword{exception, K::reserved, "exception", "例外", {}},
    Keyword{overrides_to, K::reserved, "to", "覆盖", {}},
    Keyword{when, K::reserved, "when", "当", {}},
    Keyword{then, K::reserved, "then", "则", {}},
    Keyword{because, K::reserved, "because", "理由", {}},
    Keyword{cite, K::reserved, "cite", "引用", {}},
    Keyword{effective, K::clause, "effective", "生效", {}},
    Keyword{until, K::clause, "until", "有效至", {}},
    Keyword{require, K::reserved, "require", "要求", {}},
    Keyword{for_, K::reserved, "for", "对于", {}},
    Keyword{else_, K::reserved, "else", "否则", {}},
    Keyword{reject, K::reserved, "reject", "驳回", {}},
    Keyword{precedence, K::reserved, "precedence", "优先", {}},
    Keyword{cancel, K::reserved, "cancel", "取消", {}},
    Keyword{keep, K::reserved, "keep", "保留", {}},
    Keyword{filing, K::reserved, "filing", "改为备案", {}},
    Keyword{delegate, K::reserved, "delegate", "下放", {}},
    Keyword{target_to, K::reserved, "to", "至", {}},
    Keyword{next, K::reserved, "next", "下一级", {}},
    Keyword{by, K::reserved, "by", "方式", {}},
    Keyword{receiver, K::reserved, "receiver", "承接", {}},
    Keyword{authorization, K::mode, "authorization", "法定授权", {}},
    Keyword{entrustment, K::mode, "entrustment", "委托实施", {}},
    Keyword{direct, K::mode, "direct", "直接下放", {}},
    Keyword{and_, K::reserved, "and", "且", {}},
    Keyword{or_, K::reserved, "or", "或", {}},
    Keyword{not_, K::reserved, "not", "非", {}},
    Keyword{in, K::reserved, "in", "属于", {}},
    Keyword{not_in, K::reserved, "not in", "不属于", {}},
    Keyword{has, K::reserved, "has", "含", {}},
    Keyword{any, K::reserved, "any", "任一", {}},
    Keyword{all, K::reserved, "all", "全部", {}},
    Keyword{is_empty, K::reserved, "is empty", "为空", {}},
    Keyword{is_not_empty, K::reserved, "is not empty", "不为空", {}},
    Keyword{contains, K::reserved, "contains", "包含", {}},
    Keyword{starts_with, K::reserved, "starts with", "开头为", {}},
    Keyword{ends_with, K::reserved, "ends with", "结尾为", {}},
    Keyword{true_, K::reserved, "true", "是", "真"},
    Keyword{false_, K::reserved, "false", "否", "假"},
    Keyword{text, K::type, "text", "文本", {}},
    Keyword{number, K::type, "number", "数", {}},
    Keyword{boolean, K::type, "bool", "是否", {}},
    Keyword{basis, K::type, "basis", "依据类型", {}},
    Keyword{enumeration, K::type, "enum", "枚举", {}},
    Keyword{ordered_enumeration, K::type, "enum ordered", "有序枚举", {}},
    Keyword{set, K::type, "set", "集合", {}},
    Keyword{highest, K::attribute, "highest", "最高", {}},
    Keyword{count, K::attribute, "count", "条数", {}},
};

/// Keywords that can stand right after a value in a condition or a clause.
bool follows_a_value(Word w) {
  switch (w) {
    case and_: case or_: case then: case else_: case in: case not_in: case has: case is_empty:
    case is_not_empty: case contains: case starts_with: case ends_with: case because: case cite:
      return true;
    default:
      return false;
  }
}

/// Length of the longest keyword spelled at `at` in `word`, or 0.
std::size_t keyword_at(std::string_view word, std::size_t at, bool infix_only) {
  std::size_t best = 0;
  for (const Keyword& k : kTable) {
    if (k.kind == K::attribute || (infix_only && !follows_a_value(k.word))) continue;
    for (std::string_view s : {k.zh, k.zh_alias, k.en}) {
      if (s.empty() || s.size() <= best || s.find(' ') != std::string_view::npos) continue;
      if (word.substr(at, s.size()) != s) continue;
      bool english = ascii_word_char(s.front());
      if (english && ((at > 0 && ascii_word_char(word[at - 1])) ||
                      (at + s.size() < word.size() && ascii_word_char(word[at + s.size()]))))
        continue;
      best = s.size();
    }
  }
  return best;
}

/// The word cut into keywords and the runs between them.
std::vector<std::pair<std::string_view, bool>> segments(std::string_view word, bool infix_only) {
  std::vector<std::pair<std::string_view, bool>> out;
  std::size_t run = 0, at = 0;
  while (at < word.size()) {
    std::size_t length = infix_only && at == 0 ? 0 : keyword_at(word, at, infix_only);
    if (length == 0) {
      utf8::next(word, at);
      continue;
    }
    if (at > run) out.emplace_back(word.substr(run, at - run), false);
    out.emplace_back(word.substr(at, length), true);
    at += length;
    run = at;
  }
  if (run < word.size()) out.emplace_back(word.substr(run), false);
  return out;
}

}  // namespace

std::span<const Keyword> keywords() { return kTable; }

const Keyword& keyword(Word word) {
  for (const Keyword& k : kTable)
    if (k.word == word) return k;
  return kTable.front();  // unreachable: every Word is in the table
}

std::string_view spelling(Word word, Dialect dialect) {
  const Keyword& k = keyword(word);
  return dialect == Dialect::zh ? k.zh : k.en;
}

namespace {

/// Every spelling of every keyword (each word of an English phrase on its
/// own) to its keyword; where two share a spelling (to, not), the first in
/// the table. find_keyword runs on every word of every file, for the
/// dialect count: a hash look-up rather than a walk through the table.
class SpellingIndex {
 public:
  SpellingIndex() {
    for (const Keyword& k : kTable) {
      add(k.zh, k);
      add(k.zh_alias, k);
      for (std::size_t start = 0; start < k.en.size();) {
        std::size_t space = std::min(k.en.find(' ', start), k.en.size());
        add(k.en.substr(start, space - start), k);
        start = space + 1;
      }
    }
  }

  const Keyword* find(std::string_view word) const {
    if (word.size() > longest_) return nullptr;
    auto it = spellings_.find(word);
    return it == spellings_.end() ? nullptr : it->second;
  }

 private:
  void add(std::string_view spelling, const Keyword& k) {
    if (spelling.empty()) return;
    spellings_.try_emplace(spelling, &k);
    longest_ = std::max(longest_, spelling.size());
  }

  std::unordered_map<std::string_view, const Keyword*> spellings_;
  std::size_t longest_ = 0;
};

}  // namespace

const Keyword* find_keyword(std::string_view word) {
  static const SpellingIndex index;
  return index.find(word);
}

Dialect dialect_of(std::string_view word) {
  return !word.empty() && ascii_word_char(word.front()) ? Dialect::en : Dialect::zh;
}

std::string split_at_keywords(std::string_view word, bool infix_only) {
  auto parts = segments(word, infix_only);
  bool any_keyword = false;
  for (const auto& [text, is_keyword] : parts) any_keyword |= is_keyword;
  if (!any_keyword || parts.size() < 2) return {};
  std::string out;
  for (const auto& [text, is_keyword] : parts) out += (out.empty() ? "" : " ") + std::string(text);
  return out;
}

std::string keywords_in(std::string_view word, bool infix_only) {
  std::string out;
  for (const auto& [text, is_keyword] : segments(word, infix_only))
    if (is_keyword) out += (out.empty() ? "" : ", ") + std::string(text);
  return out;
}

}  // namespace quanze::syntax
