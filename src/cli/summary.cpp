// quanze summary: the campaign's four results and each rule's coverage for
// a list, as text or JSON.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/output.hpp"
#include "quanze/report.hpp"

namespace quanze::cli {
namespace {

struct SummaryOptions {
  std::vector<std::string> rules;
  InputOptions input;
  std::string format = "text";
  std::string as_of;
};

int run_summary(const SummaryOptions& o) {
  Session session;
  if (!open_session(o.rules, o.input, session, o.as_of)) return kFailure;
  Summary summary;
  summary.set_rules(session.policy->rules());
  // The days saved are counted as on Attachment 3: kept items whose
  // promised time limit undercuts the statutory one.
  ReportBuilder time_limits(*session.policy, session.table, *session.classifier);
  for (const Row& row : session.table.rows) {
    DecisionRecord record = session.classifier->classify(row);
    summary.add(record);
    if (record.status == Status::decided && record.outcome == Outcome::keep)
      if (auto days = time_limits.compressed_days(row)) summary.add_compressed_days(record.department, *days);
  }
  Manifest manifest = session_manifest(session);
  std::cout << (o.format == "json" ? summary.to_json(&manifest) : summary.render());
  return kSuccess;
}

}  // namespace

Command add_summary(CLI::App& app) {
  auto o = std::make_shared<SummaryOptions>();
  CLI::App* sub = app.add_subcommand(
      "summary", "Count a list's results: per outcome and mode, per department, and per rule (coverage)");
  sub->add_option("-r,--rules", o->rules, "Rule file (.qz); repeat for several. Without it: the baseline")
      ->type_name("FILE");
  add_input_options(*sub, o->input);
  sub->add_option("--as-of", o->as_of, kAsOfHelp)->type_name("DATE")->check(check_date);
  sub->add_option("-f,--format", o->format, "text (Chinese labels) or json")->check(CLI::IsMember({"text", "json"}));
  sub->footer("Rules that never applied, and requirements that never fired, are flagged.\n"
              "Exit codes: 0 success; 1 an error in the rules or the list; 2 a wrong command line.");
  return {sub, [o] { return run_summary(*o); }};
}

}  // namespace quanze::cli
