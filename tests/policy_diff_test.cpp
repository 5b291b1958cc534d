// Policy comparison: the sample list under the baseline and under edited
// copies of it, the items whose decision changed, grouped by transition —
// in the library and through `quanze diff`.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "quanze/policy_diff.hpp"
#include "test_support.hpp"

using namespace quanze;
using quanze::testing::Run;
using quanze::testing::run_quanze;
using quanze::testing::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

/// The baseline without the exception keep.security (and without naming it
/// in cancel.no_basis's overrides).
std::string without_keep_security() {
  std::string text(baseline_policy_text());
  std::size_t begin = text.find("exception keep.security");
  std::size_t end = text.find("# ── 依据要求");
  REQUIRE(begin < end);
  text.erase(begin, end - begin);
  return replaced(text, ", filing.low_risk, keep.security:", ", filing.low_risk:");
}

/// The baseline with filing.low_risk for medium risk too.
std::string filing_up_to_medium() {
  return replaced(std::string(baseline_policy_text()), "when power_type = licence and risk = low",
                  "when power_type = licence and risk <= medium");
}

Table sample() {
  Table table;
  Diagnostics diags;
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, table, diags));
  return table;
}

/// "label: item, item" for each transition, in the diff's order.
std::vector<std::string> groups(const PolicyDiff& diff) {
  std::vector<std::string> out;
  for (const Transition& t : diff.transitions) {
    std::vector<std::string> items;
    for (const ChangedItem& c : t.items) items.push_back(c.new_record.item);
    out.push_back(decision_label(t.from) + " → " + decision_label(t.to) + ": " + testing::joined(items, ", "));
  }
  return out;
}

PolicyDiff diff_with_baseline(const std::string& new_policy) {
  Table table = sample();
  PolicyLoad before = load_baseline_policy();
  PolicyLoad after = load_policy_text("new.qz", new_policy);
  REQUIRE(before.policy);
  REQUIRE(after.policy);
  Diagnostics diags;
  auto old_classifier = Classifier::bind(before.policy, table, diags);
  auto new_classifier = Classifier::bind(after.policy, table, diags);
  REQUIRE(old_classifier);
  REQUIRE(new_classifier);
  return diff_policies(*old_classifier, *new_classifier, table);
}

}  // namespace

TEST_CASE("policy diff: without keep.security the sensitive items go down, grouped by transition") {
  PolicyDiff diff = diff_with_baseline(without_keep_security());
  CHECK(diff.items == 50);
  CHECK(diff.changed() == 16);
  CHECK(groups(diff) == std::vector<std::string>{
                            "保留 → 下放（委托实施，至旗县）: GA-002, GA-003, HJ-001, ZR-001, SC-001, SC-002, JT-002, "
                            "NM-003, JY-001, WL-001, WL-003, YJ-001, MZ-001",
                            "保留 → 下放（法定授权，至旗县）: ZR-004",
                            "保留 → 下放（直接下放，至旗县）: WJ-003",
                            "保留 → 下放（委托实施，至苏木乡镇）: YJ-002",
                        });
  // Mandated as well as sensitive: still kept, now by keep.mandated alone.
  CHECK(diff.rules_changed == std::vector<std::string>{"GA-001", "HJ-002", "NM-004"});
  CHECK(diff.receiver_changed.empty());
  const ChangedItem& first = diff.transitions[0].items[0];
  CHECK(first.old_record.rules == std::vector<std::string>{"keep.security"});
  CHECK(first.new_record.rules == std::vector<std::string>{"delegate.entrust"});
}

