// The Chinese dialect: every keyword has a Chinese form that parses to the
// same tree as its English one, a file may mix them, a keyword is a whole
// word (and the error says so when a name runs into one), and the
// punctuation a Chinese input method types means what its ASCII form does.
#include <doctest/doctest.h>

#include <set>

#include "ast/dump.hpp"
#include "quanze/format.hpp"
#include "syntax/keywords.hpp"
#include "syntax/lexical.hpp"
#include "syntax/parse.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

struct Parsed {
  std::string tree;
  std::vector<std::string> errors;  // "QZ1001 3:7 message"
  Dialect dialect = Dialect::en;
};

Parsed parse(const std::string& text) {
  SourceSet sources;
  FileId id = sources.add("p.qz", text);
  Diagnostics diags;
  ast::File file = syntax::parse_file(sources, id, diags);
  return {ast::dump(file), testing::summarize(diags), file.dialect};
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

/// The English and the Chinese text parse, without errors, to one tree.
void same(const std::string& en, const std::string& zh) {
  CAPTURE(zh);
  std::string want = tree(en);
  CHECK(tree(zh) == want);
}

}  // namespace

TEST_CASE("dialect: declarations in Chinese parse as in English") {
  same("policy \"两优\" version \"2022-12-16\" source \"兴党办发电〔2022〕18号\"\nimport \"common.qz\"\n",
       "政策 \"两优\" 版本 \"2022-12-16\" 来源 \"兴党办发电〔2022〕18号\"\n导入 \"common.qz\"\n");
  same("schema {\n field id: text from \"序号\"\n field n: number from \"办件量\" default 0\n"
       " field ok: bool default false\n field b: basis\n field c: enum { power \"权责清单事项\", internal }\n"
       " field level: enum ordered { township \"苏木乡镇\", county \"旗县\" }\n"
       " field s: set { national \"国家安全\" }\n}\n",
       "字段表 {\n 字段 id: 文本 来自 \"序号\"\n 字段 n: 数 来自 \"办件量\" 默认 0\n"
       " 字段 ok: 是否 默认 否\n 字段 b: 依据类型\n 字段 c: 枚举 { power \"权责清单事项\", internal }\n"
       " 字段 level: 有序枚举 { township \"苏木乡镇\", county \"旗县\" }\n"
       " 字段 s: 集合 { national \"国家安全\" }\n}\n");
  same("let sensitive = security is not empty\n", "设 sensitive = security 不为空\n");
  same("rule delegate.entrust \"应放尽放\": when level > township then delegate to next level by entrustment "
       "because \"{level}事项\" cite \"第3条\" cite \"第4条\"\n",
       "规则 delegate.entrust \"应放尽放\": 当 level > township 则 下放 至 下一级 level 方式 委托实施 "
       "理由 \"{level}事项\" 引用 \"第3条\" 引用 \"第4条\"\n");
  same("exception keep.security to a, b: when true then keep\n", "例外 keep.security 覆盖 a, b: 当 是 则 保留\n");
  same("rule r: when true then delegate to \"旗县\" by direct receiver \"{department}\"\n",
       "规则 r: 当 真 则 下放 至 \"旗县\" 方式 直接下放 承接 \"{department}\"\n");
  same("rule r: when false then delegate by authorization\n", "规则 r: 当 假 则 下放 方式 法定授权\n");
  same("rule c: when true then cancel\nrule f: when true then filing\n",
       "规则 c: 当 是 则 取消\n规则 f: 当 是 则 改为备案\n");
  same("require q \"法定授权\" for delegate by authorization: basis.highest >= local_regulation "
       "else delegate to next level by entrustment because \"依据不足\" cite \"许可法\"\n"
       "require q2 for filing: true else reject\n",
       "要求 q \"法定授权\" 对于 下放 方式 法定授权: basis.最高 >= local_regulation "
       "否则 下放 至 下一级 level 方式 委托实施 理由 \"依据不足\" 引用 \"许可法\"\n"
       "要求 q2 对于 改为备案: 是 否则 驳回\n");
  same("default keep because \"未命中\"\nprecedence keep > cancel > filing > delegate\n",
       "默认 保留 理由 \"未命中\"\n优先 保留 > 取消 > 改为备案 > 下放\n");
  same("rule r: when true then keep effective \"2023-01-01\" until \"2024-12-31\"\n",
       "规则 r: 当 是 则 保留 生效 \"2023-01-01\" 有效至 \"2024-12-31\"\n");
}

