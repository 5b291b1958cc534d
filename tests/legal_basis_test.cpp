// Legal-basis cells (DESIGN.md part 2): every title in 《》 is a citation,
// a 【…】 prefix states its level, otherwise the title's affixes tell it.
#include <doctest/doctest.h>

#include "quanze/legal_basis.hpp"

using namespace quanze;

namespace {

std::string inferred(std::string_view title) {
  std::string_view from, place;
  LegalLevel level = infer_level(title, &from, &place);
  std::string out(level_id(level));
  if (!from.empty()) out += " " + std::string(from);
  if (!place.empty()) out += " @" + std::string(place);
  return out;
}

std::string highest(std::string_view cell) {
  LegalBasis b;
  parse_legal_basis(cell, b);
  return describe_highest(b);
}

}  // namespace

TEST_CASE("legal basis: levels inferred from the title, in the order of part 2") {
  CHECK(inferred("关于加强粮食收购资格管理的通知") == "normative 关于");
  CHECK(inferred("关于修改部分规章的决定") == "normative 关于");  // 关于 is checked first
  CHECK(inferred("国务院办公厅转发某某意见") == "normative 意见");
  CHECK(inferred("优化营商环境实施方案") == "normative 方案");
  CHECK(inferred("某某批复") == "normative 批复");
  CHECK(inferred("某某函") == "normative 函");
  CHECK(inferred("专题会议纪要") == "normative 纪要");
  CHECK(inferred("国务院关于取消一批行政许可事项的决定") == "normative 决定");
  CHECK(inferred("广告发布登记管理规定") == "gov_rule 规定");
  CHECK(inferred("动物诊疗机构管理办法") == "gov_rule 办法");
  CHECK(inferred("某某法实施细则") == "gov_rule 细则");
  CHECK(inferred("某某审查规则") == "gov_rule 规则");
  CHECK(inferred("中华人民共和国行政许可法") == "law 法");
  CHECK(inferred("危险化学品安全管理条例") == "admin_regulation 条例");
  CHECK(inferred("不知所云的标题") == "normative");
}

TEST_CASE("legal basis: a 条例 is local when it starts with a place name") {
  CHECK(inferred("内蒙古自治区草原管理条例") == "local_regulation 条例 @内蒙古自治区");
  CHECK(inferred("兴安盟城市市容和环境卫生管理条例") == "local_regulation 条例 @兴安盟");
  CHECK(inferred("呼和浩特市市容管理条例") == "local_regulation 条例 @呼和浩特市");
  CHECK(inferred("呼伦贝尔市草原保护条例") == "local_regulation 条例 @呼伦贝尔市");
  CHECK(inferred("延边朝鲜族自治州条例") == "local_regulation 条例 @延边朝鲜族自治州");
  CHECK(inferred("广东省某某条例") == "local_regulation 条例 @广东省");
  CHECK(inferred("科尔沁右翼前旗某某条例") == "local_regulation 条例 @科尔沁右翼前旗");
  CHECK(inferred("阿荣旗某某条例") == "local_regulation 条例 @阿荣旗");
  // …unless it starts with 中华人民共和国, 城市, 城镇 or 城乡.
  CHECK(inferred("中华人民共和国道路运输条例") == "admin_regulation 条例");
  CHECK(inferred("城市市容和环境卫生管理条例") == "admin_regulation 条例");
  CHECK(inferred("城镇燃气管理条例") == "admin_regulation 条例");
  CHECK(inferred("城乡规划条例") == "admin_regulation 条例");
  // A place suffix needs two to eight characters before it.
  CHECK(inferred("市场主体登记管理条例") == "admin_regulation 条例");
  CHECK(inferred("一二三四五六七八九县条例") == "admin_regulation 条例");
}

TEST_CASE("legal basis: edition notes in parentheses do not hide the suffix") {
  CHECK(inferred("中华人民共和国食品安全法（2021年修正）") == "law 法");
  CHECK(inferred("排污许可管理条例(2021)") == "admin_regulation 条例");
  CHECK(inferred("某某管理办法（试行）（2019年修订）") == "gov_rule 办法");
}

