// Decoding cells (eval/cell_decoder.hpp) and rows (eval/row_decoder.hpp):
// the inline common cases decide exactly as the general ones, defaults,
// and the problems a wrong cell gives.
#include <doctest/doctest.h>

#include "diag/byte_words.hpp"
#include "eval/cell_decoder.hpp"
#include "eval/row_decoder.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

/// A policy of `fields` (schema lines) that keeps every item.
std::shared_ptr<const Policy> schema_policy(const std::string& fields) {
  PolicyLoad load = load_policy_text("p.qz", "schema {\n" + fields + "}\ndefault keep\n");
  REQUIRE(load.policy);
  return load.policy;
}

std::shared_ptr<const Policy> cell_policy() {
  return schema_policy(R"(  field id: text from "序号"
  field kind: enum { a "甲", b "乙" } from "类"
  field tags: set { x "东", y "西" } from "签"
  field ok: bool from "是否"
  field n: number from "数" default 7
  field basis: basis from "依据"
)");
}

struct Decoded {
  bool ok = false;
  Value value;
  LegalBasis basis;
  CellProblem problem;
};

/// One cell of field `f` through the plan a row decoder makes.
Decoded decode(const Program& program, std::size_t f, std::string_view cell) {
  EnumIndex members;
  const FieldDef& field = program.fields[f];
  if (field.type.kind == ValueKind::enumeration || field.type.kind == ValueKind::set)
    members = EnumIndex(program.enums[field.type.enum_id]);
  Decoded d;
  d.ok = decode_field(plan_field(program, field, &members), cell, d.value, d.basis, d.problem);
  return d;
}

/// A row decoder's value is decode_field's.
void check_same_value(const Value& v, const Decoded& d) {
  CHECK(v.present == d.value.present);
  CHECK(v.bits == d.value.bits);
  CHECK(v.number == d.value.number);
  CHECK(v.text == d.value.text);
}

}  // namespace

TEST_CASE("cells: numbers, whole ones read inline and the rest by the general scan") {
  auto number = [](std::string_view text) -> std::optional<double> {
    double out = -1;
    if (!parse_number(text, out)) return std::nullopt;
    return out;
  };
  CHECK(number("0") == 0.0);
  CHECK(number("007") == 7.0);
  CHECK(number("123456789012345") == 123456789012345.0);    // 15 digits: inline, exact
  CHECK(number("1234567890123456") == 1234567890123456.0);  // 16: the general scan
  CHECK(number("+5") == 5.0);
  CHECK(number("-3") == -3.0);
  CHECK(number("2.5") == 2.5);
  CHECK(number(".5") == 0.5);
  CHECK_FALSE(number(""));
  CHECK_FALSE(number("+"));
  CHECK_FALSE(number("-"));
  CHECK_FALSE(number("."));
  CHECK_FALSE(number("5-"));
  CHECK_FALSE(number("1.2.3"));
  CHECK_FALSE(number("1e3"));
  CHECK_FALSE(number("inf"));
  CHECK_FALSE(number("nan"));
  CHECK_FALSE(number("十"));
  CHECK_FALSE(number("1 2"));
}

TEST_CASE("cells: yes/no spellings, 是 and 否 inline and the rest in any ASCII case") {
  auto boolean = [](std::string_view text) -> std::optional<bool> {
    bool out = false;
    if (!parse_bool(text, out)) return std::nullopt;
    return out;
  };
  CHECK(boolean("是") == true);
  CHECK(boolean("否") == false);
  CHECK(boolean("TRUE") == true);
  CHECK(boolean("Yes") == true);
  CHECK(boolean("1") == true);
  CHECK(boolean("y") == true);
  CHECK(boolean("False") == false);
  CHECK(boolean("NO") == false);
  CHECK(boolean("0") == false);
  CHECK(boolean("N") == false);
  CHECK_FALSE(boolean(""));
  CHECK_FALSE(boolean("是的"));
  CHECK_FALSE(boolean("对"));
  CHECK_FALSE(boolean("2"));
  CHECK_FALSE(boolean("yess"));
}

