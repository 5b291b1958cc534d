// CSV without a summary formats each distinct decision once and reuses it
// (Classifier::decide's keys, eval/decision_memo.hpp): the bytes must be
// those of every record classified in full, whatever the reasons, targets,
// receivers and citations quote from the row.
#include <doctest/doctest.h>

#include "io/record_format.hpp"
#include "eval/decision_memo.hpp"
#include "quanze/batch_classifier.hpp"
#include "quanze/row_stream.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

// Every kind of hole a reason, citation, target or receiver can have,
// requirements that fail (one rejects), a conflict (d, c1, c2) and an error
// (e: 乡 has no next level).
const char* kQuotingPolicy = R"(schema {
  field id: text from "序号"
  field name: text from "名称"
  field department: text from "部门"
  field level: enum ordered { township "乡", county "县", league "盟" } from "层级"
  field n: number from "n"
  field flag: bool from "f"
  field basis: basis from "依据"
  field sec: set { a "甲", b "乙" } from "安全"
}
rule d "下放":
  when level > township
  then delegate to next level by entrustment receiver "{department}对口部门"
  because "{level}事项，n={n}"
  cite "《某法》"
  cite "依据{basis}；{basis.highest}；{basis.count}条"
exception k "保留" to d:
  when flag
  then keep
  because "{sec}，{flag}"
  cite "x, with \"quotes\""
exception e "再下放" to d:
  when n = 49
  then delegate to next level
rule c1 "一": when n > 100 and not flag then cancel because "大"
rule c2 "二": when n > 100 and n < 115 and not flag then keep because "{name}"
require r "要求" for delegate by entrustment:
  n < 50
  else delegate to "{department}本级" by direct
  because "n 为 {n}"
require r2 "二要求" for cancel:
  n < 115
  else reject
  because "拒 {n}"
default keep because "默认：{name}"
)";

