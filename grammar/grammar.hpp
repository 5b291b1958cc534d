// The rule language's grammar (grammar/quanze.ebnf) as PEGTL rules.
//
// Each construct commits with must<> right after the token that decides it,
// so a syntax error points at the token that is wrong, not at the start of
// the declaration; errors.hpp gives every must<> point its message. Only
// parse.cpp instantiates parse<>: this header is templates only.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <tao/pegtl.hpp>

namespace quanze::syntax::grammar {

namespace p = tao::pegtl;

// ── Lexical ──────────────────────────────────────────────────────────────

struct bom : p::utf8::bom {};
struct comment : p::seq<p::one<'#'>, p::until<p::eolf>> {};
struct ideographic_space : p::utf8::one<0x3000> {};
struct space : p::sor<p::ascii::space, ideographic_space, comment> {};
struct ws : p::star<space> {};

// Letters: ASCII, Latin, Greek, Cyrillic, Mongolian, kana, CJK ideographs,
// Hangul.
// Full-width punctuation (，：（）) is deliberately not a letter: it is the
// punctuation a Chinese input method types, accepted below wherever its
// ASCII form is, so `when level＞township` means `when level>township`.
#define QUANZE_LETTER_RANGES                                                                              \
  0x00C0, 0x00D6, 0x00D8, 0x00F6, 0x00F8, 0x024F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x1820, 0x18AA, 0x3040, \
      0x30FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xAC00, 0xD7AF, 0xF900, 0xFAFF, 0x20000, 0x2FFFF
struct letter : p::sor<p::ascii::alpha, p::one<'_'>, p::utf8::ranges<QUANZE_LETTER_RANGES>> {};
/// The non-ASCII letters as [first, last] pairs, for code that asks about
/// a character without a parse (src/syntax/lexical.cpp).
inline constexpr char32_t kLetterRanges[] = {QUANZE_LETTER_RANGES};
#undef QUANZE_LETTER_RANGES
struct word_char : p::sor<letter, p::ascii::digit> {};
struct word : p::seq<letter, p::star<word_char>> {};

/// Punctuation in its ASCII form or as a Chinese input method types it.
template <char Ascii, char32_t Wide>
struct punct : p::sor<p::one<Ascii>, p::utf8::one<Wide>> {};
struct dot : punct<'.', U'．'> {};
struct colon : punct<':', U'：'> {};
struct comma : punct<',', U'，'> {};
struct open_paren : punct<'(', U'（'> {};
struct open_brace : punct<'{', U'｛'> {};
struct close_brace_char : punct<'}', U'｝'> {};
struct equals : punct<'=', U'＝'> {};
struct less : punct<'<', U'＜'> {};
struct greater : punct<'>', U'＞'> {};
struct bang : punct<'!', U'！'> {};

/// Looks ahead before it consumes, so a word that only begins with a
/// keyword (当层级) leaves the input where the word starts: an error there
/// points at the whole word.
template <typename Text>
struct key : p::seq<p::at<Text, p::not_at<word_char>>, Text> {};

/// Whether a parse reads Chinese keywords: a state with a
/// `chinese_keywords` member says so; without one, they are read.
template <typename... States>
bool chinese_keywords_on(const States&... st) {
  bool on = true;
  auto read = [&on](const auto& s) {
    if constexpr (requires { bool(s.chinese_keywords); }) on = on && s.chinese_keywords;
  };
  (read(st), ...);
  return on;
}

/// A Chinese keyword, read only when the parse reads Chinese keywords. A
/// file in the core language (DESIGN.md part 4) knows only the English
/// ones and may name a field 来源 or a member 是; the parser reads such a
/// file again with Chinese keywords off (src/syntax/parse.cpp).
template <typename Text>
struct zh_key {
  using rule_t = zh_key;
  using subs_t = p::type_list<key<Text>>;

  template <p::apply_mode A, p::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    return chinese_keywords_on(st...) && p::match<key<Text>, A, M, Action, Control>(in, st...);
  }
};

// A keyword is a whole word in either dialect (src/syntax/keywords.cpp has
// the same table; a test keeps them alike). Because a word runs on over
// every letter, 当层级 is one name, not 当 + 层级: a Chinese keyword needs a
// space (or punctuation) before the name that follows it.
#define QUANZE_KEYWORD(name, en, zh) \
  struct kw_##name : p::sor<key<TAO_PEGTL_STRING(en)>, zh_key<TAO_PEGTL_STRING(zh)>> {};