TEST_CASE("cells: a field's cell trimmed, defaulted, or missing") {
  auto policy = cell_policy();
  const Program& p = policy->program();
  Decoded d = decode(p, 0, "\u3000 G1 \t");
  CHECK(d.ok);
  CHECK(d.value.present);
  CHECK(d.value.text == "G1");
  d = decode(p, 0, "  ");
  CHECK(d.ok);
  CHECK_FALSE(d.value.present);
  d = decode(p, 4, " ");  // n: default 7
  CHECK(d.ok);
  CHECK(d.value.present);
  CHECK(d.value.number == 7.0);
  CHECK(d.value.text == "7");
  d = decode(p, 4, " 12 ");
  CHECK(d.value.number == 12.0);
  d = decode(p, 1, "乙");  // by label
  CHECK(d.value.bits == 1);
  d = decode(p, 1, "a");  // by id
  CHECK(d.value.bits == 0);
  d = decode(p, 2, "西、东；西");
  CHECK(d.ok);
  CHECK(d.value.present);
  CHECK(d.value.bits == 3);
  d = decode(p, 2, "、，");  // separators only: no member, no value
  CHECK(d.ok);
  CHECK_FALSE(d.value.present);
  d = decode(p, 3, "否");
  CHECK(d.value.present);
  CHECK(d.value.bits == 0);
  d = decode(p, 5, "《中华人民共和国行政许可法》第十二条；《某办法》");
  CHECK(d.ok);
  CHECK(d.basis.citations.size() == 2);
  CHECK(d.value.bits == static_cast<std::uint64_t>(LegalLevel::law));
  CHECK(d.value.number == 2.0);
  d = decode(p, 5, "");  // empty: level none, no citations
  CHECK(d.ok);
  CHECK_FALSE(d.value.present);
  CHECK(d.basis.highest == LegalLevel::none);
  CHECK(d.basis.highest_index == -1);
}

TEST_CASE("cells: a cell that is no value of its field is missing, with the problem worded") {
  auto policy = cell_policy();
  const Program& p = policy->program();
  Decoded d = decode(p, 1, " 丙 ");
  CHECK_FALSE(d.ok);
  CHECK_FALSE(d.value.present);
  CHECK(d.value.text.empty());
  CHECK(std::string(d.problem.code) == "QZ6002");
  CHECK(d.problem.message == "\"丙\" is not a member of kind (甲、乙)");
  d = decode(p, 2, "东、南");
  CHECK_FALSE(d.ok);
  CHECK(d.problem.message == "\"南\" is not a member of tags (东、西)");
  d = decode(p, 3, "对");
  CHECK_FALSE(d.ok);
  CHECK(d.problem.message == "\"对\" is not a yes/no value (是/否)");
  d = decode(p, 4, "1e3");
  CHECK_FALSE(d.ok);
  CHECK(std::string(d.problem.code) == "QZ6003");
  CHECK(d.problem.message == "\"1e3\" is not a number");
  // The checker's entry, which makes the plan on the spot, decides alike.
  Value v;
  LegalBasis b;
  CellProblem problem;
  CHECK_FALSE(decode_cell(p, p.fields[2], "东、南", v, b, problem));
  CHECK(problem.message == "\"南\" is not a member of tags (东、西)");
  CHECK(decode_cell(p, p.fields[2], "西", v, b, problem));
  CHECK(v.bits == 2);
}

TEST_CASE("cells: a row decoder reports every wrong cell of a row, by column and header") {
  auto policy = cell_policy();
  const Program& p = policy->program();
  std::vector<std::string> headers = {"依据", "序号", "类", "签", "是否", "数"};
  RowDecoder decoder(p, {1, 2, 3, 4, 5, 0}, headers);
  CHECK(decoder.column(0) == 1);
  CHECK(decoder.column(5) == 0);
  Table t = make_table(headers, {{{"序号", "G1"}, {"类", "甲"}, {"签", "东"}, {"是否", "是"}, {"数", ""}},
                                 {{"序号", "G2"}, {"类", " 丁 "}, {"签", "东"}, {"是否", "也许"}, {"数", "3"}}});
  ItemValues item;
  std::vector<RowProblem> problems;
  CHECK(decoder.decode(t.rows[0], item, problems));
  CHECK(problems.empty());
  CHECK(item.values[4].number == 7.0);
  CHECK(item.values[3].bits == 1);
  CHECK_FALSE(decoder.decode(t.rows[1], item, problems));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].code == "QZ6002");
  CHECK(problems[0].column == 3);
  CHECK(problems[0].header == "类");
  CHECK(problems[0].value == "丁");
  CHECK(problems[1].column == 5);
  CHECK(problems[1].header == "是否");
  CHECK(problems[1].message == "\"也许\" is not a yes/no value (是/否)");
  CHECK_FALSE(item.values[1].present);
  CHECK(item.values[4].number == 3.0);
}