/// Rows whose values come from small sets, so decisions repeat, with now
/// and then a cell no field can read (a row in error).
std::string quoting_list(int rows) {
  std::string out = "序号,名称,部门,层级,n,f,依据,安全\n";
  std::uint64_t seed = 12345;
  auto pick = [&](std::uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  const char* names[] = {"甲事项", "乙事项", "\"引号\"事项", "逗号,事项"};
  const char* departments[] = {"盟局", "旗局"};
  const char* levels[] = {"乡", "县", "盟", "县"};
  // 120 and 130 are both rejected by r2, whose reason alone quotes them.
  const char* numbers[] = {"0", "7", "49", "50", "120", "7.5", "110", "130", "", "x"};
  const char* flags[] = {"是", "否", "否", ""};
  const char* bases[] = {"《中华人民共和国行政许可法》第十二条", "《兴安盟条例》", "无", "",
                         "\"1.《某办法》\n2.《某规定》\""};
  const char* sets[] = {"", "甲", "乙、甲", "丙"};
  for (int i = 0; i < rows; ++i) {
    auto quoted = [](const char* s) {
      std::string cell = s;
      if (cell.find_first_of(",\"") == std::string::npos) return cell;
      std::string q = "\"";
      for (char c : cell) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q + "\"";
    };
    out += "R" + std::to_string(i) + "," + quoted(names[pick(4)]) + "," + departments[pick(2)] + "," +
           levels[pick(4)] + "," + numbers[pick(10) % (i % 50 == 0 ? 10 : 9)] + "," + flags[pick(4)] + "," +
           bases[pick(5)] + "," + sets[pick(i % 40 == 0 ? 4 : 3)] + "\n";
  }
  return out;
}

/// The CSV bytes and the summary (rendered; empty when not counted).
struct Output {
  std::string bytes, summary;
};

const Date kAsOf = Date::parse("2025-06-30").value();

/// The list read in batches of 4 KiB, rows keeping their records as
/// classify's CSV reading does, and its header row.
struct OpenList {
  Diagnostics diags;
  std::unique_ptr<RowStream> stream;
  Table header;

  explicit OpenList(const std::string& text) {
    TextOptions options;
    options.keep_records = true;
    stream = RowStream::open_text(text, "list.csv", options, diags, 4096);
    REQUIRE(stream);
    header.source = "list.csv";
    header.headers = stream->headers();
  }
};

/// What classify_batches writes for CSV with and without a summary.
Output batch_csv(const std::shared_ptr<const Policy>& policy, const std::string& text, bool summary,
                 std::size_t jobs) {
  OpenList list(text);
  BatchOptions batch;
  batch.format = OutputFormat::csv;
  batch.jobs = jobs;
  batch.as_of = kAsOf;
  batch.summary = summary;
  Output out;
  Summary counts;
  counts.set_rules(policy->rules());
  REQUIRE(classify_batches(policy, *list.stream, list.header, batch,
                           [&](ClassifiedBatch& b) {
                             out.bytes += b.bytes;
                             counts.merge(b.summary);
                             return true;
                           },
                           list.diags));
  if (summary) out.summary = counts.render();
  return out;
}

/// Every row classified in full (evidence and trail on), formatted alone
/// and counted.
Output full_csv(const std::shared_ptr<const Policy>& policy, const std::string& text) {
  OpenList list(text);
  auto classifier = Classifier::bind(policy, list.header, list.diags, kAsOf);
  REQUIRE(classifier);
  Output out;
  Summary counts;
  counts.set_rules(policy->rules());
  RowBatch batch;
  while (list.stream->next(batch, list.diags))
    for (const Row& row : batch) {
      DecisionRecord record = classifier->classify(row);
      append_csv_record(out.bytes, row, record, list.header.headers.size());
      counts.add(record);
    }
  out.summary = counts.render();
  return out;
}

std::shared_ptr<const Policy> load(const std::string& text) {
  PolicyLoad load = load_policy_text("p.qz", text);
  REQUIRE(load.policy);
  return load.policy;
}

/// kQuotingPolicy's list, a row a map from header to cell.
Table quoting_table(const std::vector<std::map<std::string, std::string>>& rows) {
  return make_table({"序号", "名称", "部门", "层级", "n", "f", "依据", "安全"}, rows);
}

/// A classifier of `table` as CSV without a summary has it (no evidence,
/// no trail), and the key decide() gives each row; `record` is the last.
struct KeysOf {
  std::unique_ptr<Classifier> classifier;
  std::vector<std::string> keys;
  DecisionRecord record;

  KeysOf(const std::shared_ptr<const Policy>& policy, const Table& table) {
    Diagnostics diags;
    classifier = Classifier::bind(policy, table, diags, kAsOf);
    REQUIRE(classifier);
    classifier->set_evidence(false);
    classifier->set_trail(false);
    for (const Row& row : table.rows) keys.emplace_back(classifier->decide(row, record));
  }
};

}  // namespace

TEST_CASE("decision memo: CSV without a summary writes every record as classified in full, whatever it quotes") {
  auto policy = load(kQuotingPolicy);
  std::string list = quoting_list(6000);
  Output full = full_csv(policy, list);
  const std::string& expected = full.bytes;
  // Every kind of record is there.
  for (std::string part : {"盟局对口部门", "旗局本级", "冲突", "错误", "驳回", "拒 120", "\"\"引号\"\"事项", "x, with \"\"quotes\"\"",
                           "n 为 50", "甲、乙，是", "rule e: next level", "依据《兴安盟条例》；地方性法规；1条"}) {
    CAPTURE(part);
    CHECK(expected.find(part) != std::string::npos);
  }
  for (std::size_t jobs : {1, 2}) {
    CAPTURE(jobs);
    CHECK(batch_csv(policy, list, false, jobs).bytes == expected);
    // Counted too: a decision kept counts as the record it was made from.
    Output counted = batch_csv(policy, list, true, jobs);
    CHECK(counted.bytes == expected);
    CHECK(counted.summary == full.summary);
  }
  // Rules of every kind were counted.
  for (std::string part : {"  d：适用", "  k：适用", "  c1：适用", "  c2：适用", "  e：适用", "  r：检查", "  r2：检查", "，冲突 "}) {
    CAPTURE(part);
    CHECK(full.summary.find(part) != std::string::npos);
  }
}