#define QUANZE_ENGLISH(name, en) \
  struct kw_##name : key<TAO_PEGTL_STRING(en)> {};
#define QUANZE_CHINESE(name, zh) \
  struct kw_##name : zh_key<TAO_PEGTL_STRING(zh)> {};
QUANZE_KEYWORD(policy, "policy", "政策")
QUANZE_KEYWORD(version, "version", "版本")
QUANZE_KEYWORD(source, "source", "来源")
QUANZE_KEYWORD(import, "import", "导入")
QUANZE_KEYWORD(schema, "schema", "字段表")
QUANZE_KEYWORD(field, "field", "字段")
QUANZE_KEYWORD(from, "from", "来自")
QUANZE_KEYWORD(default, "default", "默认")
QUANZE_KEYWORD(let, "let", "设")
QUANZE_KEYWORD(rule, "rule", "规则")
QUANZE_KEYWORD(exception, "exception", "例外")
QUANZE_KEYWORD(overrides_to, "to", "覆盖")
QUANZE_KEYWORD(target_to, "to", "至")
QUANZE_KEYWORD(when, "when", "当")
QUANZE_KEYWORD(then, "then", "则")
QUANZE_KEYWORD(because, "because", "理由")
QUANZE_KEYWORD(cite, "cite", "引用")
QUANZE_KEYWORD(require, "require", "要求")
QUANZE_KEYWORD(for, "for", "对于")
QUANZE_KEYWORD(else, "else", "否则")
QUANZE_KEYWORD(reject, "reject", "驳回")
QUANZE_KEYWORD(precedence, "precedence", "优先")
QUANZE_KEYWORD(and, "and", "且")
QUANZE_KEYWORD(or, "or", "或")
QUANZE_KEYWORD(not, "not", "非")
QUANZE_KEYWORD(in, "in", "属于")
QUANZE_KEYWORD(has, "has", "含")
QUANZE_KEYWORD(any, "any", "任一")
QUANZE_KEYWORD(all, "all", "全部")
QUANZE_KEYWORD(contains, "contains", "包含")
QUANZE_KEYWORD(cancel, "cancel", "取消")
QUANZE_KEYWORD(keep, "keep", "保留")
QUANZE_KEYWORD(filing, "filing", "改为备案")
QUANZE_KEYWORD(delegate, "delegate", "下放")
QUANZE_KEYWORD(next, "next", "下一级")
QUANZE_KEYWORD(by, "by", "方式")
QUANZE_KEYWORD(receiver, "receiver", "承接")
// true and false have a second Chinese spelling each.
struct kw_true : p::sor<key<TAO_PEGTL_STRING("true")>, zh_key<TAO_PEGTL_STRING("是")>,
                        zh_key<TAO_PEGTL_STRING("真")>> {};
struct kw_false : p::sor<key<TAO_PEGTL_STRING("false")>, zh_key<TAO_PEGTL_STRING("否")>,
                         zh_key<TAO_PEGTL_STRING("假")>> {};
// English phrases are one Chinese word: not in 不属于, is empty 为空,
// is not empty 不为空, starts with 开头为, ends with 结尾为, enum ordered
// 有序枚举. Inside an English phrase every word is English.
QUANZE_ENGLISH(en_not, "not")
QUANZE_ENGLISH(en_in, "in")
QUANZE_ENGLISH(is, "is")
QUANZE_ENGLISH(empty, "empty")
QUANZE_ENGLISH(starts, "starts")
QUANZE_ENGLISH(ends, "ends")
QUANZE_ENGLISH(with, "with")
QUANZE_ENGLISH(ordered, "ordered")
QUANZE_CHINESE(not_in, "不属于")
QUANZE_CHINESE(is_empty, "为空")
QUANZE_CHINESE(is_not_empty, "不为空")
QUANZE_CHINESE(starts_with, "开头为")
QUANZE_CHINESE(ends_with, "结尾为")
QUANZE_CHINESE(ordered_enum, "有序枚举")
// Words only where a type, a mode or a date clause is expected.
QUANZE_KEYWORD(text, "text", "文本")
QUANZE_KEYWORD(number, "number", "数")
QUANZE_KEYWORD(bool, "bool", "是否")
QUANZE_KEYWORD(basis, "basis", "依据类型")
QUANZE_KEYWORD(enum, "enum", "枚举")
QUANZE_KEYWORD(set, "set", "集合")
QUANZE_KEYWORD(authorization, "authorization", "法定授权")
QUANZE_KEYWORD(entrustment, "entrustment", "委托实施")
QUANZE_KEYWORD(direct, "direct", "直接下放")
QUANZE_KEYWORD(effective, "effective", "生效")
QUANZE_KEYWORD(until, "until", "有效至")
#undef QUANZE_KEYWORD
#undef QUANZE_ENGLISH
#undef QUANZE_CHINESE

