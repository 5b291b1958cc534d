// explain --what-if: the smallest changes that give an item another decision.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "quanze/what_if.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

using Sample = testing::SampleList;

}  // namespace

TEST_CASE("what-if: a kept item needs two changes to be delegated, one to be in conflict") {
  Sample s;
  WhatIf w = what_if(*s.policy, *s.classifier, s.row("GA-001"));
  CHECK(what_if_text(w, *s.policy) == R"W(事项：GA-001 爆破作业单位许可证（非营业性）核发
现在的结论：保留（keep.mandated、keep.security）
要得到别的结论，最少需要的改动：
  · 冲突（cancel.no_basis、keep.mandated）：
      若 设定依据 由“《民用爆炸物品安全管理条例》第三十二条”改为空
      若 设定依据 由“《民用爆炸物品安全管理条例》第三十二条”改为最高为无的依据（如“无”）
      若 设定依据 由“《民用爆炸物品安全管理条例》第三十二条”改为最高为规范性文件的依据（如“《关于测试事项的通知》”）
  · 取消（cancel.no_basis）：
      若 设定依据 由“《民用爆炸物品安全管理条例》第三十二条”改为空，且 法定层级 由“是”改为空
      若 设定依据 由“《民用爆炸物品安全管理条例》第三十二条”改为空，且 法定层级 由“是”改为“否”
      若 设定依据 由“《民用爆炸物品安全管理条例》第三十二条”改为最高为无的依据（如“无”），且 法定层级 由“是”改为空
  · 下放（委托实施） → 旗县（delegate.entrust）：
      若 涉及安全领域 由“公共安全”改为空，且 法定层级 由“是”改为空
      若 涉及安全领域 由“公共安全”改为空，且 法定层级 由“是”改为“否”
)W");
}

TEST_CASE("what-if: single changes are preferred, and each alternative names its deciding rule") {
  Sample s;
  WhatIf w = what_if(*s.policy, *s.classifier, s.row("NM-006"));
  REQUIRE(w.alternatives.size() >= 6);
  const WhatIfAlternative& kept = w.alternatives[0];
  CHECK(kept.record.outcome == Outcome::keep);
  CHECK(kept.record.rules == std::vector<std::string>{"default"});
  CHECK(kept.changes[0].size() == 1);
  CHECK(kept.changes[0][0].header == "行使层级");
  CHECK(kept.changes[0][0].from == "盟市");
  CHECK(kept.changes[0][0].to == "");
  auto filing = std::find_if(w.alternatives.begin(), w.alternatives.end(),
                             [](const WhatIfAlternative& a) { return a.record.outcome == Outcome::filing; });
  REQUIRE(filing != w.alternatives.end());
  CHECK(filing->changes.size() == 1);
  CHECK(filing->changes[0].size() == 1);
  CHECK(filing->changes[0][0].header == "风险等级");
  CHECK(filing->changes[0][0].to == "低");
  nlohmann::json j = nlohmann::json::parse(what_if_json(w));
  CHECK(j["item"] == "NM-006");
  CHECK(j["current"]["rules"] == nlohmann::json::parse(R"(["delegate.authorize"])"));
  CHECK(j["alternatives"][0]["changes"][0][0] == nlohmann::json::parse(
            R"({"field": "level", "header": "行使层级", "from": "盟市", "to": "", "level": null})"));
}
