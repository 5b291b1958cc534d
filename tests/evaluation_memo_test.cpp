// Evaluations kept by the tests of the conditions (eval/evaluation_memo.hpp):
// every item must be evaluated exactly as the evaluator evaluates it alone —
// rules applicable, live, deciding and outranked, outcomes, requirement
// checks, conflicts, errors and rejects.
#include <doctest/doctest.h>

#include <cstring>
#include <map>
#include <set>

#include "eval/describe.hpp"
#include "eval/evaluation_memo.hpp"
#include "eval/row_decoder.hpp"
#include "quanze/row_stream.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

// Tests of every kind a condition is made of — enum, ordered enum, level,
// bool, number, set (has any, has all, is empty), `in`, `not in`, text and basis
// `contains` — under and/or/not; a `next` outcome with an error at the
// lowest level; a conflict; requirements that send the outcome on and one
// that rejects; a rule out of force on the day.
/// The fields of generated_list's columns, in their order.
const std::string kSchema = R"(schema {
  field id: text from "序号"
  field name: text from "名称"
  field level: enum ordered { township "乡", county "县", league "盟" } from "层级"
  field kind: enum { licence "许可", penalty "处罚", other "其他" } from "类型"
  field n: number from "n"
  field flag: bool from "f"
  field basis: basis from "依据"
  field sec: set { a "甲", b "乙", c "丙" } from "安全"
}
)";

const std::string kPolicy = kSchema + R"(rule d "下放":
  when level > township and not (name contains "保密")
  then delegate to next level by entrustment receiver "对口部门"
  because "{level}事项，n={n}"
exception k "保留" to d:
  when flag or sec has all { a, b }
  then keep
  because "{sec}"
exception f "备案" to d:
  when kind not in { penalty } and basis.highest < law and sec is empty
  then filing
rule c1 "一": when n > 100 and not flag then cancel because "大"
rule c2 "二": when n > 100 and n < 115 and not flag then keep
rule b "依据":
  when basis contains "条例" and basis.highest in { local_regulation, gov_rule } and sec has any { b, c }
  then delegate to next level by direct
rule old "旧": when n = 7 then cancel
  until "2020-12-31"
require r "要求" for delegate by entrustment:
  n < 50
  else delegate to next level by direct
require r2 "二要求" for cancel:
  n < 115 or basis.count >= 2
  else reject
require r3 "三要求" for delegate by direct:
  basis.highest >= local_regulation
  else keep
default keep because "默认"
)";