/// Every spelling of the keywords `Kws` (kw_* rules), with whether it is
/// Chinese, read from the rules themselves so the two cannot drift apart.
struct Spelling {
  std::string_view text;
  bool chinese;
};
struct SpellingTable {
  std::array<Spelling, 128> items{};
  std::size_t size = 0;
  constexpr void add(std::string_view text, bool chinese) { items[size++] = {text, chinese}; }
};
template <char... Cs>
inline constexpr char kChars[] = {Cs...};
template <char... Cs>
constexpr std::string_view text_of(const p::ascii::string<Cs...>* /*unused*/) {
  return {kChars<Cs...>, sizeof...(Cs)};
}
template <typename Text>
constexpr void add_spellings(const key<Text>* /*unused*/, SpellingTable& out) {
  out.add(text_of(static_cast<const Text*>(nullptr)), false);
}
template <typename Text>
constexpr void add_spellings(const zh_key<Text>* /*unused*/, SpellingTable& out) {
  out.add(text_of(static_cast<const Text*>(nullptr)), true);
}
template <typename... Rules>
constexpr void add_spellings(const p::sor<Rules...>* /*unused*/, SpellingTable& out) {
  (add_spellings(static_cast<const Rules*>(nullptr), out), ...);
}

/// Reads one word and keeps it when whether `Keywords` spells it is
/// `Spelled`. On failure the input is left where it was, whatever the
/// caller's rewind mode: as sor<Kws...> leaves it, and an error is reported
/// where the input stands, which must be the start of the word.
template <typename Keywords, bool Spelled, typename ParseInput>
[[nodiscard]] bool match_word_if_spelled(ParseInput& in, bool chinese_keywords) {
  auto m = in.template mark<p::rewind_mode::required>();
  const char* start = in.current();
  if (!p::match<word, p::apply_mode::nothing, p::rewind_mode::active, p::nothing, p::normal>(in)) return false;
  std::string_view spelled(start, static_cast<std::size_t>(in.current() - start));
  return m(Keywords::spells_keyword(spelled, chinese_keywords) == Spelled);
}

/// Matches a whole word that one of `Kws` spells: what sor<Kws...> matches,
/// since a keyword is all word characters and key<> wants the word to end
/// with it. It reads the word once and looks it up, where the sor would try
/// every keyword in turn at every name (a fifth of a large file's parse).
template <typename... Kws>
struct any_keyword {
  using rule_t = any_keyword;
  using subs_t = p::empty_list;
  /// The same words as PEGTL rules: what this must match (a test holds it to that).
  using as_rules = p::sor<Kws...>;

  static constexpr SpellingTable kSpellings = [] {
    SpellingTable t;
    (add_spellings(static_cast<const Kws*>(nullptr), t), ...);
    return t;
  }();

  static bool spells_keyword(std::string_view word, bool chinese_keywords) {
    for (std::size_t i = 0; i < kSpellings.size; ++i) {
      const Spelling& s = kSpellings.items[i];
      if (s.text.size() == word.size() && s.text == word && (chinese_keywords || !s.chinese)) return true;
    }
    return false;
  }

  template <p::apply_mode A, p::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    return match_word_if_spelled<any_keyword, true>(in, chinese_keywords_on(st...));
  }
};

struct reserved
    : any_keyword<kw_policy, kw_version, kw_source, kw_import, kw_schema, kw_field, kw_from, kw_default,
                  kw_let, kw_rule, kw_exception, kw_overrides_to, kw_target_to, kw_when, kw_then, kw_because,
                  kw_cite, kw_require, kw_for, kw_else, kw_reject, kw_precedence, kw_and, kw_or, kw_not, kw_in,
                  kw_has, kw_any, kw_all, kw_is, kw_empty, kw_contains, kw_starts, kw_ends, kw_with, kw_true,
                  kw_false, kw_cancel, kw_keep, kw_filing, kw_delegate, kw_next, kw_by, kw_receiver, kw_not_in,
                  kw_is_empty, kw_is_not_empty, kw_starts_with, kw_ends_with> {};

