// The summary's rule coverage and JSON form, on the sample list under the
// baseline policy.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "quanze/output.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

/// The summary of `table` classified under `classify_with`, counting
/// `count_with`'s rules.
Summary summarize(const std::shared_ptr<const Policy>& classify_with, const std::shared_ptr<const Policy>& count_with,
                  const Table& table) {
  Diagnostics diags;
  auto classifier = Classifier::bind(classify_with, table, diags);
  REQUIRE(classifier);
  Summary s;
  s.set_rules(count_with->rules());
  for (const Row& row : table.rows) s.add(classifier->classify(row));
  return s;
}

/// The sample list's records under the baseline policy.
std::vector<DecisionRecord> sample_records() {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  Table table;
  Diagnostics diags;
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, table, diags));
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  std::vector<DecisionRecord> records;
  for (const Row& row : table.rows) records.push_back(classifier->classify(row));
  return records;
}

Summary sample_summary() {
  Summary summary;
  summary.set_rules(load_baseline_policy().policy->rules());
  for (const DecisionRecord& r : sample_records()) summary.add(r);
  return summary;
}

}  // namespace

TEST_CASE("summary: how each rule of the baseline fared on the sample") {
  std::string text = sample_summary().render();
  std::string rules = text.substr(text.find("按规则"));
  CHECK(rules ==
        "按规则（适用 = 条件成立的事项数）：\n"
        "  cancel.no_basis：适用 3，决定 2，被推翻 0，冲突 1\n"
        "  cancel.dormant：适用 2，决定 2，被推翻 0\n"
        "  delegate.entrust：适用 49，决定 9，被推翻 40\n"
        "  delegate.direct：适用 13，决定 7，被推翻 6\n"
        "  delegate.authorize：适用 4，决定 3，被推翻 1\n"
        "  filing.low_risk：适用 6，决定 3，被推翻 3\n"
        "  keep.mandated：适用 7，决定 6，被推翻 0，冲突 1\n"
        "  keep.security：适用 19，决定 19，被推翻 0\n"
        "  require.authorization_basis：检查 3，未满足 1\n"
        "  require.filing_not_statutory：检查 3，未满足 1\n"
        "  default：决定 1\n");
}

TEST_CASE("summary: a rule that never applies and a requirement that never fires are flagged") {
  PolicyLoad load = load_policy_text("p.qz", R"(schema { field n: number from "n" }
rule big: when n > 100 then cancel
rule small: when n < 100 then keep
require r for keep: n > 0 else cancel
default keep
)");
  REQUIRE(load.policy);
  Table table = testing::make_table({"n"}, {{{"n", "5"}}, {{"n", "7"}}});
  Summary s = summarize(load.policy, load.policy, table);
  std::string text = s.render();
  CHECK(text.substr(text.find("按规则")) ==
        "按规则（适用 = 条件成立的事项数）：\n"
        "  big：适用 0，决定 0，被推翻 0  ← 从未适用\n"
        "  small：适用 2，决定 2，被推翻 0\n"
        "  r：检查 2，未满足 0  ← 从未触发\n"
        "  default：决定 0\n");
  nlohmann::json j = nlohmann::json::parse(s.to_json());
  CHECK(j["rules"][0] == nlohmann::json::parse(R"({"rule": "big", "applied": 0, "decided": 0, "defeated": 0,
      "outranked": 0, "conflict": 0, "never_applied": true})"));
  CHECK(j["requirements"][0] == nlohmann::json::parse(R"({"rule": "r", "checked": 2, "fired": 0, "never_fired": true})"));
}

TEST_CASE("summary: JSON counts overall and per department") {
  nlohmann::json j = nlohmann::json::parse(sample_summary().to_json());
  CHECK(j["items"] == 50);
  CHECK(j["decided"] == 49);
  CHECK(j["conflict"] == 1);
  CHECK(j["outcomes"] == nlohmann::json::parse(R"({"cancel": 4, "delegate": 19, "filing": 2, "keep": 24})"));
  CHECK(j["delegate_modes"] == nlohmann::json::parse(R"({"authorization": 2, "entrustment": 10, "direct": 7})"));
  CHECK(j["departments"].size() == 18);
  CHECK(j["departments"][1]["department"] == "盟交通运输局");
  CHECK(j["departments"][1]["outcomes"]["delegate"] == 3);
  CHECK(j["default"] == 1);
}

