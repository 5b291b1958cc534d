// Every construct of the grammar parses to the tree it means, and every
// syntax error is reported at the token that is wrong.
#include <doctest/doctest.h>

#include "ast/dump.hpp"
#include "syntax/parse.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

struct Parsed {
  std::string tree;
  std::vector<std::string> errors;  // "QZ1001 3:7 message"
};

Parsed parse(const std::string& text) {
  SourceSet sources;
  FileId id = sources.add("p.qz", text);
  Diagnostics diags;
  ast::File file = syntax::parse_file(sources, id, diags);
  return {ast::dump(file), testing::summarize(diags)};
}

std::string tree(const std::string& text) {
  Parsed p = parse(text);
  CHECK(p.errors.empty());
  for (const std::string& e : p.errors) MESSAGE(e);
  return p.tree;
}

std::string error(const std::string& text) {
  Parsed p = parse(text);
  REQUIRE(p.errors.size() >= 1);
  return p.errors.front();
}

std::string condition(const std::string& expr) {
  std::string t = tree("rule r: when " + expr + " then keep");
  std::string head = "rule r: when ";
  REQUIRE(t.rfind(head, 0) == 0);
  return t.substr(head.size(), t.find(" then keep") - head.size());
}

}  // namespace

TEST_CASE("parser: header, import, schema with every type") {
  CHECK(tree("\xEF\xBB\xBFpolicy \"两优\" version \"2022-12-16\" source \"兴党办发电〔2022〕18号\"\n"
             "import \"common.qz\"\n"
             "schema {\n"
             "  field id: text from \"序号\"\n"
             "  field n: number from \"近三年办件量\" default 0\n"
             "  field ok: bool default false\n"
             "  field basis: basis\n"
             "  field cat: enum { power \"权责清单事项\", internal }\n"
             "  field level: enum ordered { township \"苏木乡镇\", county \"旗县\", }\n"
             "  field security: set { national \"国家安全\" }\n"
             "  field 名称: text default \"无\"\n"
             "}\n") ==
        "policy \"两优\" version \"2022-12-16\" source \"兴党办发电〔2022〕18号\"\n"
        "import \"common.qz\"\n"
        "field id: text from \"序号\"\n"
        "field n: number from \"近三年办件量\" default 0\n"
        "field ok: bool default false\n"
        "field basis: basis\n"
        "field cat: enum {power \"权责清单事项\", internal}\n"
        "field level: enum ordered {township \"苏木乡镇\", county \"旗县\"}\n"
        "field security: set {national \"国家安全\"}\n"
        "field 名称: text default \"无\"\n");
}

TEST_CASE("parser: rules, exceptions, requirements, default, precedence") {
  CHECK(tree("let sensitive = security is not empty\n"
             "rule delegate.entrust \"应放尽放\":\n"
             "  when level > township\n"
             "  then delegate to next level by entrustment\n"
             "  because \"{level}事项\"\n"
             "  cite \"第3条\" cite \"第4条\"\n"
             "exception keep.security to delegate.entrust, cancel.dormant: when sensitive then keep\n"
             "rule 保留.安全: when true then delegate to \"旗县\" by direct receiver \"{department}\"\n"
             "rule c: when true then cancel\n"
             "rule f: when true then filing\n"
             "require q \"法定授权\" for delegate by authorization: basis.highest >= local_regulation\n"
             "  else delegate to next level by entrustment because \"依据不足\" cite \"许可法\"\n"
             "require q2 for filing: true else reject\n"
             "default keep because \"未命中\"\n"
             "precedence keep > cancel > filing > delegate\n") ==
        "let sensitive = (is-not-empty security)\n"
        "rule delegate.entrust \"应放尽放\": when (> level township) then delegate to next level by "
        "entrustment because \"{level}事项\" cite \"第3条\" cite \"第4条\"\n"
        "exception keep.security to delegate.entrust, cancel.dormant: when sensitive then keep\n"
        "rule 保留.安全: when true then delegate to \"旗县\" by direct receiver \"{department}\"\n"
        "rule c: when true then cancel\n"
        "rule f: when true then filing\n"
        "require q \"法定授权\" for delegate by authorization: (>= basis.highest local_regulation) else "
        "delegate to next level by entrustment because \"依据不足\" cite \"许可法\"\n"
        "require q2 for filing: true else reject\n"
        "default keep because \"未命中\"\n"
        "precedence keep > cancel > filing > delegate\n");
}

TEST_CASE("parser: names in Chinese and Mongolian script") {
  CHECK(tree("schema { field 层级: text field ᠬᠣᠰᠢᠭᠤ: number }\n") ==
        "field 层级: text\nfield ᠬᠣᠰᠢᠭᠤ: number\n");
}