/// A word that is not reserved: seq<not_at<reserved>, word>, reading the
/// word once.
struct unreserved_word {
  using rule_t = unreserved_word;
  using subs_t = p::empty_list;

  template <p::apply_mode A, p::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    return match_word_if_spelled<reserved, false>(in, chinese_keywords_on(st...));
  }
};

/// A name for a field, let or member: any word but a reserved one.
struct ident : unreserved_word {};

/// Rule ids are dotted words; a segment may be a reserved word, since an id
/// stands only where one is expected (`keep.security`).
struct rule_id : p::seq<word, p::star<dot, word>> {};

struct escaped_char : p::one<'"', '\\', 'n', 't'> {};
struct escape : p::seq<p::one<'\\'>, p::must<escaped_char>> {};
struct string_char : p::sor<escape, p::not_one<'"', '\\', '\r', '\n'>> {};
struct string_rest : p::until<p::one<'"'>, string_char> {};
/// “…” as a Chinese input method types it: the same string, ended by ”
/// (a " inside it is an ordinary character).
struct curly_char : p::sor<escape, p::utf8::not_one<U'”', U'\\', U'\r', U'\n'>> {};
struct curly_rest : p::until<p::utf8::one<U'”'>, curly_char> {};
/// ＂…＂, the full-width double quote.
struct wide_char : p::sor<escape, p::utf8::not_one<U'＂', U'\\', U'\r', U'\n'>> {};
struct wide_rest : p::until<p::utf8::one<U'＂'>, wide_char> {};
struct string : p::sor<p::if_must<p::one<'"'>, string_rest>, p::if_must<p::utf8::one<U'“'>, curly_rest>,
                       p::if_must<p::utf8::one<U'＂'>, wide_rest>> {};

struct number : p::seq<p::opt<p::one<'-'>>, p::plus<p::ascii::digit>,
                       p::opt<dot, p::plus<p::ascii::digit>>, p::not_at<word_char>> {};

// ── Nesting guard ────────────────────────────────────────────────────────

/// Raised when parentheses or `not` nest deeper than a person writes, so
/// hostile input cannot exhaust the stack (of the parser or of the passes
/// after it, which recurse over the tree).
struct too_deep : p::failure {};
inline constexpr std::size_t kMaxNesting = 64;

/// Matches Rule one nesting level deeper; past kMaxNesting it raises
/// too_deep through the control, so the error is reported like any other.
template <typename Rule>
struct guarded {
  using rule_t = guarded;
  using subs_t = p::type_list<Rule>;

  template <p::apply_mode A, p::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    struct Level {
      std::size_t& depth;
      ~Level() { --depth; }
    } level{++in.private_depth};
    if (level.depth > kMaxNesting) Control<too_deep>::raise(in, st...);
    return p::match<Rule, A, M, Action, Control>(in, st...);
  }
};

// ── Expressions ──────────────────────────────────────────────────────────

struct expr;
struct neg;

struct attr_name : word {};
struct ref : p::seq<ident, p::opt<dot, p::must<attr_name>>> {};
struct true_lit : kw_true {};
struct false_lit : kw_false {};
struct close_paren : punct<')', U'）'> {};
struct nested_expr;
struct paren : p::seq<open_paren, ws, guarded<p::must<nested_expr>>, ws, p::must<close_paren>> {};
struct operand : p::sor<paren, number, string, true_lit, false_lit, ref> {};

struct value : p::sor<string, number, ident> {};
struct close_brace : close_brace_char {};
struct value_list : p::if_must<open_brace, ws, value, ws, p::star<comma, ws, value, ws>,
                               p::opt<comma, ws>, close_brace> {};

struct op_eq : equals {};
struct op_ne : p::seq<bang, equals> {};
struct op_le : p::seq<less, equals> {};
struct op_ge : p::seq<greater, equals> {};
struct op_lt : less {};
struct op_gt : greater {};
struct compare_op : p::sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt> {};
struct right_operand : operand {};
struct compare : p::seq<compare_op, ws, p::must<right_operand>> {};