std::string generated_list(int rows) {
  std::string out = "序号,名称,层级,类型,n,f,依据,安全\n";
  std::uint64_t seed = 99;
  auto pick = [&](std::uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  const char* names[] = {"甲事项", "保密事项", "乙事项"};
  const char* levels[] = {"乡", "县", "盟", ""};
  const char* kinds[] = {"许可", "处罚", "其他", ""};
  const char* numbers[] = {"0", "7", "49", "50", "120", "110", "114.5", ""};
  const char* flags[] = {"是", "否", ""};
  const char* bases[] = {"《中华人民共和国行政许可法》第十二条", "《兴安盟条例》", "无", "",
                         "\"1.《某办法》\n2.《某条例》\"", "《国务院某规定》"};
  const char* sets[] = {"", "甲", "乙、甲", "丙", "乙"};
  for (int i = 0; i < rows; ++i)
    out += "R" + std::to_string(i) + "," + names[pick(3)] + "," + levels[pick(4)] + "," + kinds[pick(4)] + "," +
           numbers[pick(8)] + "," + flags[pick(3)] + "," + bases[pick(6)] + "," + sets[pick(5)] + "\n";
  return out;
}

void check_same(const Evaluation& a, const Evaluation& b) {
  CHECK(a.status == b.status);
  CHECK(a.outcome == b.outcome);
  CHECK(a.by_default == b.by_default);
  CHECK(a.applicable == b.applicable);
  CHECK(a.live == b.live);
  CHECK(a.deciding == b.deciding);
  CHECK(a.outranked == b.outranked);
  CHECK(a.outcomes == b.outcomes);
  REQUIRE(a.checks.size() == b.checks.size());
  for (std::size_t i = 0; i < a.checks.size(); ++i) {
    CHECK(a.checks[i].requirement == b.checks[i].requirement);
    CHECK(a.checks[i].held == b.checks[i].held);
  }
  CHECK(a.error == b.error);
  CHECK((a.error_code == b.error_code || (a.error_code && b.error_code && !std::strcmp(a.error_code, b.error_code))));
  CHECK(a.error_source == b.error_source);
  CHECK(a.error_index == b.error_index);
}

/// Every row of `list` (columns in the policy's field order) evaluated
/// alone and through the memo: the same evaluations, and the kept decision
/// keys describe_key's. Returns how many evaluations came from the memo.
int compare_over_list(const std::string& policy_text, const std::string& list,
                      std::map<Status, int>& statuses) {
  PolicyLoad load = load_policy_text("p.qz", policy_text);
  REQUIRE(load.policy);
  const Program& program = load.policy->program();
  const InForce in_force = InForce::on(program, Date::parse("2025-06-30").value());

  Diagnostics diags;
  std::unique_ptr<RowStream> stream = RowStream::open_text(list, "list.csv", {}, diags);
  REQUIRE(stream);
  Table table;
  REQUIRE(stream->read_all(table, diags));
  std::vector<std::size_t> columns;
  for (std::size_t f = 0; f < program.fields.size(); ++f) columns.push_back(f);
  RowDecoder decoder(program, columns, table.headers);

  Evaluator alone(program, in_force), memoized(program, in_force);
  EvaluationMemo memo(program, memoized);
  REQUIRE(memo.usable());
  ItemValues item;
  Evaluation expected;
  int kept = 0;  // evaluations that had been kept before
  std::set<const KeptEvaluation*> seen;
  std::string numbered, whole;
  std::map<std::string, std::string> whole_of, numbered_of;  // each key of one kind by the other's
  bool trail = true;
  for (const Row& row : table.rows) {
    std::vector<RowProblem> problems;
    REQUIRE(decoder.decode(row, item, problems));
    alone.evaluate(item, expected);
    const KeptEvaluation& got = memo.evaluate(memoized, item, trail);
    CAPTURE(row.line);
    check_same(got.evaluation, expected);
    // The decision key from the kept prefix's number and holes is there
    // when describe_key's is (for the trail it was kept with: asked for
    // both, row after row), and tells items apart exactly as it does.
    REQUIRE(got.kept);  // the lists are shorter than the memo's trial: it never gives up
    const std::string whole_key(describe_key(program, expected, item, got.trail, whole));
    REQUIRE((got.prefix_id != 0) == !whole_key.empty());
    if (got.prefix_id) {
      const std::string numbered_key(describe_key(program, got.prefix_id, got.holes, item, numbered));
      CHECK(numbered_key != whole_key);
      CHECK(whole_of.try_emplace(numbered_key, whole_key).first->second == whole_key);
      CHECK(numbered_of.try_emplace(whole_key, numbered_key).first->second == numbered_key);
    }
    kept += !seen.insert(&got).second;
    trail = !trail;
    ++statuses[expected.status];
  }
  return kept;
}

}  // namespace

TEST_CASE("evaluation memo: every item evaluated as the evaluator evaluates it alone") {
  std::map<Status, int> statuses;
  int kept = compare_over_list(kPolicy, generated_list(4000), statuses);
  // Every kind of evaluation was met, and most came from the memo.
  CHECK(statuses[Status::decided] > 0);
  CHECK(statuses[Status::conflict] > 0);
  CHECK(statuses[Status::error] > 0);
  CHECK(statuses[Status::rejected] > 0);
  CHECK(kept > 2000);
}

TEST_CASE("evaluation memo: the same for a level an empty basis has too, with fewer and more than 64 tests") {
  // A rule of one test that an empty basis passes, and 5 or 40 rules of
  // two tests: 11 tests, looked up a field at once, or 81, past the one
  // word that takes, tested one by one.
  for (int rules : {5, 40}) {
  CAPTURE(rules);
  std::string text = kSchema + "rule h: when basis.highest < law then cancel\n";
  for (int r = 0; r < rules; ++r)
    text += "rule m" + std::to_string(r) + ": when kind " + (r % 2 ? "=" : "!=") + " licence and n > " +
            std::to_string(r * 3) + " then filing\n";
  text += "default keep\n";
  std::map<Status, int> statuses;
  CHECK(compare_over_list(text, generated_list(4000), statuses) > 400);
  CHECK(statuses[Status::decided] > 0);
  CHECK(statuses[Status::conflict] > 0);
  }
}