TEST_CASE("policy diff: filing for medium risk too — and the requirement that keeps national licences") {
  PolicyDiff diff = diff_with_baseline(filing_up_to_medium());
  CHECK(diff.changed() == 13);
  CHECK(groups(diff) == std::vector<std::string>{
                            "下放（委托实施，至旗县） → 改为备案: FGW-001, JT-001, NM-002, NM-006, WL-002, MZ-002",
                            "下放（直接下放，至旗县） → 改为备案: FGW-002, NM-005",
                            "下放（委托实施，至旗县） → 保留: ZR-002, WJ-002",
                            "下放（法定授权，至旗县） → 改为备案: JT-003",
                            "下放（法定授权，至旗县） → 保留: NM-001",
                            "下放（直接下放，至苏木乡镇） → 改为备案: JT-005",
                        });
  // Kept by default before; now filing.low_risk decides, and
  // require.filing_not_statutory turns it back into keep.
  CHECK(diff.rules_changed == std::vector<std::string>{"NM-007"});
}

TEST_CASE("policy diff: a decision's label names status, outcome, mode and target") {
  CHECK(decision_label({Status::decided, Outcome::delegate, Mode::direct, "旗县"}) == "下放（直接下放，至旗县）");
  CHECK(decision_label({Status::decided, Outcome::delegate, std::nullopt, "旗县"}) == "下放（至旗县）");
  CHECK(decision_label({Status::decided, Outcome::delegate, Mode::entrustment, std::nullopt}) == "下放（委托实施）");
  CHECK(decision_label({Status::decided, Outcome::filing, std::nullopt, std::nullopt}) == "改为备案");
  CHECK(decision_label({Status::conflict, std::nullopt, std::nullopt, std::nullopt}) == "冲突");
  CHECK(decision_label({Status::rejected, std::nullopt, std::nullopt, std::nullopt}) == "驳回");
}

TEST_CASE("cli: diff prints the transitions with the deciding rules on both sides") {
  TempDir dir;
  std::string policy = dir.write("new.qz", filing_up_to_medium());
  Run r = run_quanze("diff --old rules/liangyou.qz --new '" + policy + "' --input tests/data/sample-league.csv");
  REQUIRE(r.code == 0);
  CHECK(r.err == "");
  CHECK(r.out.rfind("旧政策：两优专项行动基线 2022-12-16（rules/liangyou.qz）\n"
                    "新政策：两优专项行动基线 2022-12-16（" + policy + "）\n"
                    "清单：tests/data/sample-league.csv，共 50 项：决定改变 13 项，未变 37 项\n"
                    "\n"
                    "下放（委托实施，至旗县） → 改为备案：6 项\n"
                    "  · FGW-001 企业投资项目核准（盟级权限内）（第 2 行）\n"
                    "      旧：delegate.entrust\n"
                    "      新：filing.low_risk\n",
                    0) == 0);
  CHECK(contains(r.out, "\n  · NM-006 动物诊疗许可证核发（第 31 行）\n"
                        "      旧：delegate.authorize；触发 require.authorization_basis\n"
                        "      新：filing.low_risk\n"));
  CHECK(contains(r.out, "\n\n下放（委托实施，至旗县） → 保留：2 项\n"
                        "  · ZR-002 临时用地审批（第 14 行）\n"
                        "      旧：delegate.entrust\n"
                        "      新：filing.low_risk；触发 require.filing_not_statutory\n"));
  CHECK(r.out.ends_with("\n\n下放（直接下放，至苏木乡镇） → 改为备案：1 项\n"
                        "  · JT-005 公共汽车客运线路经营许可（新辟线路）（第 50 行）\n"
                        "      旧：delegate.direct\n"
                        "      新：filing.low_risk\n"
                        "\n"
                        "决定未变、依据规则或触发要求不同：1 项（NM-007）\n"));
  // The same diff, the other way round, from the new policy's side.
  Run back = run_quanze("diff --old '" + policy + "' -i tests/data/sample-league.csv");
  CHECK(contains(back.out, "\n\n改为备案 → 下放（委托实施，至旗县）：6 项\n"));
}

