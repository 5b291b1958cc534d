// Packed items (eval/packed_items.hpp) are evaluated exactly as the
// ItemValues they were packed from: every condition kind, every string
// hole, next-level targets, requirements and errors, row by row.
#include <doctest/doctest.h>

#include <set>

#include "eval/evaluator.hpp"
#include "eval/in_force.hpp"
#include "eval/packed_items.hpp"
#include "eval/row_decoder.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

std::string summary(const Evaluation& e) {
  auto list = [](const std::vector<std::uint32_t>& v) {
    std::string out;
    for (std::uint32_t i : v) out += std::to_string(i) + ",";
    return out;
  };
  auto outcome = [](const ComputedOutcome& o) {
    return std::to_string(int(o.kind)) + "/" + (o.mode ? std::to_string(int(*o.mode)) : "-") + "/" +
           (o.has_target ? o.target : "-") + "/" + (o.has_receiver ? o.receiver : "-");
  };
  std::string out = std::to_string(int(e.status)) + " " + outcome(e.outcome) + " d" + std::to_string(e.by_default) +
                    " a" + list(e.applicable) + " l" + list(e.live) + " w" + list(e.deciding) + " o" + list(e.outranked);
  for (const ComputedOutcome& o : e.outcomes) out += " " + outcome(o);
  for (const Evaluation::Check& c : e.checks) out += " c" + std::to_string(c.requirement) + (c.held ? "+" : "-");
  out += " e" + e.error + (e.error_code ? e.error_code : "") + std::to_string(int(e.error_source)) +
         std::to_string(e.error_index);
  return out;
}

/// Evaluates every row of `table` both ways and compares; returns the
/// statuses met, so a test can tell that it reached them.
std::set<Status> check_same(const std::shared_ptr<const Policy>& policy, const Table& table) {
  const Program& program = policy->program();
  std::vector<std::size_t> columns;
  for (const FieldDef& f : program.fields) {
    std::size_t c = 0;
    while (c < table.headers.size() && header_key(table.headers[c]) != header_key(f.header)) ++c;
    columns.push_back(c);
  }
  RowDecoder decoder(program, columns, table.headers);
  InForce in_force = InForce::on(program, Date::today());
  Evaluator evaluator(program, in_force);
  PackedItems packed(program);
  std::vector<ItemValues> items(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    std::vector<RowProblem> problems;
    decoder.decode(table.rows[i], items[i], problems);
    packed.add(items[i]);
  }
  REQUIRE(packed.size() == items.size());
  Evaluation a, b;
  std::set<Status> statuses;
  for (std::size_t i = 0; i < items.size(); ++i) {
    evaluator.evaluate(items[i], a);
    evaluator.evaluate(packed[i], b);
    CAPTURE(i);
    CHECK(summary(a) == summary(b));
    statuses.insert(a.status);
  }
  return statuses;
}

}  // namespace

TEST_CASE("packed items: the baseline on the sample list decides as the decoded items do") {
  SampleList sample;
  check_same(sample.policy, sample.table);
}

TEST_CASE("packed items: every condition kind and every string hole") {
  std::string policy = R"(
schema {
  field id: text
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市" }
  field kind: enum { a "甲", b "乙" }
  field tags: set { x "标签一", y "标签二", z "标签三" }
  field n: number
  field m: number default 5
  field flag: bool
  field basis: basis
  field name: text
}
rule r1: when name contains "许可" and not (name starts with "危险") then delegate to next level by entrustment receiver "{name}{n}{m}{flag}{kind}{tags}{basis}{basis.highest}{basis.count}"
rule r2: when basis contains "条例" or basis.count > 1 then keep because "{basis}"
rule r3: when name ends with "登记" and name in { "户籍登记", "婚姻登记" } then cancel
rule r4: when name = "甲事项" or id in { "3", "7" } or name != "A事项" and n = 7.5 then filing
rule r5: when tags has all { x, y } and tags has any { z } then delegate to "{level}以下{tags}" by direct
rule r6: when tags is empty and n is not empty and n >= 10 and m < 7 then delegate to next level by authorization
rule r7: when flag and basis.highest >= local_regulation and kind in { a } then keep
rule r8: when basis is empty and level = county then cancel
exception x1 to r1, r2: when flag = false and level <= county then filing
require q1 for delegate by authorization: basis.highest >= admin_regulation else delegate to next level by entrustment
require q2 for filing: n < 100 else reject
default delegate to next level
)";
  PolicyLoad load = load_policy_text("packed.qz", policy);
  CAPTURE(joined(summarize(load.diagnostics), "\n"));
  REQUIRE(load.policy);
  std::vector<std::string> headers = {"id", "level", "kind", "tags", "n", "m", "flag", "basis", "name"};
  std::vector<std::map<std::string, std::string>> rows;
  const char* levels[] = {"苏木乡镇", "旗县", "盟市", ""};
  const char* names[] = {"危险品许可", "种子许可", "户籍登记", "其他登记", "甲事项", "A事项", "", "普通事项"};
  const char* bases[] = {"", "《中华人民共和国行政许可法》第二条", "《危险化学品安全管理条例》；《内蒙古自治区草原管理条例》",
                         "【规章】《某办法》", "《关于某事的通知》"};
  const char* tags[] = {"", "标签一、标签二", "标签一、标签二、标签三", "标签三"};
  const char* numbers[] = {"", "0", "12", "150", "7.5"};
  for (int i = 0; i < 400; ++i) {
    rows.push_back({{"id", std::to_string(i)},
                    {"level", levels[i % 4]},
                    {"kind", i % 3 ? "甲" : "乙"},
                    {"tags", tags[(i / 4) % 4]},
                    {"n", numbers[(i / 3) % 5]},
                    {"m", numbers[(i / 7) % 5]},
                    {"flag", i % 5 == 0 ? "是" : (i % 5 == 1 ? "" : "否")},
                    {"basis", bases[(i / 2) % 5]},
                    {"name", names[(i / 5) % 8]}});
  }
  std::set<Status> statuses = check_same(load.policy, make_table(headers, rows));
  CHECK(statuses == std::set<Status>{Status::decided, Status::conflict, Status::rejected, Status::error});
}