TEST_CASE("evaluation memo: keys of decisions whose reasons and citations have more holes than are kept inline") {
  // Eight holes in the deciding rule's texts and one in a failed
  // requirement's: past the six a kept evaluation holds inline.
  const std::string text = kSchema + R"(rule d "下放":
  when level > township
  then delegate to next level by entrustment
  because "{level}{kind}{n}{flag}{sec}"
  cite "{basis.highest}{basis.count}{name}"
rule k "保留": when flag then keep because "{n}"
exception x "例外" to d: when n > 120 then cancel because "{level}"
require r "要求" for delegate by entrustment:
  n < 50
  else delegate to next level by direct
  because "{id}"
default keep
)";
  std::map<Status, int> statuses;
  CHECK(compare_over_list(text, generated_list(4000), statuses) > 100);
  CHECK(statuses[Status::decided] > 0);
}

TEST_CASE("evaluation memo: a kept evaluation's holes, inline and past them, in the order added") {
  using Kind = Template::Piece::Kind;
  for (std::size_t n : {0, 1, 6, 7, 13}) {
    CAPTURE(n);
    KeyHoles holes;
    holes.push_back({Kind::count, 99});  // cleared below
    holes.clear();
    for (std::size_t i = 0; i < n; ++i) holes.push_back({i % 2 ? Kind::highest : Kind::field, static_cast<std::uint16_t>(i)});
    REQUIRE(holes.size() == n);
    std::size_t i = 0;
    for (KeyHole h : holes) {
      CHECK(h.field == i);
      CHECK(h.kind == (i % 2 ? Kind::highest : Kind::field));
      ++i;
    }
    CHECK(i == n);
  }
}

TEST_CASE("evaluation memo: not used when an outcome renders a field into its target or receiver, or for many tests") {
  const std::string schema = R"(schema {
  field level: enum ordered { township "乡", county "县" } from "层级"
  field dept: text from "部门"
}
)";
  for (const char* rule : {R"(rule d: when level > township then delegate to "{dept}" by direct)",
                           R"(rule d: when level > township then delegate to next level receiver "{dept}对口")"}) {
    CAPTURE(rule);
    PolicyLoad load = load_policy_text("p.qz", schema + rule + "\ndefault keep\n");
    REQUIRE(load.policy);
    const Program& program = load.policy->program();
    const InForce in_force = InForce::on(program, Date::parse("2025-06-30").value());
    Evaluator evaluator(program, in_force);
    CHECK_FALSE(EvaluationMemo(program, evaluator).usable());
  }
  // Nor for a policy of more tests than it keys by: 256 leaves are kept
  // by, 257 are not.
  for (int rules : {256, 257}) {
    std::string text = "schema {\n  field n: number from \"n\"\n}\n";
    for (int r = 0; r < rules; ++r) text += "rule r" + std::to_string(r) + ": when n = " + std::to_string(r) + " then keep\n";
    PolicyLoad load = load_policy_text("p.qz", text + "default cancel\n");
    REQUIRE(load.policy);
    const Program& program = load.policy->program();
    const InForce in_force = InForce::on(program, Date::parse("2025-06-30").value());
    Evaluator evaluator(program, in_force);
    CHECK(EvaluationMemo(program, evaluator).usable() == (rules == 256));
  }
}

TEST_CASE("evaluation memo: a policy with no test at all, or only `when true`, keeps its one evaluation") {
  const std::string schema = "schema {\n  field level: enum { a \"甲\" } from \"层级\"\n}\n";
  for (std::string text : {schema + "default keep\n", schema + "rule all: when true then cancel\ndefault keep\n",
                           std::string("rule all: when true then keep\n")}) {
    CAPTURE(text);
    PolicyLoad load = load_policy_text("p.qz", text);
    REQUIRE(load.policy);
    const Program& program = load.policy->program();
    const InForce in_force = InForce::on(program, Date::parse("2025-06-30").value());
    Evaluator evaluator(program, in_force);
    EvaluationMemo memo(program, evaluator);
    ItemValues item;  // as many values as fields: none without a schema
    item.values.resize(program.fields.size());
    item.bases.resize(program.fields.size());
    const KeptEvaluation* first = &memo.evaluate(evaluator, item, true);
    Evaluation alone;
    evaluator.evaluate(item, alone);
    check_same(first->evaluation, alone);
    CHECK(first->evaluation.status == Status::decided);
    CHECK(&memo.evaluate(evaluator, item, true) == first);
  }
}