TEST_CASE("dialect: every test and connective in Chinese parses as in English") {
  auto condition = [](const std::string& en, const std::string& zh) {
    same("rule r: when " + en + " then keep\n", "规则 r: 当 " + zh + " 则 保留\n");
  };
  condition("a and b or not c", "a 且 b 或 非 c");
  condition("a in { x, \"乙\", 3 }", "a 属于 { x, \"乙\", 3 }");
  condition("a not in {x}", "a 不属于 {x}");
  condition("s has x", "s 含 x");
  condition("s has any { x, y }", "s 含 任一 { x, y }");
  condition("s has all { x, y }", "s 含 全部 { x, y }");
  condition("a is empty", "a 为空");
  condition("a is not empty", "a 不为空");
  condition("name contains \"许可\"", "name 包含 \"许可\"");
  condition("name starts with \"关于\"", "name 开头为 \"关于\"");
  condition("name ends with \"办法\"", "name 结尾为 \"办法\"");
  condition("basis.highest < gov_rule and basis.count > 1", "basis.最高 < gov_rule 且 basis.条数 > 1");
  condition("flag = true or flag = false", "flag = 是 或 flag = 否");
}

TEST_CASE("dialect: a file may mix the dialects, and knows which it mostly uses") {
  Parsed mixed = parse("规则 r: when 层级 > 旗县 则 keep because \"理由\"\ndefault 保留\n");
  CHECK(mixed.errors.empty());
  CHECK(mixed.tree == "rule r: when (> 层级 旗县) then keep because \"理由\"\ndefault keep\n");
  CHECK(parse("规则 r: 当 a 则 保留\n").dialect == Dialect::zh);
  CHECK(parse("rule r: when a then keep\n").dialect == Dialect::en);
  // Rule ids and attributes are names, not keywords, whatever they spell.
  CHECK(parse("规则 keep.security: 当 basis.highest > none 则 保留\n").dialect == Dialect::zh);
  CHECK(parse("规则 r: when a then keep\n").dialect == Dialect::en);
}

TEST_CASE("dialect: Chinese names may begin with or contain a keyword") {
  CHECK(tree("字段表 { 字段 设定依据: 依据类型 字段 是否下放: 是否 字段 保留期限: 数 字段 当前层级: 文本 }\n"
             "规则 r: 当 设定依据.最高 >= 规章 且 是否下放 且 保留期限 > 3 且 当前层级 = \"旗县\" 则 保留\n") ==
        "field 设定依据: basis\nfield 是否下放: bool\nfield 保留期限: number\nfield 当前层级: text\n"
        "rule r: when (and (>= 设定依据.highest 规章) 是否下放 (> 保留期限 3) (= 当前层级 \"旗县\")) then keep\n");
}

TEST_CASE("dialect: a keyword run into a name is QZ1008, with the text to write") {
  CHECK(error("规则 r: 当层级 > 旗县 则 保留\n") ==
        "QZ1008 1:7 当层级 is read as one name, because a keyword counts only as a whole word; to use 当 as "
        "a keyword, separate it with spaces: 当 层级");
  CHECK(error("规则 r: 当 层级 > 旗县 则保留\n") ==
        "QZ1008 1:17 则保留 is read as one name, because a keyword counts only as a whole word; to use 则, "
        "保留 as keywords, separate them with spaces: 则 保留");
  CHECK(error("规则 r: 当 层级 > 旗县且风险 = 低 则 保留\n") ==
        "QZ1008 1:14 旗县且风险 is read as one name, because a keyword counts only as a whole word; to use 且 "
        "as a keyword, separate it with spaces: 旗县 且 风险");
  CHECK(error("规则 r: 当 层级 > 苏木乡镇则保留\n默认 保留\n") ==
        "QZ1008 1:14 苏木乡镇则保留 is read as one name, because a keyword counts only as a whole word; to "
        "use 则, 保留 as keywords, separate them with spaces: 苏木乡镇 则 保留");
  CHECK(error("设敏感 = 安全领域 不为空\n") ==
        "QZ1008 1:1 设敏感 is read as one name, because a keyword counts only as a whole word; to use 设 as "
        "a keyword, separate it with spaces: 设 敏感");
  CHECK(error("rule r: when层级 > 1 then keep\n") ==
        "QZ1008 1:9 when层级 is read as one name, because a keyword counts only as a whole word; to use when "
        "as a keyword, separate it with spaces: when 层级");
  // A split that does not help is no hint: the plain error stands.
  CHECK(error("字段表 { 字段 设定依据 依据类型 }\n") ==
        "QZ1001 1:15 expected : and the field's type after its name, found 依据类型");
  CHECK(error("规则 r: 当 层级 > 旗县 则 保留吧\n") ==
        "QZ1008 1:19 保留吧 is read as one name, because a keyword counts only as a whole word; to use 保留 as "
        "a keyword, separate it with spaces: 保留 吧");
}