TEST_CASE("summary: batches counted apart and merged in order give the whole list's summary") {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  std::vector<DecisionRecord> records = sample_records();
  Summary merged, batch;
  merged.set_rules(load.policy->rules());
  batch.set_rules(load.policy->rules());
  for (std::size_t i = 0; i < records.size(); ++i) {
    batch.add(records[i]);
    if (i % 7 == 6 || i + 1 == records.size()) {
      merged.merge(batch);
      batch.clear();  // the rules stay, every count goes
      CHECK(batch.total() == 0);
      CHECK(batch.coverage().size() == load.policy->rules().size());
      CHECK(batch.coverage()[0].applied == 0);
    }
  }
  Summary whole = sample_summary();
  CHECK(merged.render() == whole.render());
  CHECK(merged.to_json() == whole.to_json());
}

TEST_CASE("summary: a copy counts on its own (the department last counted is not shared)") {
  PolicyLoad load = load_policy_text("p.qz", "schema { field n: number field department: text from \"d\" }\ndefault keep\n");
  REQUIRE(load.policy);
  Table table = testing::make_table({"n", "d"}, {{{"n", "1"}, {"d", "甲局"}}, {{"n", "2"}, {"d", "乙局"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  Summary original;
  original.add(classifier->classify(table.rows[0]));
  Summary copy = original;
  copy.add(classifier->classify(table.rows[0]));
  copy.add(classifier->classify(table.rows[1]));
  original.add(classifier->classify(table.rows[0]));
  nlohmann::json a = nlohmann::json::parse(original.to_json()), b = nlohmann::json::parse(copy.to_json());
  CHECK(a["items"] == 2);
  CHECK(a["departments"].size() == 1);
  CHECK(a["departments"][0]["items"] == 2);
  CHECK(b["items"] == 3);
  CHECK(b["departments"].size() == 2);
}

TEST_CASE("summary: a classified record carries its rules' positions in the policy's rule list") {
  PolicyLoad load = load_policy_text("p.qz", R"(schema { field n: number from "n" }
rule big: when n > 100 then cancel
rule small: when n < 100 then keep
exception tiny to small: when n < 10 then cancel
require r for keep: n > 0 else cancel
default keep
)");
  REQUIRE(load.policy);
  Table table = testing::make_table({"n"}, {{{"n", "5"}}, {{"n", "50"}}, {{"n", "100"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  auto list = [](std::span<const std::uint32_t> s) { return std::vector<std::uint32_t>(s.begin(), s.end()); };
  DecisionRecord r = classifier->classify(table.rows[0]);
  CHECK(r.rule_indexes.list == rule_list_key(load.policy->rules()));
  CHECK(r.rules == std::vector<std::string>{"tiny"});
  CHECK(list(r.rule_indexes.rules()) == std::vector<std::uint32_t>{2});
  CHECK(list(r.rule_indexes.defeated()) == std::vector<std::uint32_t>{1});
  CHECK(r.rule_indexes.outranked().empty());
  CHECK(r.rule_indexes.requirements().empty());  // the outcome is cancel: r is not checked
  r = classifier->classify(table.rows[1]);
  CHECK(list(r.rule_indexes.rules()) == std::vector<std::uint32_t>{1});
  CHECK(list(r.rule_indexes.requirements()) == std::vector<std::uint32_t>{3});  // requirements follow the rules
  r = classifier->classify(table.rows[2]);
  CHECK(r.rules == std::vector<std::string>{"default"});
  CHECK(list(r.rule_indexes.rules()) == std::vector<std::uint32_t>{RuleIndexes::kDefault});
}

TEST_CASE("summary: counted by position or by id, the coverage is the same") {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  Summary by_position, by_id;
  by_position.set_rules(load.policy->rules());
  by_id.set_rules(load.policy->rules());
  for (DecisionRecord& r : sample_records()) {
    CHECK(r.rule_indexes.list != 0);
    by_position.add(r);
    r.rule_indexes.list = 0;  // as a record made by hand: no positions
    by_id.add(r);
  }
  CHECK(by_position.render() == by_id.render());
  CHECK(by_position.to_json() == by_id.to_json());
}

TEST_CASE("summary: records of another rule list are counted by id, not by position") {
  // The same rules in another order: positions of one list are wrong in the other.
  auto policy = [](const char* rules) {
    PolicyLoad load = load_policy_text("p.qz", std::string("schema { field n: number from \"n\" }\n") + rules +
                                                   "default keep\n");
    REQUIRE(load.policy);
    return load.policy;
  };
  auto classified_by = policy("rule big: when n > 100 then cancel\nrule small: when n < 100 then keep\n");
  auto counted_by = policy("rule small: when n < 100 then keep\nrule big: when n > 100 then cancel\n");
  CHECK(rule_list_key(classified_by->rules()) != rule_list_key(counted_by->rules()));
  Table table = testing::make_table({"n"}, {{{"n", "5"}}, {{"n", "7"}}, {{"n", "500"}}});
  std::string text = summarize(classified_by, counted_by, table).render();
  CHECK(text.substr(text.find("按规则")) ==
        "按规则（适用 = 条件成立的事项数）：\n"
        "  small：适用 2，决定 2，被推翻 0\n"
        "  big：适用 1，决定 1，被推翻 0\n"
        "  default：决定 0\n");
}

TEST_CASE("summary: rule list keys") {
  auto rules = [](std::vector<std::pair<std::string, bool>> ids) {
    std::vector<RuleInfo> out;
    for (auto& [id, requirement] : ids) {
      RuleInfo r;
      r.id = id;
      r.requirement = requirement;
      out.push_back(r);
    }
    return out;
  };
  std::uint64_t key = rule_list_key(rules({{"a", false}, {"b", false}, {"r", true}}));
  CHECK(key != 0);
  CHECK(rule_list_key(rules({{"a", false}, {"b", false}, {"r", true}})) == key);  // content, not address
  CHECK(rule_list_key(rules({{"b", false}, {"a", false}, {"r", true}})) != key);
  CHECK(rule_list_key(rules({{"a", false}, {"b", false}, {"r", false}})) != key);
  CHECK(rule_list_key(rules({{"ab", false}, {"", false}, {"r", true}})) != key);
  CHECK(rule_list_key(load_baseline_policy().policy->rules()) ==
        rule_list_key(load_baseline_policy().policy->rules()));
  // "default" in a record's rules means the default decided: such a list is counted by id.
  CHECK(rule_list_key(rules({{"a", false}, {"default", false}})) == 0);
}

TEST_CASE("summary: a record with more rules than it holds positions for is counted by id") {
  std::string text = "schema { field n: number from \"n\" }\n";
  const std::size_t rules = RuleIndexes::kCapacity + 2;
  for (std::size_t i = 0; i < rules; ++i) text += "rule r" + std::to_string(i) + ": when n > 0 then keep\n";
  PolicyLoad load = load_policy_text("p.qz", text);
  REQUIRE(load.policy);
  Table table = testing::make_table({"n"}, {{{"n", "5"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  DecisionRecord r = classifier->classify(table.rows[0]);
  CHECK(r.status == Status::decided);
  CHECK(r.rules.size() == rules);  // every rule agrees: every one decides
  CHECK(r.rule_indexes.list == 0);
  Summary s;
  s.set_rules(load.policy->rules());
  s.add(r);
  REQUIRE(s.coverage().size() == rules);
  for (const RuleCoverage& c : s.coverage()) {
    CAPTURE(c.rule);
    CHECK(c.applied == 1);
    CHECK(c.decided == 1);
  }
}