struct not_in : p::sor<kw_not_in, p::seq<kw_en_not, ws, p::must<kw_en_in>>> {};
struct in_op : p::sor<not_in, kw_in> {};
struct in_test : p::seq<in_op, ws, p::must<value_list>> {};

struct has_any : kw_any {};
struct has_all : kw_all {};
struct has_values : p::sor<value_list, value> {};
struct has_test : p::seq<kw_has, p::opt<ws, p::sor<has_any, has_all>>, ws, p::must<has_values>> {};

struct is_not : kw_en_not {};
struct is_not_empty : kw_is_not_empty {};
struct empty_word : kw_empty {};
struct empty_test : p::sor<kw_is_empty, is_not_empty, p::seq<kw_is, ws, p::opt<is_not, ws>, p::must<empty_word>>> {};

struct text_arg : string {};
struct contains_test : p::seq<kw_contains, ws, p::must<text_arg>> {};
struct starts_test : p::sor<p::seq<kw_starts_with, ws, p::must<text_arg>>,
                           p::seq<kw_starts, ws, p::must<kw_with>, ws, p::must<text_arg>>> {};
struct ends_test : p::sor<p::seq<kw_ends_with, ws, p::must<text_arg>>,
                         p::seq<kw_ends, ws, p::must<kw_with>, ws, p::must<text_arg>>> {};

struct test_suffix
    : p::sor<compare, in_test, has_test, empty_test, contains_test, starts_test, ends_test> {};
struct test : p::seq<operand, p::opt<ws, test_suffix>> {};

struct negated;
struct not_expr : p::seq<kw_not, ws, guarded<p::must<negated>>> {};
struct neg : p::sor<not_expr, test> {};
struct and_operand : neg {};
struct conj : p::seq<neg, p::star<ws, kw_and, ws, p::must<and_operand>>> {};
struct or_operand : conj {};
struct expr : p::seq<conj, p::star<ws, kw_or, ws, p::must<or_operand>>> {};
struct nested_expr : expr {};
struct negated : neg {};

// ── Outcomes ─────────────────────────────────────────────────────────────

struct mode : p::sor<kw_authorization, kw_entrustment, kw_direct> {};
struct next_field : ident {};
struct next_target : p::seq<kw_next, ws, p::must<next_field>> {};
struct target_text : string {};
struct target : p::sor<next_target, target_text> {};
struct receiver_text : string {};
struct delegate_outcome
    : p::seq<kw_delegate, p::opt<ws, kw_target_to, ws, p::must<target>>, p::opt<ws, kw_by, ws, p::must<mode>>,
             p::opt<ws, kw_receiver, ws, p::must<receiver_text>>> {};
struct outcome : p::sor<kw_cancel, kw_keep, kw_filing, delegate_outcome> {};
struct reject_outcome : kw_reject {};
struct else_outcome : p::sor<reject_outcome, outcome> {};

struct because_text : string {};
struct because : p::seq<kw_because, ws, p::must<because_text>> {};
struct cite_text : string {};
struct cite : p::seq<kw_cite, ws, p::must<cite_text>> {};
struct explanations : p::seq<p::opt<ws, because>, p::star<ws, cite>> {};
/// The days a rule is in force, both ends included. effective and until
/// are words only here, so no name is lost to them.
struct effective_date : string {};
struct until_date : string {};
struct window : p::seq<p::opt<ws, kw_effective, ws, p::must<effective_date>>,
                       p::opt<ws, kw_until, ws, p::must<until_date>>> {};

// ── Declarations ─────────────────────────────────────────────────────────

struct policy_name : string {};
struct version_text : string {};
struct source_text : string {};
struct header : p::if_must<kw_policy, ws, policy_name, p::opt<ws, kw_version, ws, p::must<version_text>>,
                           p::opt<ws, kw_source, ws, p::must<source_text>>> {};

struct import_path : string {};
struct import_decl : p::if_must<kw_import, ws, import_path> {};

struct member_id : ident {};
struct member_label : string {};
struct member : p::seq<member_id, p::opt<ws, member_label>> {};
struct open_members : open_brace {};
struct members : p::seq<p::must<open_members>, ws, p::must<member>, ws,
                        p::star<comma, ws, member, ws>, p::opt<comma, ws>,
                        p::must<close_brace>> {};