TEST_CASE("cells: a set cell naming one member is that member, and one whose member holds a separator is split as ever") {
  auto policy = cell_policy();
  const Program& p = policy->program();
  Decoded d = decode(p, 2, "西");
  CHECK(d.ok);
  CHECK(d.value.present);
  CHECK(d.value.bits == 2);
  d = decode(p, 2, "x");  // by id
  CHECK(d.value.bits == 1);
  // A label with a separator cannot be named whole: the cell splits into
  // words that are no members, as it did before any shortcut.
  auto spaced_policy = schema_policy(R"(  field tags: set { x "国家 安全", y "西" } from "签"
)");
  const Program& spaced = spaced_policy->program();
  d = decode(spaced, 0, "国家 安全");
  CHECK_FALSE(d.ok);
  CHECK(d.problem.message == "\"国家\" is not a member of tags (国家 安全、西)");
  d = decode(spaced, 0, "西");
  CHECK(d.ok);
  CHECK(d.value.bits == 2);
}

TEST_CASE("cells: an enum's members are found by their whole text, of any length") {
  EnumDef e;
  e.name = "kind";
  // Labels of 3 to 40 bytes: compared inline up to 32, by memcmp beyond.
  for (std::string label : {"是", "行政许可", "权责清单事项", "意识形态安全领域事项",
                            "一二三四五六七八九十", "一二三四五六七八九十一二三"}) {
    e.ids.push_back("m" + std::to_string(e.ids.size()));
    e.labels.push_back(label);
  }
  EnumIndex index(e);
  for (std::size_t m = 0; m < e.labels.size(); ++m) {
    const std::string& label = e.labels[m];
    CAPTURE(label);
    CHECK(index.find(label) == static_cast<int>(m));
    CHECK(index.find(e.ids[m]) == static_cast<int>(m));
    // The same length, one byte changed anywhere: no member.
    for (std::size_t at = 0; at < label.size(); ++at) {
      std::string other = label;
      other[at] = '_';
      CHECK(index.find(other) == -1);
    }
    CHECK(index.find(label + "x") == -1);
  }
}

TEST_CASE("cells: an enum's members found in a row's text, compared by the word, as found alone") {
  EnumDef e;
  e.name = "kind";
  // 3 to 39 bytes, lengths that differ by a byte or a character; labels
  // past 32 bytes are compared as ever.
  for (std::string label : {"是", "旗县", "自治区", "苏木乡镇", "行政许可", "其他行政权力", "权责清单事项",
                            "abcdefgh", "abcdefghi", "意识形态安全领域事项x", "一二三四五六七八九十一二三"}) {
    e.ids.push_back("m" + std::to_string(e.ids.size()));
    e.labels.push_back(label);
  }
  EnumIndex index(e);
  std::vector<std::string> texts;
  for (std::size_t m = 0; m < e.labels.size(); ++m) {
    const std::string& label = e.labels[m];
    texts.push_back(label);
    texts.push_back(e.ids[m]);
    texts.push_back(label + "x");
    texts.push_back("x" + label);
    // Every end and start of it: a text whose bytes end a longer label's
    // must not be taken for it where their probes meet.
    for (std::size_t k = 1; k < label.size(); ++k) {
      texts.push_back(label.substr(k));
      texts.push_back(label.substr(0, k));
    }
    for (std::size_t at = 0; at < label.size(); ++at) {
      std::string other = label;
      other[at] = static_cast<char>(other[at] ^ 0x01);
      texts.push_back(other);
    }
  }
  for (const std::string& text : texts) {
    CAPTURE(text);
    const int alone = index.find(text);
    // After 0 to 40 bytes of a row: the members, or a label's own bytes
    // just before it, must not change what is found.
    for (std::size_t before = 0; before <= 40; ++before) {
      for (char fill : {',', '\0', '\xE6'}) {
        CAPTURE(before);
        std::string row(before, fill);
        if (before >= 3) row.replace(before - 3, 3, "是");
        row += text;
        CHECK(index.find(std::string_view(row).substr(before), before) == alone);
      }
    }
  }
}

TEST_CASE("cells: a text that ends as a longer member does is not that member, where its probe meets it") {
  // One member in eight slots: of the texts below, many probe its slot.
  EnumDef e;
  e.name = "category";
  e.ids.push_back("p");
  e.labels.push_back("权责清单事项");
  EnumIndex index(e);
  const std::string& label = e.labels[0];
  for (std::size_t k = 1; k < label.size(); ++k) {
    for (int c = 0x21; c <= 0xFF; ++c) {
      const std::string text = static_cast<char>(c) + label.substr(k);
      if (text == label) continue;
      const std::string row = std::string(32, ',') + text;
      CAPTURE(text);
      CHECK(index.find(std::string_view(row).substr(32), 32) == -1);
    }
  }
}

