// quanze classify: every item of a list through the policy, decisions out.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/output.hpp"

namespace quanze::cli {
namespace {

struct ClassifyOptions {
  std::vector<std::string> rules;
  InputOptions input;
  std::string format;
  std::string output = "-";
  bool quiet = false;
};

/// json unless the output file's name says otherwise.
OutputFormat output_format(const ClassifyOptions& o) {
  OutputFormat f = OutputFormat::json;
  if (!o.format.empty()) parse_output_format(o.format, f);
  else if (o.output.ends_with(".csv")) f = OutputFormat::csv;
  else if (o.output.ends_with(".jsonl") || o.output.ends_with(".ndjson")) f = OutputFormat::jsonl;
  return f;
}

/// Rows whose cells could not be read are results, but the user should
/// hear of the first few right away, with row and column.
class RowErrorReport {
 public:
  explicit RowErrorReport(std::string list) : list_(std::move(list)) {}
  void add(const DecisionRecord& r) {
    if (r.status != Status::error || r.problems.empty()) return;
    if (++count_ > kShown) return;
    const RowProblem& p = r.problems.front();
    std::cerr << fmt::format("{}:{}:{}: error[{}]: item {}: {}\n", list_, r.row, p.column, p.code, r.item,
                             p.message);
  }
  void finish() const {
    if (count_ > kShown) std::cerr << fmt::format("… and {} more rows with errors\n", count_ - kShown);
  }

 private:
  static constexpr std::uint64_t kShown = 20;
  std::string list_;
  std::uint64_t count_ = 0;
};

int run_classify(const ClassifyOptions& o) {
  Session session;
  if (!open_session(o.rules, o.input, session)) return kFailure;
  const Table& table = session.table;
  AtomicOutput output(o.output);
  std::string error;
  if (!output.open(error)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  Manifest manifest = session_manifest(session);
  auto writer = make_record_writer(output_format(o), output.stream(), &manifest);
  Summary summary;
  summary.set_rules(session.policy->rules());
  RowErrorReport row_errors(table.source);
  writer->begin(table);
  for (const Row& row : table.rows) {
    DecisionRecord record = session.classifier->classify(row);
    summary.add(record);
    row_errors.add(record);
    writer->write(row, record);
  }
  writer->end();
  if (!output.commit(error)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  row_errors.finish();
  if (!o.quiet) std::cerr << summary.render();
  return kSuccess;
}

}  // namespace

Command add_classify(CLI::App& app) {
  auto o = std::make_shared<ClassifyOptions>();
  CLI::App* sub = app.add_subcommand("classify", "Classify every item of a list; decisions to stdout or -o FILE");
  sub->add_option("-r,--rules", o->rules,
                  "Rule file (.qz); repeat for several. Without it: the shipped baseline policy")
      ->type_name("FILE");
  add_input_options(*sub, o->input);
  sub->add_option("-f,--format", o->format,
                  "csv, json or jsonl (default: from -o's name, else json)")
      ->check(CLI::IsMember({"csv", "json", "jsonl"}));
  sub->add_option("-o,--output", o->output, "Output file, written whole or not at all (default: stdout)")
      ->type_name("FILE");
  sub->add_flag("-q,--quiet", o->quiet, "Do not print the summary counts to stderr");
  sub->footer("CSV output keeps the input columns and adds 处理结果, 下放方式, 承接层级, 承接主体, 依据规则, "
              "理由, 引用依据.\nExit codes: 0 success (items in conflict or error are results, counted in "
              "the summary);\n1 an error in the rules, the list or the output; 2 a wrong command line.");
  return {sub, [o] { return run_classify(*o); }};
}

}  // namespace quanze::cli