TEST_CASE("cli: diff --format json carries both policies' manifests and every transition") {
  TempDir dir;
  std::string policy = dir.write("new.qz", without_keep_security());
  Run r = run_quanze("diff --new '" + policy + "' -i tests/data/sample-league.csv --format json");
  REQUIRE(r.code == 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["manifest"]["old"]["rules"][0]["file"] == "rules/liangyou.qz");
  CHECK(j["manifest"]["new"]["rules"][0]["file"] == policy);
  CHECK(j["manifest"]["input"]["file"] == "tests/data/sample-league.csv");
  CHECK(j["manifest"]["command"][1] == "diff");
  CHECK(j["items"] == 50);
  CHECK(j["changed"] == 16);
  CHECK(j["unchanged"] == 34);
  CHECK(j["rules_changed"] == nlohmann::json::parse(R"(["GA-001", "HJ-002", "NM-004"])"));
  REQUIRE(j["transitions"].size() == 4);
  const nlohmann::json& second = j["transitions"][1];
  CHECK(second["label"] == "保留 → 下放（法定授权，至旗县）");
  CHECK(second["count"] == 1);
  CHECK(second["from"] == nlohmann::json::parse(R"({"status": "decided", "outcome": "keep", "mode": null, "target": null})"));
  CHECK(second["to"] ==
        nlohmann::json::parse(R"({"status": "decided", "outcome": "delegate", "mode": "authorization", "target": "旗县"})"));
  CHECK(second["items"] == nlohmann::json::parse(R"([{"item": "ZR-004", "name": "地质灾害治理工程勘查单位资质认定（丙级）",
      "row": 16, "old": {"rules": ["keep.security"], "requirements": [], "receiver": null},
      "new": {"rules": ["delegate.authorize"], "requirements": [], "receiver": null}}])"));
  CHECK(run_quanze("diff --new '" + policy + "' -i tests/data/sample-league.csv --format json").out == r.out);  // deterministic
}

TEST_CASE("cli: diff takes each side from several files — the same policy changes nothing") {
  TempDir dir;
  std::string text(baseline_policy_text());
  std::size_t split = text.find("# ── 取消");
  std::string schema = dir.write("schema.qz", text.substr(0, split));
  std::string rules = dir.write("rules.qz", text.substr(split));
  Run r = run_quanze("diff --old rules/liangyou.qz --new '" + schema + "' --new '" + rules +
                     "' -i tests/data/sample-league.csv");
  CHECK(r.code == 0);
  CHECK(r.out == "旧政策：两优专项行动基线 2022-12-16（rules/liangyou.qz）\n"
                 "新政策：两优专项行动基线 2022-12-16（" + schema + "、" + rules + "）\n"
                 "清单：tests/data/sample-league.csv，共 50 项：决定改变 0 项，未变 50 项\n");
}

TEST_CASE("cli: diff's usage errors exit 2 — errors in a policy or the list exit 1") {
  Run neither = run_quanze("diff -i tests/data/sample-league.csv");
  CHECK(neither.code == 2);
  CHECK(neither.err.rfind("quanze diff: give --old or --new (the other side defaults to the baseline)\n", 0) == 0);
  CHECK(run_quanze("diff --new rules/liangyou.qz").code == 2);  // no --input
  CHECK(run_quanze("diff --new rules/liangyou.qz -i tests/data/sample-league.csv -f csv").code == 2);
  Run help = run_quanze("diff --help");
  CHECK(help.code == 0);
  CHECK(contains(help.out, "Exit codes"));
  TempDir dir;
  std::string bad = dir.write("bad.qz", "rule r: when true thn keep\n");
  Run broken = run_quanze("diff --new '" + bad + "' -i tests/data/sample-league.csv");
  CHECK(broken.code == 1);
  CHECK(broken.out == "");
  CHECK(contains(broken.err, bad + ":1:19: error[QZ1001]"));
  // The new policy reads a column the list lacks.
  std::string wider = dir.write("wider.qz", replaced(std::string(baseline_policy_text()),
                                                     "field volume: number from \"年办件量\"",
                                                     "field volume: number from \"年办件量\"\n  field note: text from \"备注\""));
  Run missing = run_quanze("diff --new '" + wider + "' -i tests/data/sample-league.csv");
  CHECK(missing.code == 1);
  CHECK(contains(missing.err, "error[QZ6001]: the list has no column \"备注\""));
}