TEST_CASE("dialect: a name the checker cannot find is told about the keyword inside it") {
  PolicyLoad load = load_policy_text("p.qz",
                                     "字段表 { 字段 高风险: 是否 字段 敏感: 是否 }\n规则 r: 当 高风险且敏感 则 保留\n默认 保留\n");
  REQUIRE_FALSE(load.policy);
  CHECK(testing::summarize(load.diagnostics).front() ==
        "QZ2001 2:9 unknown name 高风险且敏感: no field or let is called that; if 且 is meant as a keyword, "
        "separate it with spaces: 高风险 且 敏感");
  // A name that only begins with a keyword gets no such hint.
  load = load_policy_text("p.qz", "规则 r: 当 设定依据 则 保留\n默认 保留\n");
  CHECK(testing::summarize(load.diagnostics).front() ==
        "QZ2001 1:9 unknown name 设定依据: no field or let is called that");
}

TEST_CASE("dialect: Chinese reserved words are not names, and the error says which keyword they are") {
  CHECK(error("字段表 { 字段 来源: 文本 }\n") ==
        "QZ1005 1:10 来源 is a reserved word (Chinese for source) and cannot be used as a name; expected the "
        "field's name after 字段");
  CHECK(error("字段表 { 字段 是否: 枚举 { 是, 否 } }\n") ==
        "QZ1005 1:19 是 is a reserved word (Chinese for true) and cannot be used as a name; expected a member: "
        "its id, then optionally its label in the data as a string");
  // Type, mode and clause words are names where no type, mode or clause is expected.
  CHECK(tree("schema { field 文本: text field 数: number field 生效: text field 委托实施: bool }\n") ==
        "field 文本: text\nfield 数: number\nfield 生效: text\nfield 委托实施: bool\n");
}

TEST_CASE("dialect: a file in the core language may use Chinese keywords as names") {
  // DESIGN.md part 4 reserves only the English words: this file must parse
  // and mean what it says, 来源 a field, 是 a member, 保留 a bool, 取消 a let.
  const std::string core =
      "schema {\n"
      "  field 来源: text from \"来源\"\n"
      "  field 答复: enum { 是, 否 } from \"答复\"\n"
      "  field 保留: bool from \"保留\"\n"
      "}\n"
      "let 取消 = 答复 = 是 and 保留\n"
      "rule r: when 取消 and 来源 = \"x\" then keep\n"
      "default cancel\n";
  Parsed p = parse(core);
  CHECK(p.errors.empty());
  CHECK(p.dialect == Dialect::en);
  CHECK(p.tree.find("field 来源: text from \"来源\"") != std::string::npos);
  PolicyLoad load = load_policy_text("core.qz", core);
  REQUIRE(load.policy);
  Table table = testing::make_table({"来源", "答复", "保留"}, {{{"来源", "x"}, {"答复", "是"}, {"保留", "是"}},
                                                               {{"来源", "x"}, {"答复", "否"}, {"保留", "是"}}});
  std::vector<std::string> outcomes;
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  for (const Row& row : table.rows) outcomes.emplace_back(outcome_id(*classifier->classify(row).outcome));
  CHECK(outcomes == std::vector<std::string>{"keep", "cancel"});

  // Written with Chinese keywords, 来源 would be the keyword: fmt refuses.
  FormatResult zh = format_rule_text("core.qz", core, Dialect::zh);
  CHECK_FALSE(zh.ok);
  CHECK(testing::summarize(zh.diagnostics) ==
        std::vector<std::string>{"QZ1012 2:9 来源 is a name in this file but the Chinese keyword for source: the "
                                 "file cannot be written with Chinese keywords until it is renamed"});
  CHECK(format_rule_text("core.qz", core).ok);  // in English it formats as ever

  // A file that uses a Chinese keyword as a keyword is read with them: its
  // errors are those of that reading.
  CHECK(error("schema { field 来源: text }\nrule r: 当 来源 = \"a\" then keep\n") ==
        "QZ1005 1:16 来源 is a reserved word (Chinese for source) and cannot be used as a name; expected the "
        "field's name after field");
}

