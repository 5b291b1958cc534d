// Throughput of the per-item path and of what surrounds it, on a list made
// by gen_items.py (the build generates it; see bench/CMakeLists.txt).
//   build/quanze_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <algorithm>

#include "eval/evaluator.hpp"
#include "eval/in_force.hpp"
#include "eval/packed_items.hpp"
#include "eval/row_decoder.hpp"
#include "quanze/engine.hpp"
#include "quanze/legal_basis.hpp"
#include "quanze/output.hpp"

namespace {

std::string read_bytes(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot open ") + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& list_bytes() {
  static const std::string bytes = read_bytes(QUANZE_BENCH_LIST);
  return bytes;
}

const quanze::Table& list() {
  static const quanze::Table table = [] {
    quanze::Table t;
    quanze::Diagnostics diags;
    if (!quanze::read_csv(list_bytes(), t, diags)) throw std::runtime_error("bench list unreadable");
    return t;
  }();
  return table;
}

std::shared_ptr<const quanze::Policy> baseline() {
  static const auto policy = quanze::load_baseline_policy().policy;
  return policy;
}

void BM_LoadBaselinePolicy(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(quanze::load_baseline_policy());
}
BENCHMARK(BM_LoadBaselinePolicy)->Unit(benchmark::kMicrosecond);

void BM_ReadCsv(benchmark::State& state) {
  const std::string& bytes = list_bytes();
  for (auto _ : state) {
    quanze::Table t;
    quanze::Diagnostics diags;
    benchmark::DoNotOptimize(quanze::read_csv(bytes, t, diags));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_ReadCsv)->Unit(benchmark::kMillisecond);

void BM_ParseLegalBasis(benchmark::State& state) {
  const quanze::Table& t = list();
  std::size_t column = 6;  // 设定依据
  quanze::LegalBasis basis;
  std::size_t rows = 0;
  for (auto _ : state) {
    for (const quanze::Row& row : t.rows) quanze::parse_legal_basis(row.cells[column], basis);
    rows += t.rows.size();
  }
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseLegalBasis)->Unit(benchmark::kMillisecond);

void BM_ClassifyRecords(benchmark::State& state) {
  const quanze::Table& t = list();
  quanze::Diagnostics diags;
  auto classifier = quanze::Classifier::bind(baseline(), t, diags);
  std::size_t rows = 0;
  for (auto _ : state) {
    for (const quanze::Row& row : t.rows) benchmark::DoNotOptimize(classifier->classify(row));
    rows += t.rows.size();
  }
  state.counters["items/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ClassifyRecords)->Unit(benchmark::kMillisecond);

/// The first `n` rows of the list, decoded for the baseline policy.
std::vector<quanze::ItemValues> decoded_items(std::size_t n) {
  const quanze::Table& t = list();
  const quanze::Program& program = baseline()->program();
  std::vector<std::size_t> columns;
  for (const quanze::FieldDef& f : program.fields)
    columns.push_back(static_cast<std::size_t>(std::find(t.headers.begin(), t.headers.end(), f.header) - t.headers.begin()));
  quanze::RowDecoder decoder(program, columns, t.headers);
  std::vector<quanze::ItemValues> items(std::min(n, t.rows.size()));
  std::vector<quanze::RowProblem> problems;
  for (std::size_t i = 0; i < items.size(); ++i) decoder.decode(t.rows[i], items[i], problems);
  return items;
}

/// The evaluator alone (DESIGN.md part 4, steps 1–5) on items decoded
/// beforehand: what "evaluation throughput" means, apart from reading
/// cells and building records.
void BM_EvaluateDecoded(benchmark::State& state) {
  const quanze::Program& program = baseline()->program();
  std::vector<quanze::ItemValues> items = decoded_items(list().rows.size());
  quanze::InForce in_force = quanze::InForce::on(program, quanze::Date::today());
  quanze::Evaluator evaluator(program, in_force);
  quanze::Evaluation evaluation;
  std::size_t rows = 0;
  for (auto _ : state) {
    for (const quanze::ItemValues& item : items) {
      evaluator.evaluate(item, evaluation);
      benchmark::DoNotOptimize(evaluation.status);
    }
    rows += items.size();
  }
  state.counters["items/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateDecoded)->Unit(benchmark::kMillisecond);

/// The same on 64 items over and over: the evaluator's own cost, with the
/// items in cache — the gap to BM_EvaluateDecoded is memory traffic.
void BM_EvaluateHot(benchmark::State& state) {
  const quanze::Program& program = baseline()->program();
  std::vector<quanze::ItemValues> items = decoded_items(64);
  quanze::InForce in_force = quanze::InForce::on(program, quanze::Date::today());
  quanze::Evaluator evaluator(program, in_force);
  quanze::Evaluation evaluation;
  std::size_t rows = 0;
  for (auto _ : state) {
    for (int round = 0; round < 1000; ++round)
      for (const quanze::ItemValues& item : items) {
        evaluator.evaluate(item, evaluation);
        benchmark::DoNotOptimize(evaluation.status);
      }
    rows += items.size() * 1000;
  }
  state.counters["items/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateHot)->Unit(benchmark::kMillisecond);

/// The evaluation target (issue 5): the baseline policy on 1,000,000 items
/// in memory, every one a row of its own from gen_items.py (none repeated),
/// decoded and packed beforehand (eval/packed_items.hpp). The packed items
/// copy the text they need, so the table is dropped once they are made.
const quanze::PackedItems& packed_million() {
  static const quanze::PackedItems items = [] {
    const quanze::Program& program = baseline()->program();
    quanze::Table t;
    quanze::Diagnostics diags;
    if (!quanze::read_csv(read_bytes(QUANZE_BENCH_EVAL_LIST), t, diags))
      throw std::runtime_error("bench list unreadable");
    std::vector<std::size_t> columns;
    for (const quanze::FieldDef& f : program.fields)
      columns.push_back(static_cast<std::size_t>(std::find(t.headers.begin(), t.headers.end(), f.header) - t.headers.begin()));
    quanze::RowDecoder decoder(program, columns, t.headers);
    quanze::PackedItems packed(program);
    packed.reserve(t.rows.size());
    quanze::ItemValues item;
    std::vector<quanze::RowProblem> problems;
    for (const quanze::Row& row : t.rows) {
      decoder.decode(row, item, problems);
      packed.add(item);
    }
    return packed;
  }();
  return items;
}

void BM_EvaluatePacked(benchmark::State& state) {
  const quanze::Program& program = baseline()->program();
  const quanze::PackedItems& items = packed_million();
  quanze::InForce in_force = quanze::InForce::on(program, quanze::Date::today());
  quanze::Evaluator evaluator(program, in_force);
  quanze::Evaluation evaluation;
  std::size_t rows = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      evaluator.evaluate(items[i], evaluation);
      benchmark::DoNotOptimize(evaluation.status);
    }
    rows += items.size();
  }
  state.counters["items"] = static_cast<double>(items.size());
  state.counters["row_bytes"] = static_cast<double>(items.row_bytes());
  state.counters["items/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluatePacked)->Unit(benchmark::kMillisecond);

/// Classify the list and write every record in `format`, as classify does.
void BM_ClassifyAndWrite(benchmark::State& state, quanze::OutputFormat format) {
  const quanze::Table& t = list();
  quanze::Diagnostics diags;
  auto classifier = quanze::Classifier::bind(baseline(), t, diags);
  std::size_t rows = 0;
  for (auto _ : state) {
    std::ostringstream out;
    auto writer = quanze::make_record_writer(format, out);
    writer->begin(t);
    for (const quanze::Row& row : t.rows) writer->write(row, classifier->classify(row));
    writer->end();
    rows += t.rows.size();
  }
  state.counters["items/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_ClassifyAndWrite, Jsonl, quanze::OutputFormat::jsonl)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ClassifyAndWrite, Csv, quanze::OutputFormat::csv)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