TEST_CASE("parser: rule ids may use reserved words as segments") {
  CHECK(tree("rule keep.security: when true then keep\nrule cancel: when true then cancel\n") ==
        "rule keep.security: when true then keep\nrule cancel: when true then cancel\n");
}

TEST_CASE("parser: every expression form") {
  CHECK(condition("a = 1") == "(= a 1)");
  CHECK(condition("a != \"x\"") == "(!= a \"x\")");
  CHECK(condition("a < -2.5") == "(< a -2.5)");
  CHECK(condition("a <= b") == "(<= a b)");
  CHECK(condition("a >= b") == "(>= a b)");
  CHECK(condition("a in { x, \"乙\", 3 }") == "(in a {x \"乙\" 3})");
  CHECK(condition("a not in {x}") == "(not-in a {x})");
  CHECK(condition("s has x") == "(has-all s {x})");
  CHECK(condition("s has any { x, y }") == "(has-any s {x y})");
  CHECK(condition("s has all {x,y}") == "(has-all s {x y})");
  CHECK(condition("a is empty") == "(is-empty a)");
  CHECK(condition("a is not empty") == "(is-not-empty a)");
  CHECK(condition("name contains \"许可\"") == "(contains name \"许可\")");
  CHECK(condition("name starts with \"关于\"") == "(starts-with name \"关于\")");
  CHECK(condition("name ends with \"办法\"") == "(ends-with name \"办法\")");
  CHECK(condition("basis.count > 1") == "(> basis.count 1)");
  CHECK(condition("flag") == "flag");
  CHECK(condition("false") == "false");
}

TEST_CASE("parser: not binds tighter than and, and tighter than or") {
  CHECK(condition("a or b and not c") == "(or a (and b (not c)))");
  CHECK(condition("(a or b) and c") == "(and (or a b) c)");
  CHECK(condition("not not a") == "(not (not a))");
  CHECK(condition("a and b and c or d or e") == "(or (and a b c) d e)");
}

TEST_CASE("parser: comments, free layout and full-width spaces") {
  CHECK(tree("# 注释\nrule r: # 行尾注释\n when\ta\u3000= 1 then\n\n keep # 完\n") ==
        "rule r: when (= a 1) then keep\n");
}

TEST_CASE("parser: string escapes decode, braces stay for the checker") {
  CHECK(tree("rule r: when true then keep because \"a\\\"b\\\\c\\nd\\te{{x}}\"\n") ==
        "rule r: when true then keep because \"a\"b\\c\nd\te{{x}}\"\n");
}

TEST_CASE("syntax errors point at the token that is wrong") {
  CHECK(error("rule r: when level > township thn keep\n") ==
        "QZ1001 1:31 expected then and the outcome after the condition, found thn");
  CHECK(error("rule r when true then keep\n") == "QZ1001 1:8 expected : to begin the body, found when");
  CHECK(error("rule r: when then keep\n") ==
        "QZ1001 1:14 expected a condition after when, found then");
  CHECK(error("rule r: when a > then keep\n") ==
        "QZ1001 1:18 expected a value after the comparison operator, found then");
  CHECK(error("rule r: when a and then keep\n") == "QZ1001 1:20 expected a test after and, found then");
  CHECK(error("rule r: when (a or b then keep\n") == "QZ1001 1:22 expected ) to close the (, found then");
  CHECK(error("rule r: when a in x then keep\n") ==
        "QZ1001 1:19 expected { and the values, e.g. in { county, league }, found x");
  CHECK(error("rule r: when a is full then keep\n") ==
        "QZ1001 1:19 expected empty after is (is empty, is not empty), found full");
  CHECK(error("rule r: when a starts \"x\" then keep\n") ==
        "QZ1001 1:23 expected with after starts or ends (starts with \"…\"), found \"");
  CHECK(error("rule r: when true then stay\n") ==
        "QZ1001 1:24 expected an outcome after then: cancel, keep, filing or delegate, found stay");
  CHECK(error("rule r: when true then delegate by post\n") ==
        "QZ1001 1:36 expected a mode after by: authorization, entrustment or direct, found post");
  CHECK(error("rule r: when true then delegate to next\n") ==
        "QZ1001 1:40 expected an ordered field after next, e.g. to next level, found the end of the file");
  CHECK(error("exception e r: when true then keep\n") ==
        "QZ1001 1:13 expected to and the rules this exception overrides, e.g. exception e to r1, r2:, found r");
  CHECK(error("require q for keep: true then keep\n") ==
        "QZ1001 1:26 expected else and the fallback outcome after the condition, found then");
  CHECK(error("require q keep: true else keep\n") ==
        "QZ1001 1:11 expected for and the outcome this requirement applies to, e.g. for delegate by "
        "authorization, found keep");
  CHECK(error("precedence keep\n") ==
        "QZ1001 1:16 expected > between the kinds, e.g. precedence keep > cancel, found the end of the file");
  CHECK(error("schema { field a text }\n") ==
        "QZ1001 1:18 expected : and the field's type after its name, found text");
  CHECK(error("schema { field a: string }\n") ==
        "QZ1001 1:19 expected a type: text, number, bool, basis, enum {…}, enum ordered {…} or set {…}, "
        "found string");
  CHECK(error("schema { field a: enum { } }\n") ==
        "QZ1001 1:26 expected a member: its id, then optionally its label in the data as a string, found }");
  CHECK(error("schema { field a: text\n") ==
        "QZ1001 1:23 expected another field, or } to close the schema, found the end of the file");
  CHECK(error("when a then keep\n") ==
        "QZ1001 1:1 expected a declaration: policy, import, schema, let, rule, exception, require, "
        "default or precedence, found when");
}

