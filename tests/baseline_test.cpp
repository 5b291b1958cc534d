// The shipped baseline policy on the shipped sample list gives, item by
// item, the decisions of tests/data/sample-league.expected.csv.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

Table read_data(const std::string& name) {
  std::ifstream in(std::string(QUANZE_SOURCE_DIR) + "/tests/data/" + name, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  Table table;
  Diagnostics diags;
  REQUIRE(read_csv(bytes.str(), table, diags));
  table.source = name;
  return table;
}

std::vector<DecisionRecord> classify_sample() {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy != nullptr);
  Table sample = read_data("sample-league.csv");
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, sample, diags);
  REQUIRE(classifier != nullptr);
  std::vector<DecisionRecord> out;
  for (const Row& row : sample.rows) out.push_back(classifier->classify(row));
  return out;
}

std::string fired(const DecisionRecord& r) {
  std::vector<std::string> ids;
  for (const RequirementCheck& c : r.requirements)
    if (!c.held) ids.push_back(c.rule);
  return joined(ids);
}

}  // namespace

TEST_CASE("baseline: every sample item gets its expected decision") {
  std::vector<DecisionRecord> records = classify_sample();
  Table expected = read_data("sample-league.expected.csv");
  REQUIRE(expected.headers ==
          std::vector<std::string>{"序号", "status", "outcome", "mode", "target", "rules", "requirement"});
  REQUIRE(records.size() == 50);
  REQUIRE(expected.rows.size() == 50);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const DecisionRecord& r = records[i];
    const std::vector<std::string> want = expected.rows[i].cells.strings();
    CAPTURE(want[0]);
    CHECK(r.item == want[0]);
    CHECK(status_id(r.status) == want[1]);
    CHECK((r.outcome ? std::string(outcome_id(*r.outcome)) : "") == want[2]);
    CHECK((r.mode ? std::string(mode_id(*r.mode)) : "") == want[3]);
    CHECK(r.target.value_or("") == want[4]);
    CHECK(joined(r.rules) == want[5]);
    CHECK(fired(r) == want[6]);
  }
}

TEST_CASE("baseline: a transitive override and a requirement fallback, in full") {
  std::vector<DecisionRecord> records = classify_sample();
  auto find = [&](const std::string& id) -> const DecisionRecord& {
    for (const DecisionRecord& r : records)
      if (r.item == id) return r;
    FAIL("no item " << id);
    return records.front();
  };
  // FGW-003: normative basis, low-risk licence at league level.
  const DecisionRecord& fgw = find("FGW-003");
  CHECK(joined(fgw.rules) == "cancel.no_basis");
  REQUIRE(fgw.defeated.size() == 2);
  CHECK(fgw.defeated[0].rule == "delegate.entrust");
  CHECK(fgw.defeated[0].by == "cancel.no_basis");
  CHECK(fgw.defeated[1].rule == "filing.low_risk");
  CHECK(fgw.reasons.at(0) == "设定依据最高为规范性文件，没有法律、法规或规章依据");
  // NM-006: authorization falls back to entrustment.
  const DecisionRecord& nm = find("NM-006");
  CHECK(nm.outcome == Outcome::delegate);
  CHECK(nm.mode == Mode::entrustment);
  CHECK(nm.target == "旗县");
  CHECK(joined(nm.rules) == "delegate.authorize");
  REQUIRE(nm.requirements.size() == 1);
  CHECK(nm.requirements[0].fallback == "delegate by entrustment");
  CHECK(nm.source.at(0).file == "rules/liangyou.qz");
  bool has_highest = false;
  for (const auto& [key, value] : nm.evidence)
    if (key == "basis.highest") has_highest = value == "规章 (inferred: 办法)";
  CHECK(has_highest);
  // SC-006: both mandated and without basis: a conflict, reported not picked.
  const DecisionRecord& sc = find("SC-006");
  CHECK(sc.status == Status::conflict);
  CHECK(joined(sc.rules) == "cancel.no_basis+keep.mandated");
}