TEST_CASE("legal basis: citations, articles and separators") {
  LegalBasis b;
  parse_legal_basis("《中华人民共和国矿产资源法》第十六条；《内蒙古自治区矿产资源管理条例》第12条;"
                    "《兽药管理条例》、《关于某事的通知》\n《某某办法》第三条第二款",
                    b);
  REQUIRE(b.citations.size() == 5);
  CHECK(b.citations[0].title == "中华人民共和国矿产资源法");
  CHECK(b.citations[0].article == "第十六条");
  CHECK(b.citations[1].article == "第12条");
  CHECK(b.citations[1].level == LegalLevel::local_regulation);
  CHECK(b.citations[2].article == "");
  CHECK(b.citations[3].level == LegalLevel::normative);
  CHECK(b.citations[4].article == "第三条第二款");
  CHECK(b.highest == LegalLevel::law);
  CHECK(b.highest_index == 0);
}

TEST_CASE("legal basis: numbered cells with quoted article text") {
  LegalBasis b;
  parse_legal_basis("1.《中华人民共和国行政许可法》第十二条：下列事项可以设定行政许可……\n"
                    "2.《危险化学品安全管理条例》 第三十九条 申请取得剧毒化学品购买许可证……",
                    b);
  REQUIRE(b.citations.size() == 2);
  CHECK(b.citations[0].article == "第十二条");
  CHECK(b.citations[1].article == "第三十九条");
  CHECK(b.citations[1].level == LegalLevel::admin_regulation);
}

TEST_CASE("legal basis: without articles, the same citations with every article empty") {
  const char* cell = "1.《中华人民共和国行政许可法》第十二条；【地方性法规】《某某办法》第3条第二款\n"
                     "《呼伦贝尔市草原保护条例》 第三十九条、《关于某事的通知》";
  LegalBasis with, without;
  parse_legal_basis(cell, with);
  parse_legal_basis(cell, without, /*articles=*/false);
  REQUIRE(with.citations.size() == 4);
  REQUIRE(without.citations.size() == 4);
  CHECK(with.citations[0].article == "第十二条");
  CHECK(with.citations[1].article == "第3条第二款");
  CHECK(with.citations[2].article == "第三十九条");
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    const Citation &a = with.citations[i], &b = without.citations[i];
    CHECK(b.article.empty());
    CHECK(b.title == a.title);
    CHECK(b.stated == a.stated);
    CHECK(b.level == a.level);
    CHECK(b.inferred_from == a.inferred_from);
    CHECK(b.place == a.place);
  }
  CHECK(without.highest == with.highest);
  CHECK(without.highest_index == with.highest_index);
}

TEST_CASE("legal basis: the highest level and count alone are those of the citations") {
  for (const char* cell :
       {"", "根据工作需要", "《未闭合的标题", "《某某法》；《未闭合", "》《》《 》", "【无】《某某法》",
        "《国务院关于《中华人民共和国行政许可法》实施的决定》；《某某条例》",
        "1.《中华人民共和国行政许可法》第十二条；【地方性法规】《某某办法》第3条第二款\n"
        "《呼伦贝尔市草原保护条例》 第三十九条、《关于某事的通知》",
        "【规章】《内蒙古自治区某某条例》、【 法律 】《某某规定》", "《兴安盟草原管理条例（2020年修订）》",
        "《中华人民共和国城乡规划法》《城市道路管理条例》《某某细则》", "。、《某某法》。\xE3\x80"}) {
    CAPTURE(cell);
    LegalBasis full;
    parse_legal_basis(cell, full);
    std::size_t citations = 99;
    CHECK(highest_level(cell, citations) == full.highest);
    CHECK(citations == full.citations.size());
  }
}

TEST_CASE("legal basis: a 【…】 prefix states the level") {
  LegalBasis b;
  parse_legal_basis("【地方性法规】《内蒙古自治区殡葬管理办法》第十条；【部门规章】《某某通知》； 【地方政府规章】 《某某意见》；"
                    "【行政法规】《某某法》；【说明】《某某办法》",
                    b);
  REQUIRE(b.citations.size() == 5);
  CHECK(b.citations[0].level == LegalLevel::local_regulation);
  CHECK(b.citations[0].stated == "地方性法规");
  CHECK(b.citations[1].level == LegalLevel::gov_rule);
  CHECK(b.citations[2].level == LegalLevel::gov_rule);
  CHECK(b.citations[3].level == LegalLevel::admin_regulation);  // stated beats the 法 suffix
  CHECK(b.citations[4].stated == "");                          // not a level: inferred instead
  CHECK(b.citations[4].level == LegalLevel::gov_rule);
  LegalLevel level{};
  CHECK(stated_level("法律", level));
  CHECK(level == LegalLevel::law);
  CHECK(stated_level("规范性文件", level));
  CHECK(level == LegalLevel::normative);
  CHECK_FALSE(stated_level("红头文件", level));
}