TEST_CASE("cells: numbers in a row's text, read a word at a time, as read alone") {
  // Every text of up to two bytes of these, and longer ones: digits, and
  // bytes around them and around the nibbles the word test looks at.
  const std::string bytes_tried = std::string("0123456789/:.-+ aAeE\x1A\x1F\x3A\x3F\x20\x40\xE3\x80\xFF") + '\0';
  std::vector<std::string> texts;
  for (char a : bytes_tried) {
    texts.push_back(std::string(1, a));
    for (char b : bytes_tried) texts.push_back(std::string{a, b});
  }
  for (std::string t : {"007", "1234567", "12345678", "99999999", "00000000", "123456789", "1234567a", "a2345678",
                        "1234:678", "12345678901", "3.5", "１２", "10\xFF"})
    texts.push_back(t);
  for (const std::string& text : texts) {
    double alone = -1;
    const bool ok = parse_number(text, alone);
    for (std::size_t before = 0; before <= 9; ++before) {
      for (char fill : {'9', ',', '\xFF'}) {
        CAPTURE(text);
        CAPTURE(before);
        std::string row(before, fill);
        row += text;
        double in_row = -1;
        CHECK(parse_number(std::string_view(row).substr(before), before, in_row) == ok);
        if (ok) CHECK(in_row == alone);
      }
    }
  }
}

TEST_CASE("bytes: two runs are the same only if every byte is, at any length") {
  std::string a;
  for (int i = 0; i < 70; ++i) a += static_cast<char>('A' + i % 26);
  for (std::size_t n = 0; n <= a.size(); ++n) {
    CAPTURE(n);
    std::string b = a.substr(0, n);
    CHECK(bytes::same(a.data(), b.data(), n));
    for (std::size_t at = 0; at < n; ++at) {
      std::string c = b;
      c[at] = '\x80';  // a byte no run holds
      CHECK_FALSE(bytes::same(a.data(), c.data(), n));
    }
  }
  // Texts: the lengths first.
  CHECK(bytes::same(std::string_view("权责"), std::string_view("权责")));
  CHECK_FALSE(bytes::same(std::string_view("权责"), std::string_view("权责清")));
  CHECK(bytes::same(std::string_view(), std::string_view("")));
}

TEST_CASE("cells: a row decoder's values are decode_field's, cell by cell, in rows with and without a wrong cell") {
  auto policy = cell_policy();
  const Program& p = policy->program();
  std::vector<std::string> headers = {"依据", "序号", "类", "签", "是否", "数"};
  const std::vector<std::size_t> columns = {1, 2, 3, 4, 5, 0};  // field → column
  RowDecoder decoder(p, columns, headers);
  // Without citations kept, a basis is its highest level and count alone.
  RowDecoder lean(p, columns, headers);
  lean.set_citations_kept(false);
  ItemValues lean_item;
  // Per column: right, empty, padded and wrong cells of its field.
  const std::vector<std::vector<std::string>> choices = {
      {"《中华人民共和国行政许可法》第二十条", "", "　《兴安盟办法》 ", "无"},
      {"G1", "", " G2 "},
      {"甲", "b", "", " 乙", "丁"},
      {"东", "东、西", "", "北"},
      {"是", "否", "", "也许", " 否　"},
      {"3", "", "12.5", "三", " 42 ", "　12345678", "123456789"},
  };
  ItemValues item;
  // Every combination of a cell for each column but one, which goes
  // through all its choices: rows in error here and there.
  for (std::size_t varied = 0; varied < choices.size(); ++varied) {
    for (std::size_t base = 0; base < 4; ++base) {
      for (const std::string& cell : choices[varied]) {
        Row row;
        for (std::size_t c = 0; c < choices.size(); ++c)
          row.cells.push_back(c == varied ? cell : choices[c][base % choices[c].size()]);
        std::vector<RowProblem> problems, lean_problems;
        const bool ok = decoder.decode(row, item, problems);
        CHECK(lean.decode(row, lean_item, lean_problems) == ok);
        CHECK(lean_problems.size() == problems.size());
        bool all_ok = true;
        std::size_t wrong = 0;
        for (std::size_t f = 0; f < p.fields.size(); ++f) {
          CAPTURE(f);
          CAPTURE(row.cells[columns[f]]);
          Decoded d = decode(p, f, row.cells[columns[f]]);
          all_ok = all_ok && d.ok;
          if (!d.ok) {
            REQUIRE(wrong < problems.size());
            CHECK(problems[wrong].column == columns[f] + 1);
            CHECK(problems[wrong].message == d.problem.message);
            ++wrong;
          }
          check_same_value(item.values[f], d);
          if (p.fields[f].type.kind == ValueKind::basis) {
            CHECK(item.bases[f].highest == d.basis.highest);
            CHECK(item.bases[f].citations.size() == d.basis.citations.size());
            if (ok) {  // the lean decoder's values of a row in error stop where decode_by_kind found it
              check_same_value(lean_item.values[f], d);
              CHECK(lean_item.bases[f].highest == d.basis.highest);
              CHECK(lean_item.bases[f].citations.empty());
            }
          }
        }
        CHECK(ok == all_ok);
        CHECK(problems.size() == wrong);
      }
    }
  }
}

