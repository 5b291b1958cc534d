// Derivations (quanze explain): what an auditor reads about one decision,
// asserted exactly on sample items — a requirement fallback, a transitive
// override, a conflict, a default — and the JSON form.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "quanze/explain.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

struct Sample : testing::SampleList {
  void set(Row& r, const std::string& header, const std::string& value) {
    auto at = std::find(table.headers.begin(), table.headers.end(), header);
    REQUIRE(at != table.headers.end());
    r.cells.set(static_cast<std::size_t>(at - table.headers.begin()), value);
  }
  std::string text(const Row& r) { return explain_text(classifier->derive(r), *policy, table.source); }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("explain: a requirement's fallback, with the condition that failed and every rule that did not apply") {
  Sample s;
  CHECK(s.text(s.row("NM-006")) == R"J(事项：NM-006 动物诊疗许可证核发（tests/data/sample-league.csv 第 31 行）
结论：下放（委托实施） → 旗县
决定规则：
  · delegate.authorize「依据允许授权的，法定授权下放」（rules/liangyou.qz:72）
理由：
  · 设定依据允许授权，以法定授权方式下放至下一级
  · 设定依据最高为规章，规章不能授权，改为委托实施
引用依据：
  · 兴党办发电〔2022〕18号：通过法定授权方式下放
  · 《中华人民共和国行政许可法》第二十三条
  · 《中华人民共和国行政许可法》第二十三条、第二十四条
被推翻的规则：
  · delegate.entrust「应放尽放，委托下一级实施」（rules/liangyou.qz:58） 被 delegate.authorize 推翻
  · delegate.direct「规章、地方性法规设定或内部管理事项直接下放」（rules/liangyou.qz:65） 被 delegate.authorize 推翻
依据要求：
  · require.authorization_basis「法定授权须有法规以上依据」（rules/liangyou.qz:107） 未满足 → 改为下放（委托实施）：不成立的是 basis.highest >= local_regulation（rules/liangyou.qz:109:3；basis.highest = 规章 (inferred: 办法)）
未适用的规则：
  · cancel.no_basis「无法律法规依据的事项一律取消」（rules/liangyou.qz:42） 不适用：不成立的是 basis.highest < gov_rule（rules/liangyou.qz:44:29；basis.highest = 规章 (inferred: 办法)）
  · cancel.dormant「近三年无办件量的事项取消」（rules/liangyou.qz:49） 不适用：不成立的是 volume_3y = 0（rules/liangyou.qz:51:8；volume_3y = 90）
  · filing.low_risk「低风险行政许可改为备案」（rules/liangyou.qz:82） 不适用：不成立的是 risk = low（rules/liangyou.qz:84:33；risk = 中）
  · keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91） 不适用：不成立的是 mandated（rules/liangyou.qz:93:8；mandated = 否）
  · keep.security「涉及重大敏感领域的事项保留」（rules/liangyou.qz:98） 不适用：不成立的是 sensitive（let sensitive = security is not empty）（rules/liangyou.qz:38:17；security = （空））
证据：
  · category = 权责清单事项
  · level = 盟市
  · basis.highest = 规章 (inferred: 办法)
  · authorizable = 是
原始单元格：
  · 事项类别（category，第 4 列）：权责清单事项
  · 行使层级（level，第 6 列）：盟市
  · 设定依据（basis，第 7 列）：《动物诊疗机构管理办法》第九条
      《动物诊疗机构管理办法》第九条 → 规章（推定，据“办法”）
  · 依据允许授权（authorizable，第 10 列）：是
)J");
}

TEST_CASE("explain: a transitive override shows its path") {
  Sample s;
  // No legal basis and no cases in three years: cancel.no_basis and
  // cancel.dormant both apply; no_basis overrides keep.security, which
  // overrides cancel.dormant.
  Row r = s.row("NM-006");
  s.set(r, "设定依据", "");
  s.set(r, "近三年办件量", "0");
  Derivation d = s.classifier->derive(r);
  CHECK(d.record.rules == std::vector<std::string>{"cancel.no_basis"});
  REQUIRE(d.defeated.size() == 3);
  CHECK(d.defeated[0].rule == "cancel.dormant");
  CHECK(d.defeated[0].by == "cancel.no_basis");
  CHECK(d.defeated[0].path == std::vector<std::string>{"cancel.no_basis", "keep.security", "cancel.dormant"});
  CHECK(d.defeated[1].path == std::vector<std::string>{"cancel.no_basis", "delegate.entrust"});
  std::string text = explain_text(d, *s.policy, s.table.source);
  CHECK(contains(text, "\n  · cancel.dormant「近三年无办件量的事项取消」（rules/liangyou.qz:49） 被 cancel.no_basis 推翻"
                       "（传递覆盖：cancel.no_basis → keep.security → cancel.dormant）\n"));
  CHECK(explain_rule_text(d, *s.policy, "cancel.dormant") ==
        "事项：NM-006 动物诊疗许可证核发\n"
        "cancel.dormant「近三年无办件量的事项取消」（rules/liangyou.qz:49） 适用，但被 cancel.no_basis 推翻"
        "（cancel.no_basis → keep.security → cancel.dormant）\n");
  CHECK(contains(text, "  · 设定依据（basis，第 7 列）：（空）\n"));
}

TEST_CASE("explain: a conflict lists each live rule's outcome") {
  Sample s;
  std::string text = s.text(s.row("SC-006"));
  CHECK(contains(text, "结论：冲突 — 仍有效的规则结论不一致，引擎不代为选择\n"
                       "仍有效的规则：\n"
                       "  · cancel.no_basis「无法律法规依据的事项一律取消」（rules/liangyou.qz:42）\n"
                       "  · keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91）\n"
                       "各规则的结论：\n"
                       "  · cancel.no_basis：取消\n"
                       "  · keep.mandated：保留\n"));
  CHECK(explain_rule_text(s.classifier->derive(s.row("SC-006")), *s.policy, "keep.mandated") ==
        "事项：SC-006 检验检测机构资质认定（盟级）\n"
        "keep.mandated「法律法规明确规定层级的事项保留」（rules/liangyou.qz:91） 适用且有效，与其他有效规则冲突\n");
}

TEST_CASE("explain: the default decides when no rule applies, and each rule says why not") {
  Sample s;
  Derivation d = s.classifier->derive(s.row("NM-007"));
  std::string text = explain_text(d, *s.policy, s.table.source);
  CHECK(contains(text, "决定规则：\n  · default（rules/liangyou.qz:121）\n理由：\n  · 未命中取消或下放条件\n"));
  CHECK(d.not_applied.size() == 8);
  CHECK(contains(text, "  · delegate.entrust「应放尽放，委托下一级实施」（rules/liangyou.qz:58） 不适用：不成立的是 "
                       "above_township（let above_township = level > township）（rules/liangyou.qz:37:22；level = 苏木乡镇）\n"));
  CHECK(contains(text, "  · 设定依据（basis，第 7 列）：《中华人民共和国土地管理法》第六十二条\n"
                       "      《中华人民共和国土地管理法》第六十二条 → 法律（推定，据“法”）\n"));
  CHECK(explain_rule_text(d, *s.policy, "require.authorization_basis") ==
        "事项：NM-007 农村村民住宅用地审批\n"
        "require.authorization_basis「法定授权须有法规以上依据」（rules/liangyou.qz:107） 没有检查：这个事项的结果不归它管\n");
}

TEST_CASE("explain: a stated level and a place name are told apart from a suffix") {
  Sample s;
  Row r = s.row("NM-007");
  s.set(r, "设定依据", "【规章】《草原管理规定》第三条；《内蒙古自治区草原管理条例》第九条");
  Derivation d = s.classifier->derive(r);
  auto cell = std::find_if(d.cells.begin(), d.cells.end(), [](const CellTrace& c) { return c.field == "basis"; });
  REQUIRE(cell != d.cells.end());
  REQUIRE(cell->citations.size() == 2);
  CHECK(cell->citations[0].stated);
  CHECK(cell->citations[0].level == "gov_rule");
  CHECK(cell->citations[1].level == "local_regulation");
  CHECK(cell->citations[1].how == "条例");
  CHECK(cell->citations[1].place == "内蒙古自治区");
  std::string text = explain_text(d, *s.policy, s.table.source);
  CHECK(contains(text, "      《草原管理规定》第三条 → 规章（写明 "));
  CHECK(contains(text, "      《内蒙古自治区草原管理条例》第九条 → 地方性法规（推定，据“条例”与地名“内蒙古自治区”）\n"));
}

TEST_CASE("explain: the JSON form is the record and its derivation") {
  Sample s;
  nlohmann::json j = nlohmann::json::parse(derivation_to_json(s.classifier->derive(s.row("NM-006")), *s.policy));
  CHECK(j["item"] == "NM-006");
  CHECK(j["status"] == "decided");
  const nlohmann::json& d = j["derivation"];
  CHECK(d["requirements"][0] == nlohmann::json::parse(R"J({"rule": "require.authorization_basis",
      "title": "法定授权须有法规以上依据", "file": "rules/liangyou.qz", "line": 107, "held": false,
      "fallback": "delegate by entrustment",
      "condition": {"text": "basis.highest >= local_regulation", "let": null, "file": "rules/liangyou.qz",
                    "line": 109, "column": 3, "values": {"basis.highest": "规章 (inferred: 办法)"}}})J"));
  CHECK(d["defeated"][0]["path"] == nlohmann::json::parse(R"J(["delegate.authorize", "delegate.entrust"])J"));
  CHECK(d["not_applied"].size() == 5);
  CHECK(d["not_applied"][4]["condition"]["let"] == "sensitive");
  CHECK(d["not_applied"][4]["condition"]["values"] == nlohmann::json::parse(R"J({"security": null})J"));
  CHECK(d["cells"][2] == nlohmann::json::parse(R"J({"field": "basis", "header": "设定依据", "column": 7,
      "raw": "《动物诊疗机构管理办法》第九条", "citations": [{"title": "动物诊疗机构管理办法", "article": "第九条",
      "level": "gov_rule", "stated": false, "how": "办法", "place": ""}]})J"));
}

TEST_CASE("explain: a row with bad cells has its problems and no rule traces") {
  Sample s;
  Row r = s.row("NM-007");
  s.set(r, "行使层级", "省级");
  Derivation d = s.classifier->derive(r);
  CHECK(d.record.status == Status::error);
  CHECK(d.not_applied.empty());
  CHECK(d.cells.empty());
  CHECK(contains(explain_text(d, *s.policy, s.table.source), "数据问题：\n  · [QZ6002] 第 6 列（行使层级）："));
}

TEST_CASE("explain: a classifier told to make lean records still derives the full one") {
  Sample s;
  const std::string full = s.text(s.row("NM-006"));
  s.classifier->set_evidence(false);
  s.classifier->set_trail(false);
  CHECK(s.text(s.row("NM-006")) == full);
  // …and its own records stay lean.
  DecisionRecord lean = s.classifier->classify(s.row("NM-006"));
  CHECK(lean.evidence.empty());
  CHECK(lean.defeated.empty());
}