TEST_CASE("legal basis: empty, titleless and broken cells") {
  LegalBasis b;
  parse_legal_basis("", b);
  CHECK(b.citations.empty());
  CHECK(b.highest == LegalLevel::none);
  parse_legal_basis("根据工作需要", b);
  CHECK(b.citations.empty());
  CHECK(b.highest == LegalLevel::none);
  parse_legal_basis("《未闭合的标题", b);
  CHECK(b.citations.empty());
  parse_legal_basis("《某某法》；《未闭合", b);
  REQUIRE(b.citations.size() == 1);
  CHECK(b.highest == LegalLevel::law);
  parse_legal_basis("》《》《 》", b);
  REQUIRE(b.citations.size() == 2);
  CHECK(b.citations[0].title == "");
  CHECK(b.highest == LegalLevel::normative);
  // A title inside a title is part of it: the outer 》 closes the citation.
  parse_legal_basis("《国务院关于《中华人民共和国行政许可法》实施的决定》；《某某条例》", b);
  REQUIRE(b.citations.size() == 2);
  CHECK(b.citations[0].title == "国务院关于《中华人民共和国行政许可法》实施的决定");
  CHECK(b.citations[0].level == LegalLevel::normative);
  CHECK(b.citations[1].title == "某某条例");
  CHECK(b.highest_index == 1);
  // The marks' lead bytes elsewhere (。、 and a mark cut at the cell's end)
  // are stepped over.
  const std::string cut = "。、《某某法》。\xE3\x80";  // outlives the views into it
  parse_legal_basis(cut, b);
  REQUIRE(b.citations.size() == 1);
  CHECK(b.citations[0].title == "某某法");
}

TEST_CASE("legal basis: a cell cut inside a character does not read past its end (fuzz finding)") {
  // Found by fuzz_legal_basis: "》第" then the first two bytes of 一, and a
  // 条例 title cut in its place name. Readers reject such bytes; the parser
  // must not depend on it.
  LegalBasis b;
  parse_legal_basis(std::string("《某某办法》第") + "\xE4\xB8", b);
  REQUIRE(b.citations.size() == 1);
  CHECK(b.citations[0].article == "");
  parse_legal_basis(std::string("《兴\xE5") + "条例》", b);
  REQUIRE(b.citations.size() == 1);
  parse_legal_basis(std::string("\xE3\xE3\x80\xE3\x80\x90\xE5\x9C\xB0\x8A\xE8\x80\x8A\xE6\x96\xB9\xE6\x80\xA7"
                                "\xE6\xB3\x95\xE8\xA7\x84\xE3\x8D\x80\x91\xE3\x80\x8A\xE5\x85\xB4\xE5\xAE\x89"
                                "\xE7\x9B\x9F\xE8\x8D\x89\xE5\x8E\x9F\xE7\xAE\xA1\xE7\x90\x86\xE6\x9D\xA1\xE4"
                                "\xBE\x8B\xE3\x80\x8B\xE7\xAC\xAC\xE4"),
                    b);
  CHECK(b.citations.size() == 1);
}

TEST_CASE("legal basis: how the highest level is described") {
  CHECK(highest("") == "无 (no citation)");
  CHECK(highest("《固定资产投资项目节能审查办法》第五条") == "规章 (inferred: 办法)");
  CHECK(highest("【地方性法规】《内蒙古自治区殡葬管理办法》") == "地方性法规 (stated: 【地方性法规】)");
  CHECK(highest("《兴安盟城市市容和环境卫生管理条例》") == "地方性法规 (inferred: 条例, place name 兴安盟)");
  CHECK(highest("《兽药管理条例》；《某某通知》") == "行政法规 (inferred: 条例)");
  CHECK(highest("《中华人民共和国畜牧法》") == "法律 (inferred: 法)");
  CHECK(highest("《关于某事的通知》") == "规范性文件 (inferred: 关于)");
  CHECK(highest("《不知所云》") == "规范性文件 (inferred: no known suffix)");
  CHECK(level_label(LegalLevel::admin_regulation) == "行政法规");
  CHECK(level_id(LegalLevel::local_regulation) == "local_regulation");
}