TEST_CASE("cells: a member whose text has spaces at an edge is found as a trimmed cell finds it, not as the cell stands") {
  auto policy = schema_policy(R"(  field r: enum { hi "高 ", lo "低" } from "级"
)");
  const Program& p = policy->program();
  RowDecoder decoder(p, {0}, {"级"});
  ItemValues item;
  for (const std::string cell : {"高 ", "高", " 低", "低", "lo", " hi"}) {
    CAPTURE(cell);
    Row row;
    row.cells.push_back(cell);
    std::vector<RowProblem> problems;
    const Decoded d = decode(p, 0, cell);
    CHECK(decoder.decode(row, item, problems) == d.ok);
    check_same_value(item.values[0], d);
  }
  // As decode_field reads them: "高 " trimmed is no member, " 低" is 低.
  CHECK_FALSE(decode(p, 0, "高 ").ok);
  CHECK(decode(p, 0, " 低").value.bits == 1);
}

TEST_CASE("cells: a field no rule reads is checked, not kept, when the decoder is told so — its wrong cell still an error") {
  PolicyLoad load = load_policy_text("p.qz", R"(schema {
  field id: text from "序号"
  field n: number from "数"
  field spare: number from "备"
  field note: text from "注"
}
rule big: when n > 3 then cancel
default keep
)");
  REQUIRE(load.policy);
  const Program& p = load.policy->program();
  CHECK(p.fields[1].used);
  CHECK_FALSE(p.fields[2].used);
  CHECK_FALSE(p.fields[3].used);
  const std::vector<std::string> headers = {"序号", "数", "备", "注"};
  RowDecoder all(p, {0, 1, 2, 3}, headers), checked(p, {0, 1, 2, 3}, headers);
  checked.set_unread_checked_only(true);
  for (const std::string spare : {"12", " 12 ", "", "12345678", "123456789", "1.5", "-3", "abc", "1 2", "１２"}) {
    CAPTURE(spare);
    Row row;
    for (const char* cell : {"G1", "5"}) row.cells.push_back(cell);
    row.cells.push_back(spare);
    row.cells.push_back("备注");
    ItemValues all_item, checked_item;
    std::vector<RowProblem> all_problems, checked_problems;
    const bool ok = all.decode(row, all_item, all_problems);
    CHECK(checked.decode(row, checked_item, checked_problems) == ok);
    REQUIRE(checked_problems.size() == all_problems.size());
    for (std::size_t i = 0; i < all_problems.size(); ++i) {
      CHECK(checked_problems[i].column == all_problems[i].column);
      CHECK(checked_problems[i].message == all_problems[i].message);
    }
    if (!ok) continue;
    // What the rules read is decoded alike; the rest is left as it was.
    CHECK(checked_item.values[1].number == 5.0);
    CHECK(checked_item.values[1].text == "5");
    CHECK_FALSE(checked_item.values[2].present);
    CHECK_FALSE(checked_item.values[3].present);
    CHECK(all_item.values[3].text == "备注");
  }
  // Told otherwise, it decodes every field again.
  checked.set_unread_checked_only(false);
  Row row;
  for (const char* cell : {"G1", "5", "12", "备注"}) row.cells.push_back(cell);
  ItemValues item;
  std::vector<RowProblem> problems;
  CHECK(checked.decode(row, item, problems));
  CHECK(item.values[2].number == 12.0);
  CHECK(item.values[3].text == "备注");
}