TEST_CASE("dialect: syntax errors name the keyword they expect in the file's own dialect") {
  CHECK(error("规则 r: 当 x = \"a\" 保留\n") ==
        "QZ1001 1:17 expected 则 and the outcome after the condition, found 保留");
  CHECK(error("rule r: when x = \"a\" keep\n") ==
        "QZ1001 1:22 expected then and the outcome after the condition, found keep");
  CHECK(error("要求 q 对于 下放 方式 委派: 是 否则 保留\n") ==
        "QZ1001 1:15 expected a mode after 方式: 法定授权, 委托实施 or 直接下放, found 委派");
  CHECK(error("字段表 { 字段 x: 整数 }\n") ==
        "QZ1001 1:13 expected a type: 文本, 数, 是否, 依据类型, 枚举 {…}, 有序枚举 {…} or 集合 {…}, found 整数");
  CHECK(error("schema { field x: integer }\n") ==
        "QZ1001 1:19 expected a type: text, number, bool, basis, enum {…}, enum ordered {…} or set {…}, found "
        "integer");
}

TEST_CASE("dialect: the grammar and the keyword table agree") {
  std::set<std::string> chinese;
  for (const syntax::Keyword& k : syntax::keywords()) {
    CAPTURE(k.zh);
    bool reserved = k.kind == syntax::WordKind::reserved;
    CHECK(syntax::is_reserved(k.zh) == reserved);
    CHECK_FALSE(syntax::is_reserved(k.zh, false));  // a core file reads no Chinese keyword
    if (!k.zh_alias.empty()) CHECK(syntax::is_reserved(k.zh_alias) == reserved);
    if (k.en.find(' ') == std::string_view::npos) CHECK(syntax::is_reserved(k.en) == reserved);
    CHECK(syntax::find_keyword(k.zh) == &k);
    CHECK(chinese.insert(std::string(k.zh)).second);  // one meaning per Chinese word
  }
  CHECK(chinese.size() == syntax::keywords().size());
}

TEST_CASE("dialect: full-width punctuation means what its ASCII form does") {
  same("schema { field level: enum ordered { a, b } }\nrule x.y: when (level > a or level < b) and level != a "
       "and level >= a and level <= b and level = b then keep because \"理由\"\nlet n = level in { a, b }\n",
       "schema ｛ field level：enum ordered ｛ a，b ｝ ｝\nrule x．y：when （level ＞ a or level ＜ b） and level ！＝ a "
       "and level ＞＝ a and level ＜＝ b and level ＝ b then keep because “理由”\nlet n ＝ level in ｛ a， b ｝\n");
  same("rule r: when n = 2.5 then keep because \"a\\\"b\" cite \"\\\"引号\\\"\"\n",
       "rule r: when n = 2．5 then keep because ＂a\\\"b＂ cite “\"引号\"”\n");
  // Braces and quotes inside a string are its content.
  CHECK(tree("rule r: when true then keep because “见“附件”\n") ==
        "rule r: when true then keep because \"见“附件\"\n");
  CHECK(error("rule r: when true then keep because “未闭合\n") ==
        "QZ1002 1:37 this string is not closed: expected ” to end the string on the same line (a string "
        "cannot span lines)");
  // Characters that stand for nothing in the language stay an error.
  CHECK(error("rule r。when true then keep\n") ==
        "QZ1004 1:7 full-width 。 (U+3002) is not part of the language (write . for a dot); expected : to begin "
        "the body");
  CHECK(error("rule r: when a ； b then keep\n") ==
        "QZ1004 1:16 unexpected character ； (U+FF1B); expected then and the outcome after the condition");
  CHECK(error("rule r: when a = ”x” then keep\n") ==
        "QZ1004 1:18 ” (U+201D) closes a string that was not opened: open it with “ or \"; expected a value "
        "after the comparison operator");
}