TEST_CASE("legal basis: titles seen before read as the first time, in the cell at hand") {
  // Levels are remembered by title on each thread; a title met again, in
  // another cell, must give what inference gives, with its place name a
  // view into the new cell — however many titles come between.
  std::vector<std::string> titles;
  const char* places[] = {"兴安盟", "呼和浩特市", "内蒙古自治区", "阿拉善盟", ""};
  const char* suffixes[] = {"条例", "办法", "规定", "法", "通知", "条例（2021年修正）", "实施细则"};
  for (int i = 0; i < 600; ++i)
    titles.push_back(std::string(places[i % 5]) + "第" + std::to_string(i) + "号事项管理" + suffixes[i % 7]);
  titles.push_back("");
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < titles.size(); ++i) {
      const std::string& title = titles[(i * 7 + static_cast<std::size_t>(round) * 13) % titles.size()];
      std::string cell = "依据《" + title + "》第三条";
      LegalBasis b;
      parse_legal_basis(cell, b);
      REQUIRE(b.citations.size() == 1);
      const Citation& c = b.citations[0];
      std::string_view from, place;
      CAPTURE(title);
      CHECK(c.level == infer_level(c.title, &from, &place));
      CHECK(c.inferred_from == from);
      CHECK(c.place == place);
      if (!c.place.empty()) {
        CHECK(c.place.data() >= cell.data());
        CHECK(c.place.data() + c.place.size() <= cell.data() + cell.size());
      }
    }
  }
}

TEST_CASE("legal basis: long titles alike but for bytes past the fortieth are told apart") {
  // The same length and the same first and last eight bytes: the same
  // slot of the thread's title cache, which holds a title's first forty
  // bytes beside its level. Only the rest tells 条例 from 办法.
  const std::string prefix = "内蒙古自治区兴安盟城市市容和环境卫生";  // 54 bytes
  const std::string a = prefix + "管理条例（2021年修正）", b = prefix + "管理办法（2021年修正）";
  REQUIRE(a.size() == b.size());
  for (int round = 0; round < 4; ++round) {
    for (const std::string& title : {a, b}) {
      CAPTURE(title);
      LegalBasis basis;
      parse_legal_basis("《" + title + "》", basis);
      REQUIRE(basis.citations.size() == 1);
      std::string_view from, place;
      CHECK(basis.highest == infer_level(title, &from, &place));
      CHECK(basis.citations[0].inferred_from == from);
    }
  }
  LegalBasis basis;
  parse_legal_basis("《" + a + "》", basis);
  CHECK(basis.highest == LegalLevel::local_regulation);
  parse_legal_basis("《" + b + "》", basis);
  CHECK(basis.highest == LegalLevel::gov_rule);
}

TEST_CASE("legal basis: titles are found wherever they fall in a long cell") {
  // The marks are looked for sixteen bytes at a time, the last block
  // overlapping the one before: titles at every offset, across and at the
  // ends of blocks, nested and unclosed, read as they do alone.
  LegalBasis b;
  for (std::size_t pad = 0; pad <= 40; ++pad) {
    CAPTURE(pad);
    const std::string lead(pad, 'x');
    const std::string one = lead + "《中华人民共和国行政许可法》";
    parse_legal_basis(one, b);
    REQUIRE(b.citations.size() == 1);
    CHECK(b.citations[0].title == "中华人民共和国行政许可法");
    CHECK(b.highest == LegalLevel::law);

    const std::string two = lead + "《某某办法》。" + lead + "《国务院关于《某某法》的决定》" + lead + "》《某某条例》";
    parse_legal_basis(two, b);
    REQUIRE(b.citations.size() == 3);
    CHECK(b.citations[0].title == "某某办法");
    CHECK(b.citations[1].title == "国务院关于《某某法》的决定");
    CHECK(b.citations[2].title == "某某条例");
    CHECK(b.highest == LegalLevel::admin_regulation);
    CHECK(b.highest_index == 2);

    const std::string unclosed = lead + "《某某法》" + lead + "《未闭合" + lead;
    parse_legal_basis(unclosed, b);
    REQUIRE(b.citations.size() == 1);
    CHECK(b.citations[0].title == "某某法");

    // A title ending with the cell, and a mark cut by the cell's end.
    const std::string at_end = lead + "《某某规定》";
    parse_legal_basis(at_end, b);
    REQUIRE(b.citations.size() == 1);
    CHECK(b.highest == LegalLevel::gov_rule);
    const std::string cut = lead + "《某某规定\xE3\x80";
    parse_legal_basis(cut, b);
    CHECK(b.citations.empty());
  }
}
