// quanze tree: the baseline policy's exception hierarchy, exactly.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "quanze/explain.hpp"
#include "test_support.hpp"

using namespace quanze;

TEST_CASE("tree: the baseline policy's override hierarchy") {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  CHECK(override_tree_text(*load.policy) == R"T(政策：两优专项行动基线（2022-12-16）
覆盖关系（每条规则压过它下面的规则）：
cancel.no_basis「无法律法规依据的事项一律取消」  rules/liangyou.qz:42
├── delegate.entrust「应放尽放，委托下一级实施」  rules/liangyou.qz:58
├── delegate.direct「规章、地方性法规设定或内部管理事项直接下放」  rules/liangyou.qz:65
│   └── delegate.entrust（见上）
├── delegate.authorize「依据允许授权的，法定授权下放」  rules/liangyou.qz:72
│   ├── delegate.entrust（见上）
│   └── delegate.direct（见上）
├── filing.low_risk「低风险行政许可改为备案」  rules/liangyou.qz:82
│   ├── delegate.entrust（见上）
│   ├── delegate.direct（见上）
│   └── delegate.authorize（见上）
└── keep.security「涉及重大敏感领域的事项保留」  rules/liangyou.qz:98
    ├── cancel.dormant「近三年无办件量的事项取消」  rules/liangyou.qz:49
    │   ├── delegate.entrust（见上）
    │   ├── delegate.direct（见上）
    │   ├── delegate.authorize（见上）
    │   └── filing.low_risk（见上）
    ├── delegate.entrust（见上）
    ├── delegate.direct（见上）
    ├── delegate.authorize（见上）
    └── filing.low_risk（见上）
keep.mandated「法律法规明确规定层级的事项保留」  rules/liangyou.qz:91
├── cancel.dormant（见上）
├── delegate.entrust（见上）
├── delegate.direct（见上）
├── delegate.authorize（见上）
└── filing.low_risk（见上）
传递覆盖（不是直接写在 to 中的）：
  · cancel.no_basis 经由其他例外压过 cancel.dormant
)T");
}

TEST_CASE("tree: JSON gives direct and transitive overrides") {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  nlohmann::json j = nlohmann::json::parse(override_tree_json(*load.policy))["rules"];
  REQUIRE(j.size() == 8);
  CHECK(j[0] == nlohmann::json::parse(R"J({"rule": "cancel.no_basis", "title": "无法律法规依据的事项一律取消",
      "file": "rules/liangyou.qz", "line": 42, "exception": true,
      "overrides": ["delegate.entrust", "delegate.direct", "delegate.authorize", "filing.low_risk", "keep.security"],
      "overrides_transitively": ["cancel.dormant", "delegate.entrust", "delegate.direct", "delegate.authorize",
                                 "filing.low_risk", "keep.security"],
      "overridden": false})J"));
}

TEST_CASE("tree: a rule overridden by nobody and overriding nobody stands alone") {
  PolicyLoad load = load_policy_text("t.qz", R"(schema { field n: number }
rule a "甲": when n > 1 then keep
rule b: when n > 2 then cancel
exception c to b: when n > 3 then keep
exception d to c: when n > 4 then cancel
)");
  REQUIRE(load.policy);
  CHECK(override_tree_text(*load.policy) == "政策：（未命名）\n"
                                            "覆盖关系（每条规则压过它下面的规则）：\n"
                                            "a「甲」  t.qz:2\n"
                                            "d  t.qz:5\n"
                                            "└── c  t.qz:4\n"
                                            "    └── b  t.qz:3\n"
                                            "传递覆盖（不是直接写在 to 中的）：\n"
                                            "  · d 经由其他例外压过 b\n");
}