struct type_text : kw_text {};
struct type_number : kw_number {};
struct type_bool : kw_bool {};
struct type_basis : kw_basis {};
struct enum_ordered : kw_ordered {};
struct ordered_enum : kw_ordered_enum {};
struct type_enum : p::sor<p::seq<ordered_enum, ws, members>, p::seq<kw_enum, ws, p::opt<enum_ordered, ws>, members>> {};
struct type_set : p::seq<kw_set, ws, members> {};
struct type : p::sor<type_text, type_number, type_bool, type_basis, type_enum, type_set> {};
struct field_name : ident {};
struct field_colon : colon {};
struct header_text : string {};
/// `from "A" | "B"`: lists name one column in different ways.
struct alias_bar : punct<'|', U'｜'> {};
struct literal : p::sor<string, number, true_lit, false_lit> {};
struct default_value : literal {};
struct field : p::if_must<kw_field, ws, field_name, ws, field_colon, ws, type,
                          p::opt<ws, kw_from, ws, p::must<header_text>,
                                 p::star<ws, alias_bar, ws, p::must<header_text>>>,
                          p::opt<ws, kw_default, ws, p::must<default_value>>> {};
struct schema_open : open_brace {};
struct schema_close : close_brace_char {};
struct schema : p::if_must<kw_schema, ws, schema_open, ws, p::star<field, ws>, schema_close> {};

struct let_name : ident {};
struct let_eq : equals {};
struct let_decl : p::if_must<kw_let, ws, let_name, ws, let_eq, ws, expr> {};

struct title : string {};
struct rule_colon : colon {};
struct when_expr : expr {};
// reject parses here too, so the checker can say where it belongs (QZ4006).
struct then_outcome : else_outcome {};
struct rule_body : p::seq<p::must<rule_colon>, ws, p::must<kw_when>, ws, p::must<when_expr>, ws,
                          p::must<kw_then>, ws, p::must<then_outcome>, explanations, window> {};
struct rule_decl : p::if_must<kw_rule, ws, rule_id, p::opt<ws, title>, ws, rule_body> {};

struct override_id : rule_id {};
struct overrides : p::seq<p::must<override_id>, p::star<ws, comma, ws, p::must<override_id>>> {};
struct exception_decl : p::if_must<kw_exception, ws, rule_id, p::opt<ws, title>, ws, kw_overrides_to, ws,
                                   overrides, ws, rule_body> {};

struct pattern_kind : p::sor<kw_cancel, kw_keep, kw_filing, kw_delegate> {};
struct pattern_mode : mode {};
struct pattern : p::seq<pattern_kind, p::opt<ws, kw_by, ws, p::must<pattern_mode>>> {};
struct condition : expr {};
struct require_decl : p::if_must<kw_require, ws, rule_id, p::opt<ws, title>, ws, kw_for, ws, pattern, ws,
                                 rule_colon, ws, condition, ws, kw_else, ws, else_outcome,
                                 explanations, window> {};

struct default_outcome : else_outcome {};
struct default_decl : p::if_must<kw_default, ws, default_outcome, p::opt<ws, because>> {};

struct precedence_kind : pattern_kind {};
struct precedence_gt : greater {};
struct precedence_decl
    : p::if_must<kw_precedence, ws, precedence_kind, ws, precedence_gt, ws, precedence_kind,
                 p::star<ws, precedence_gt, ws, p::must<precedence_kind>>> {};

struct declaration : p::sor<header, import_decl, schema, let_decl, rule_decl, exception_decl,
                            require_decl, default_decl, precedence_decl> {};

// ── The file, with recovery ──────────────────────────────────────────────

struct top_keyword : p::sor<kw_policy, kw_import, kw_schema, kw_let, kw_rule, kw_exception, kw_require,
                            kw_default, kw_precedence> {};
/// After an error, skip to the next line that starts with a top-level
/// keyword and go on, so one run reports every broken declaration.
struct resync_point : p::seq<p::bol, p::star<p::sor<p::one<' ', '\t'>, ideographic_space>>, top_keyword> {};
struct skip : p::seq<p::any, p::star<p::not_at<resync_point>, p::any>> {};
struct recoverable : p::sor<p::try_catch<p::must<declaration>>, skip> {};
struct file : p::seq<p::opt<bom>, ws, p::star<p::not_at<p::eof>, recoverable, ws>, p::eof> {};

}  // namespace quanze::syntax::grammar