TEST_CASE("syntax errors: strings, escapes, characters, reserved words, encoding") {
  CHECK(error("rule r: when true then keep because \"未闭合\n") ==
        "QZ1002 1:37 this string is not closed: expected \" to end the string on the same line (a "
        "string cannot span lines)");
  CHECK(error("rule r: when true then keep because \"a\\qb\"\n") ==
        "QZ1003 1:40 expected an escape after \\: \\\" (quote), \\\\ (backslash), \\n (new line) or \\t "
        "(tab), found q");
  CHECK(error("rule r。when true then keep\n") ==
        "QZ1004 1:7 full-width 。 (U+3002) is not part of the language (write . for a dot); expected : to "
        "begin the body");
  CHECK(error("rule r: when a ＃ 1 then keep\n") ==
        "QZ1004 1:16 full-width ＃ (U+FF03) is not part of the language (write # for a comment); expected "
        "then and the outcome after the condition");
  CHECK(error("rule r: when a @ 1 then keep\n") ==
        "QZ1004 1:16 unexpected character @ (U+0040); expected then and the outcome after the condition");
  CHECK(error("schema { field rule: text }\n") ==
        "QZ1005 1:16 rule is a reserved word and cannot be used as a name; expected the field's name "
        "after field");
  CHECK(error("let keep = true\n") ==
        "QZ1005 1:5 keep is a reserved word and cannot be used as a name; expected a name after let");
  CHECK(error("rule r: when true then keep\n# \xff\n") ==
        "QZ1006 2:3 byte 0xFF is not UTF-8: save the rule file as UTF-8 (in Excel or WPS: \"UTF-8\" "
        "encoding, not GBK/GB18030)");
}

TEST_CASE("syntax errors: columns count characters, not bytes") {
  CHECK(error("rule 规则: when 层级 > 乡镇 thn keep\n") ==
        "QZ1001 1:23 expected then and the outcome after the condition, found thn");
}

TEST_CASE("syntax errors: every broken declaration is reported in one run") {
  Parsed p = parse("rule a: when x thn keep\n"
                   "rule b: when y then keep\n"
                   "  rule c when z then keep\n"
                   "let = 3\n"
                   "default keep\n");
  CHECK(p.errors == std::vector<std::string>{
                        "QZ1001 1:16 expected then and the outcome after the condition, found thn",
                        "QZ1001 3:10 expected : to begin the body, found when",
                        "QZ1001 4:5 expected a name after let, found ="});
  CHECK(p.tree == "rule b: when y then keep\ndefault keep\n");
}

TEST_CASE("syntax errors: nesting is capped instead of exhausting the stack") {
  std::string deep(5000, '(');
  CHECK(error("rule r: when " + deep + "a then keep\n") ==
        "QZ1001 1:79 expected at most 64 nested parentheses or nots, found (");
  std::string nots;
  for (int i = 0; i < 3000; ++i) nots += "not ";
  CHECK(error("rule r: when " + nots + "a then keep\n").rfind("QZ1001 1:", 0) == 0);
}

TEST_CASE("syntax errors: the header comes first, once") {
  CHECK(error("rule r: when true then keep\npolicy \"p\"\n") ==
        "QZ1001 2:1 the policy header must come first in its file");
  CHECK(error("policy \"p\"\npolicy \"q\"\n") ==
        "QZ1001 2:1 a second policy header in this file; a file has at most one");
}