/// kQuotingPolicy with a fixed receiver and target: its evaluations are
/// kept (EvaluationMemo), and its keys made of a kept prefix and the values
/// in the holes of what the record renders.
std::string kept_quoting_policy() {
  std::string text = kQuotingPolicy;
  auto replace = [&](std::string_view from, std::string_view to) {
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("receiver \"{department}对口部门\"", "receiver \"对口部门\"");
  replace("delegate to \"{department}本级\"", "delegate to \"本级\"");
  return text;
}

TEST_CASE("decision memo: the same with evaluations kept, keys made of a kept prefix and the holes' values") {
  auto policy = load(kept_quoting_policy());
  std::string list = quoting_list(6000);
  Output full = full_csv(policy, list);
  for (std::string part : {"本级", "驳回", "拒 120", "拒 130", "n 为 50", "甲、乙，是", "依据《兴安盟条例》；地方性法规；1条", "默认：逗号,事项"}) {
    CAPTURE(part);
    CHECK(full.bytes.find(part) != std::string::npos);
  }
  for (std::size_t jobs : {1, 2}) {
    CAPTURE(jobs);
    CHECK(batch_csv(policy, list, false, jobs).bytes == full.bytes);
    Output counted = batch_csv(policy, list, true, jobs);
    CHECK(counted.bytes == full.bytes);
    CHECK(counted.summary == full.summary);
  }
  // The keys tell apart what the reasons quote, and nothing else.
  Table table = quoting_table({
      {{"序号", "1"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"}},
      {{"序号", "2"}, {"名称", "乙"}, {"部门", "旗局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"}},
      {{"序号", "3"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "8"}, {"f", "否"}},
      // the default quotes the name
      {{"序号", "4"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "乡"}, {"n", "8"}, {"f", "否"}},
      {{"序号", "5"}, {"名称", "乙"}, {"部门", "盟局"}, {"层级", "乡"}, {"n", "8"}, {"f", "否"}},
  });
  const std::vector<std::string> keys = KeysOf(policy, table).keys;
  for (const std::string& key : keys) CHECK(!key.empty());
  CHECK(keys[1] == keys[0]);
  CHECK(keys[2] != keys[0]);
  CHECK(keys[3] != keys[4]);
}

TEST_CASE("decision memo: the baseline policy over the sample list many times, as classified in full") {
  auto policy = load_baseline_policy().policy;
  REQUIRE(policy);
  std::string sample = slurp(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv");
  std::string body = sample.substr(sample.find('\n') + 1);
  std::string list = sample;
  for (int copy = 0; copy < 30; ++copy) list += body;
  Output full = full_csv(policy, list);
  for (std::size_t jobs : {1, 2}) {
    CHECK(batch_csv(policy, list, false, jobs).bytes == full.bytes);
    Output counted = batch_csv(policy, list, true, jobs);
    CHECK(counted.bytes == full.bytes);
    CHECK(counted.summary == full.summary);
  }
}

TEST_CASE("decision keys: equal for rows that differ only where no reason looks, apart where one does") {
  auto policy = load(kQuotingPolicy);
  Table table = quoting_table({
      {{"序号", "1"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"}},
      // id and name differ: d quotes neither
      {{"序号", "2"}, {"名称", "乙"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"}},
      // the receiver quotes the department
      {{"序号", "3"}, {"名称", "甲"}, {"部门", "旗局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"}},
      // the reason quotes n
      {{"序号", "4"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "8"}, {"f", "否"}},
      // a citation quotes the basis
      {{"序号", "5"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"},
       {"依据", "《某法》"}},
      // kept by k: the set and the flag are quoted, n is not
      {{"序号", "6"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "7"}, {"f", "是"},
       {"安全", "甲"}},
      {{"序号", "7"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "9"}, {"f", "是"},
       {"安全", "甲"}},
      {{"序号", "8"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "9"}, {"f", "是"},
       {"安全", "乙"}},
      // a conflict and an error have no key
      {{"序号", "9"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "乡"}, {"n", "110"}, {"f", "否"}},
      {{"序号", "10"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "x"}, {"f", "否"}},
  });
  KeysOf decided(policy, table);
  const std::vector<std::string>& keys = decided.keys;
  Classifier* classifier = decided.classifier.get();
  DecisionRecord& record = decided.record;
  CHECK(record.status == Status::error);
  CHECK(!keys[0].empty());
  CHECK(keys[1] == keys[0]);
  CHECK(keys[2] != keys[0]);
  CHECK(keys[3] != keys[0]);
  CHECK(keys[4] != keys[0]);
  CHECK(keys[5] != keys[0]);
  CHECK(keys[6] == keys[5]);
  CHECK(keys[7] != keys[5]);
  CHECK(keys[8].empty());
  CHECK(keys[9].empty());

  // With the trail, the rules behind the decision are in the key too: a
  // row k keeps (d defeated) and one it does not differ more than in n.
  classifier->set_trail(true);
  std::string with_trail(classifier->decide(table.rows[0], record));
  CHECK(!with_trail.empty());
  CHECK(with_trail != keys[0]);
  CHECK(std::string(classifier->decide(table.rows[1], record)) == with_trail);
  // With evidence on the record is always complete.
  classifier->set_evidence(true);
  CHECK(classifier->decide(table.rows[0], record).empty());
  CHECK(joined(record.rules) == "d");
}

TEST_CASE("decision memo: a kept value is found by its whole key, and a memo that rarely hits stops") {
  DecisionMemo<std::string> memo;
  CHECK(memo.find("a") == nullptr);
  memo.keep("a") = "A";
  REQUIRE(memo.find("a") != nullptr);
  CHECK(*memo.find("a") == "A");
  CHECK(memo.find("ab") == nullptr);
  // Many keys: a slot taken by another key is a miss, never its value.
  for (int i = 0; i < 5000; ++i) {
    std::string key = "key" + std::to_string(i);
    if (!memo.find(key)) memo.keep(key) = "value" + std::to_string(i);
  }
  for (int i = 0; i < 5000; ++i) {
    std::string key = "key" + std::to_string(i);
    if (const std::string* v = memo.find(key)) CHECK(*v == "value" + std::to_string(i));
  }
  CHECK(*memo.find("key4999") == "value4999");
  // The first 4,096 look-ups decide: a quarter of them hit, it goes on.
  DecisionMemo<std::string> rare;
  for (int i = 0; i < 4096; ++i) {
    CHECK(rare.worthwhile());
    std::string key = std::to_string(i);
    if (!rare.find(key)) rare.keep(key) = key;
  }
  CHECK(!rare.worthwhile());
  DecisionMemo<std::string> often;
  for (int i = 0; i < 4096; ++i) {
    std::string key = std::to_string(i % 100);
    if (!often.find(key)) often.keep(key) = key;
  }
  CHECK(often.worthwhile());
}

TEST_CASE("decision memo: a bucket keeps the two keys used last and replaces the older") {
  // One bucket of two slots: every key lands in it.
  DecisionMemo<std::string, 2> memo;
  memo.find("a");
  memo.keep("a") = "A";
  memo.find("b");
  memo.keep("b") = "B";
  REQUIRE(memo.find("a") != nullptr);  // a is now the one used last
  CHECK(*memo.find("a") == "A");
  CHECK(memo.find("c") == nullptr);
  memo.keep("c") = "C";  // over b, used less lately than a
  CHECK(memo.find("b") == nullptr);
  REQUIRE(memo.find("a") != nullptr);
  CHECK(*memo.find("a") == "A");
  REQUIRE(memo.find("c") != nullptr);
  CHECK(*memo.find("c") == "C");
  // A key longer than an entry holds in place, and the empty key.
  const std::string long_key(200, 'k');
  CHECK(memo.find(long_key) == nullptr);
  memo.keep(long_key) = "L";
  REQUIRE(memo.find(long_key) != nullptr);
  CHECK(*memo.find(long_key) == "L");
  CHECK(memo.find(std::string(199, 'k')) == nullptr);
  CHECK(memo.find("") == nullptr);
  memo.keep("") = "E";
  REQUIRE(memo.find("") != nullptr);
  CHECK(*memo.find("") == "E");
  CHECK(memo.find(long_key) != nullptr);
  // Keys of a few words differ anywhere: in the middle word, in the last byte.
  for (std::size_t size : {20, 47, 48, 49, 100, 112, 113}) {
    CAPTURE(size);
    DecisionMemo<std::string, 2> words;
    std::string key;
    for (std::size_t i = 0; i < size; ++i) key += static_cast<char>('0' + i % 64);
    words.find(key);
    words.keep(key) = "K";
    for (std::size_t at : {std::size_t{0}, std::size_t{9}, size / 2, size - 2, size - 1}) {
      std::string other = key;
      other[at] = '~';  // no byte of the key
      CHECK(words.find(other) == nullptr);
    }
    REQUIRE(words.find(key) != nullptr);
    CHECK(*words.find(key) == "K");
  }
  // Entries that hold 16 bytes of a key in place, the rest further on.
  for (std::size_t size : {15, 16, 17, 24, 40}) {
    CAPTURE(size);
    DecisionMemo<std::string, 4, 16> words;
    std::string key;
    for (std::size_t i = 0; i < size; ++i) key += static_cast<char>('A' + i % 26);
    words.find(key);
    words.keep(key) = "K";
    REQUIRE(words.find(key) != nullptr);
    CHECK(*words.find(key) == "K");
    CHECK(words.find(key.substr(0, size - 1)) == nullptr);
    CHECK(words.find(key + "A") == nullptr);
  }
}

TEST_CASE("classifier: without identity a record has no id, name, department or day — an error still names its item — and derive still gives them") {
  auto policy = load(kQuotingPolicy);
  Table table = quoting_table({{{"序号", "1"}, {"名称", "甲"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "7"}, {"f", "否"}},
                               {{"序号", "2"}, {"名称", "乙"}, {"部门", "盟局"}, {"层级", "县"}, {"n", "七"}, {"f", "否"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(policy, table, diags, kAsOf);
  REQUIRE(classifier);
  DecisionRecord full = classifier->classify(table.rows[0]);
  CHECK(full.name == "甲");
  CHECK(full.department == "盟局");
  CHECK(full.as_of == "2025-06-30");
  classifier->set_identity(false);
  DecisionRecord bare = classifier->classify(table.rows[0]);
  CHECK(bare.item.empty());
  CHECK(bare.name.empty());
  CHECK(bare.department.empty());
  CHECK(bare.as_of.empty());
  // The decision itself is the same.
  CHECK(bare.outcome == full.outcome);
  CHECK(bare.receiver == full.receiver);
  CHECK(bare.reasons == full.reasons);
  Derivation derived = classifier->derive(table.rows[0]);
  CHECK(derived.record.name == "甲");
  CHECK(derived.record.department == "盟局");
  CHECK(derived.record.as_of == "2025-06-30");
  // And the classifier goes on without them.
  CHECK(classifier->classify(table.rows[0]).name.empty());
  // A row in error names its item, and the next record, decided, does not.
  classifier->classify(table.rows[1], bare);
  CHECK(bare.status == Status::error);
  CHECK(bare.item == "2");
  CHECK(bare.name.empty());
  classifier->classify(table.rows[0], bare);
  CHECK(bare.status == Status::decided);
  CHECK(bare.item.empty());
}
