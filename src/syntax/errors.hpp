// What each must<> point of the grammar expected, said for a person. The
// control in control.hpp refuses to compile a must<> without a message here.
#pragma once

#include "diag/codes.hpp"
#include "grammar/grammar.hpp"

namespace quanze::syntax {

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

QUANZE_EXPECT(declaration,
              "a declaration: policy, import, schema, let, rule, exception, require, default or "
              "precedence")
QUANZE_EXPECT(policy_name, "the policy's name as a string after policy, e.g. policy \"两优专项行动\"")
QUANZE_EXPECT(version_text, "the version as a string after version, e.g. version \"2022-12-16\"")
QUANZE_EXPECT(source_text, "the source document as a string after source")
QUANZE_EXPECT(import_path, "the path of the imported file as a string, e.g. import \"common.qz\"")
QUANZE_EXPECT(schema_open, "{ after schema")
QUANZE_EXPECT(schema_close, "another field, or } to close the schema")
QUANZE_EXPECT(field_name, "the field's name after field")
QUANZE_EXPECT(field_colon, ": and the field's type after its name")
QUANZE_EXPECT(type, "a type: text, number, bool, basis, enum {…}, enum ordered {…} or set {…}")
QUANZE_EXPECT(open_members, "{ and the members")
QUANZE_EXPECT(member, "a member: its id, then optionally its label in the data as a string")
QUANZE_EXPECT(close_brace, ", and another member or value, or } to close the list")
QUANZE_EXPECT(header_text, "the column header as a string after from, e.g. from \"事项名称\"")
QUANZE_EXPECT(default_value, "a value after default: a string, a number, true or false")
QUANZE_EXPECT(let_name, "a name after let")
QUANZE_EXPECT(let_eq, "= after the let's name")
QUANZE_EXPECT(expr, "a condition")
QUANZE_EXPECT(rule_id, "a rule id, e.g. cancel.no_basis")
QUANZE_EXPECT(override_id, "the id of a rule this exception overrides")
QUANZE_EXPECT(kw_overrides_to, "to and the rules this exception overrides, e.g. exception e to r1, r2:")
QUANZE_EXPECT(rule_colon, ": to begin the body")
QUANZE_EXPECT(kw_when, "when and the condition")
QUANZE_EXPECT(when_expr, "a condition after when")
QUANZE_EXPECT(kw_then, "then and the outcome after the condition")
QUANZE_EXPECT(then_outcome, "an outcome after then: cancel, keep, filing or delegate")
QUANZE_EXPECT(because_text, "the reason as a string after because")
QUANZE_EXPECT(cite_text, "the citation as a string after cite")
QUANZE_EXPECT(kw_for, "for and the outcome this requirement applies to, e.g. for delegate by authorization")
QUANZE_EXPECT(pattern, "an outcome kind after for: cancel, keep, filing or delegate")
QUANZE_EXPECT(pattern_mode, "a mode after by: authorization, entrustment or direct")
QUANZE_EXPECT(mode, "a mode after by: authorization, entrustment or direct")
QUANZE_EXPECT(condition, "the requirement's condition after :")
QUANZE_EXPECT(kw_else, "else and the fallback outcome after the condition")
QUANZE_EXPECT(else_outcome, "a fallback after else: cancel, keep, filing, delegate or reject")
QUANZE_EXPECT(default_outcome, "an outcome after default: cancel, keep, filing or delegate")
QUANZE_EXPECT(precedence_kind, "an outcome kind: cancel, keep, filing or delegate")
QUANZE_EXPECT(precedence_gt, "> between the kinds, e.g. precedence keep > cancel")
QUANZE_EXPECT(target, "a target after to: next and an ordered field, or a string")
QUANZE_EXPECT(next_field, "an ordered field after next, e.g. to next level")
QUANZE_EXPECT(receiver_text, "the receiving body as a string after receiver")
QUANZE_EXPECT(attr_name, "an attribute name after ., e.g. basis.highest")
QUANZE_EXPECT(nested_expr, "a condition after (")
QUANZE_EXPECT(close_paren, ") to close the (")
QUANZE_EXPECT(negated, "a test after not")
QUANZE_EXPECT(and_operand, "a test after and")
QUANZE_EXPECT(or_operand, "a test after or")
QUANZE_EXPECT(right_operand, "a value after the comparison operator")
QUANZE_EXPECT(kw_en_in, "in after not (not in {…})")
QUANZE_EXPECT(value_list, "{ and the values, e.g. in { county, league }")
QUANZE_EXPECT(value, "a value: a member's id, a string or a number")
QUANZE_EXPECT(has_values, "a member or { members } after has")
QUANZE_EXPECT(empty_word, "empty after is (is empty, is not empty)")
QUANZE_EXPECT(text_arg, "a string to look for")
QUANZE_EXPECT(kw_with, "with after starts or ends (starts with \"…\")")
QUANZE_EXPECT(rule_body, ": to begin the body")
QUANZE_EXPECT(overrides, "the id of a rule this exception overrides")
QUANZE_EXPECT(too_deep, "at most 64 nested parentheses or nots")
QUANZE_EXPECT(effective_date, "the first day in force as a string after effective, e.g. effective \"2023-01-01\"")
QUANZE_EXPECT(until_date, "the last day in force as a string after until, e.g. until \"2024-12-31\"")
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
