// quanze classify: every item of a list through the policy, decisions out.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

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
  std::string as_of;
  std::uint64_t max_errors = 0;  ///< 0: no limit
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
  std::uint64_t count() const { return count_; }

 private:
  static constexpr std::uint64_t kShown = 20;
  std::string list_;
  std::uint64_t count_ = 0;
};

int run_classify(const ClassifyOptions& o) {
  Session session;
  if (!open_session(o.rules, o.input, session, o.as_of)) return kFailure;
  const Table& table = session.table;
  AtomicOutput output(o.output);
  std::string error;
  if (!output.open(error)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  Manifest manifest = session_manifest(session);
  // A run that may stop part-way must not leave half its records on
  // standard output: they wait in memory until the run is through.
  std::ostringstream held;
  bool hold = o.max_errors > 0 && o.output == "-";
  auto writer = make_record_writer(output_format(o), hold ? held : output.stream(), &manifest);
  Summary summary;
  summary.set_rules(session.policy->rules());
  RowErrorReport row_errors(table.source);
  writer->begin(table);
  for (const Row& row : table.rows) {
    DecisionRecord record = session.classifier->classify(row);
    summary.add(record);
    row_errors.add(record);
    if (o.max_errors > 0 && row_errors.count() >= o.max_errors) {
      row_errors.finish();
      std::cerr << fmt::format("quanze: stopped at row {} after {} rows with errors (--max-errors {}); nothing "
                               "was written\n",
                               row.line, row_errors.count(), o.max_errors);
      return kFailure;  // the temporary output file is removed
    }
    writer->write(row, record);
  }
  writer->end();
  if (hold) output.stream() << std::move(held).str();
  if (!output.commit(error)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  row_errors.finish();
  if (!o.quiet) std::cerr << summary.render();
  // The output is whole, items in error included, but a batch run must
  // see that not every item could be classified.
  return row_errors.count() > 0 ? kFailure : kSuccess;
}

}  // namespace

Command add_classify(CLI::App& app) {
  auto o = std::make_shared<ClassifyOptions>();
  CLI::App* sub = app.add_subcommand("classify", "Classify every item of a list; decisions to stdout or -o FILE");
  sub->add_option("-r,--rules", o->rules,
                  "Rule file (.qz); repeat for several. Without it: the shipped baseline policy")
      ->type_name("FILE");
  add_input_options(*sub, o->input);
  sub->add_option("--as-of", o->as_of, kAsOfHelp)->type_name("DATE")->check(check_date);
  sub->add_option("-f,--format", o->format,
                  "csv, json or jsonl (default: from -o's name, else json)")
      ->check(CLI::IsMember({"csv", "json", "jsonl"}));
  sub->add_option("-o,--output", o->output, "Output file, written whole or not at all (default: stdout)")
      ->type_name("FILE");
  sub->add_flag("-q,--quiet", o->quiet, "Do not print the summary counts to stderr");
  sub->add_option("--max-errors", o->max_errors,
                  "Stop after N rows with errors (status error), exit 1 and write nothing; for lists "
                  "saved wrongly as a whole (default: no limit)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  sub->footer("CSV output keeps the input columns and adds 处理结果, 下放方式, 承接层级, 承接主体, 依据规则, "
              "理由, 引用依据.\n"
              "Exit codes: 0 every item classified (items in conflict, undecided or rejected are results,\n"
              "counted in the summary); 1 an item in error (a row or cell that could not be read, or an\n"
              "outcome that could not be computed: the output is still written, with those items as status\n"
              "error), --max-errors reached (nothing is written), or an error in the rules, the list or the\n"
              "output (nothing is written); 2 a wrong command line.");
  return {sub, [o] { return run_classify(*o); }};
}

}  // namespace quanze::cli
