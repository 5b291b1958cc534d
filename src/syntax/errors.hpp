// What each must<> point of the grammar expected, said for a person. The
// control in control.hpp refuses to compile a must<> without a message here.
#pragma once

#include "diag/codes.hpp"
#include "grammar/grammar.hpp"

namespace quanze::syntax {

/// `expected` marks each keyword {en|zh}: the message names it in the
/// dialect of the file it is about (see spell_expected).
struct ErrorText {
  const char* code;
  const char* expected;  ///< completes "expected …"
};

template <typename Rule>
inline constexpr ErrorText error_text{nullptr, nullptr};

#define QUANZE_EXPECT(rule, text) \
  template <>                     \
  inline constexpr ErrorText error_text<grammar::rule>{code::syntax, text};

namespace g = grammar;

QUANZE_EXPECT(declaration, "a declaration: {policy|政策}, {import|导入}, {schema|字段表}, {let|设}, {rule|规则}, {exception|例外}, {require|要求}, {default|默认} or {precedence|优先}")
QUANZE_EXPECT(policy_name, "the policy's name as a string after {policy|政策}, e.g. {policy|政策} \"两优专项行动\"")
QUANZE_EXPECT(version_text, "the version as a string after {version|版本}, e.g. {version|版本} \"2022-12-16\"")
QUANZE_EXPECT(source_text, "the source document as a string after {source|来源}")
QUANZE_EXPECT(import_path, "the path of the imported file as a string, e.g. {import|导入} \"common.qz\"")
QUANZE_EXPECT(schema_open, "{ after {schema|字段表}")
QUANZE_EXPECT(schema_close, "another field, or } to close the schema")
QUANZE_EXPECT(field_name, "the field's name after {field|字段}")
QUANZE_EXPECT(field_colon, ": and the field's type after its name")
QUANZE_EXPECT(type, "a type: {text|文本}, {number|数}, {bool|是否}, {basis|依据类型}, {enum|枚举} {…}, {enum ordered|有序枚举} {…} or {set|集合} {…}")
QUANZE_EXPECT(open_members, "{ and the members")
QUANZE_EXPECT(member, "a member: its id, then optionally its label in the data as a string")
QUANZE_EXPECT(close_brace, ", and another member or value, or } to close the list")
QUANZE_EXPECT(header_text, "the column header as a string after {from|来自}, e.g. {from|来自} \"事项名称\"")
QUANZE_EXPECT(default_value, "a value after {default|默认}: a string, a number, {true|是} or {false|否}")
QUANZE_EXPECT(let_name, "a name after {let|设}")
QUANZE_EXPECT(let_eq, "= after the let's name")
QUANZE_EXPECT(expr, "a condition")
QUANZE_EXPECT(rule_id, "a rule id, e.g. cancel.no_basis")
QUANZE_EXPECT(override_id, "the id of a rule this exception overrides")
QUANZE_EXPECT(kw_overrides_to, "{to|覆盖} and the rules this exception overrides, e.g. {exception|例外} e {to|覆盖} r1, r2:")
QUANZE_EXPECT(rule_colon, ": to begin the body")
QUANZE_EXPECT(kw_when, "{when|当} and the condition")
QUANZE_EXPECT(when_expr, "a condition after {when|当}")
QUANZE_EXPECT(kw_then, "{then|则} and the outcome after the condition")
QUANZE_EXPECT(then_outcome, "an outcome after {then|则}: {cancel|取消}, {keep|保留}, {filing|改为备案} or {delegate|下放}")
QUANZE_EXPECT(because_text, "the reason as a string after {because|理由}")
QUANZE_EXPECT(cite_text, "the citation as a string after {cite|引用}")
QUANZE_EXPECT(kw_for, "{for|对于} and the outcome this requirement applies to, e.g. {for|对于} {delegate|下放} {by|方式} {authorization|法定授权}")
QUANZE_EXPECT(pattern, "an outcome kind after {for|对于}: {cancel|取消}, {keep|保留}, {filing|改为备案} or {delegate|下放}")
QUANZE_EXPECT(pattern_mode, "a mode after {by|方式}: {authorization|法定授权}, {entrustment|委托实施} or {direct|直接下放}")
QUANZE_EXPECT(mode, "a mode after {by|方式}: {authorization|法定授权}, {entrustment|委托实施} or {direct|直接下放}")
QUANZE_EXPECT(condition, "the requirement's condition after :")
QUANZE_EXPECT(kw_else, "{else|否则} and the fallback outcome after the condition")
QUANZE_EXPECT(else_outcome, "a fallback after {else|否则}: {cancel|取消}, {keep|保留}, {filing|改为备案}, {delegate|下放} or {reject|驳回}")
QUANZE_EXPECT(default_outcome, "an outcome after {default|默认}: {cancel|取消}, {keep|保留}, {filing|改为备案} or {delegate|下放}")
QUANZE_EXPECT(precedence_kind, "an outcome kind: {cancel|取消}, {keep|保留}, {filing|改为备案} or {delegate|下放}")
QUANZE_EXPECT(precedence_gt, "> between the kinds, e.g. {precedence|优先} {keep|保留} > {cancel|取消}")
QUANZE_EXPECT(target, "a target after {to|至}: {next|下一级} and an ordered field, or a string")
QUANZE_EXPECT(next_field, "an ordered field after {next|下一级}, e.g. {to|至} {next|下一级} level")
QUANZE_EXPECT(receiver_text, "the receiving body as a string after {receiver|承接}")
QUANZE_EXPECT(attr_name, "an attribute name after ., e.g. basis.{highest|最高}")
QUANZE_EXPECT(nested_expr, "a condition after (")
QUANZE_EXPECT(close_paren, ") to close the (")
QUANZE_EXPECT(negated, "a test after {not|非}")
QUANZE_EXPECT(and_operand, "a test after {and|且}")
QUANZE_EXPECT(or_operand, "a test after {or|或}")
QUANZE_EXPECT(right_operand, "a value after the comparison operator")
QUANZE_EXPECT(kw_en_in, "in after not (not in {…})")
QUANZE_EXPECT(value_list, "{ and the values, e.g. {in|属于} { county, league }")
QUANZE_EXPECT(value, "a value: a member's id, a string or a number")
QUANZE_EXPECT(has_values, "a member or { members } after {has|含}")
QUANZE_EXPECT(empty_word, "empty after is (is empty, is not empty)")
QUANZE_EXPECT(text_arg, "a string to look for")
QUANZE_EXPECT(kw_with, "with after starts or ends (starts with \"…\")")
QUANZE_EXPECT(rule_body, ": to begin the body")
QUANZE_EXPECT(overrides, "the id of a rule this exception overrides")
QUANZE_EXPECT(too_deep, "at most 64 nested parentheses or nots")
QUANZE_EXPECT(effective_date, "the first day in force as a string after {effective|生效}, e.g. {effective|生效} \"2023-01-01\"")
QUANZE_EXPECT(until_date, "the last day in force as a string after {until|有效至}, e.g. {until|有效至} \"2024-12-31\"")
#undef QUANZE_EXPECT

template <>
inline constexpr ErrorText error_text<grammar::string_rest>{
    code::unterminated_string, "\" to end the string on the same line (a string cannot span lines)"};
template <>
inline constexpr ErrorText error_text<grammar::curly_rest>{
    code::unterminated_string, "” to end the string on the same line (a string cannot span lines)"};
template <>
inline constexpr ErrorText error_text<grammar::wide_rest>{
    code::unterminated_string, "＂ to end the string on the same line (a string cannot span lines)"};
template <>
inline constexpr ErrorText error_text<grammar::escaped_char>{
    code::bad_escape, "an escape after \\: \\\" (quote), \\\\ (backslash), \\n (new line) or \\t (tab)"};

/// Rules that if_must<> wraps in must<> but that never fail: they need no
/// message. Every other raising rule must have one (control.hpp checks).
template <typename Rule>
inline constexpr bool never_fails = false;
template <>
inline constexpr bool never_fails<grammar::ws> = true;
template <>
inline constexpr bool never_fails<grammar::explanations> = true;
template <>
inline constexpr bool never_fails<grammar::window> = true;
template <typename... Rules>
inline constexpr bool never_fails<grammar::p::opt<Rules...>> = true;
template <typename... Rules>
inline constexpr bool never_fails<grammar::p::star<Rules...>> = true;

/// Rules whose must<> point expects a name: a reserved word found there is
/// reported as such (QZ1005), not as a generic syntax error.
template <typename Rule>
inline constexpr bool expects_name = false;
template <>
inline constexpr bool expects_name<grammar::field_name> = true;
template <>
inline constexpr bool expects_name<grammar::let_name> = true;
template <>
inline constexpr bool expects_name<grammar::member> = true;
template <>
inline constexpr bool expects_name<grammar::next_field> = true;

}  // namespace quanze::syntax
