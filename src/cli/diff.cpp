// quanze diff: one list under an old and a new policy; the items whose
// decision changed, grouped by transition.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/policy_diff.hpp"

namespace quanze::cli {
namespace {

struct DiffOptions {
  std::vector<std::string> old_rules;
  std::vector<std::string> new_rules;
  InputOptions input;
  std::string format = "text";
  std::string as_of;
};

int run_diff(const DiffOptions& o) {
  Session old_side;
  if (!open_session(o.old_rules, o.input, old_side, o.as_of)) return kFailure;
  PolicyLoad load = o.new_rules.empty() ? load_baseline_policy() : load_policy(o.new_rules, policy_load_options());
  print_diagnostics(load.diagnostics);
  if (!load.policy) return kFailure;
  Diagnostics diags;
  std::unique_ptr<Classifier> new_side = Classifier::bind(load.policy, old_side.table, diags, old_side.as_of);
  print_diagnostics(diags);
  if (!new_side) return kFailure;
  PolicyDiff diff = diff_policies(*old_side.classifier, *new_side, old_side.table);
  Manifest before = session_manifest(old_side);
  Manifest after = make_manifest(*load.policy, &old_side.table, command_line());
  std::cout << (o.format == "json" ? policy_diff_json(diff, before, after) : policy_diff_text(diff, before, after));
  return kSuccess;
}

}  // namespace

Command add_diff(CLI::App& app) {
  auto o = std::make_shared<DiffOptions>();
  CLI::App* sub = app.add_subcommand(
      "diff", "Compare two policies on a list: the items whose decision changed, grouped by transition");
  sub->add_option("--old", o->old_rules, "The old policy's rule file (.qz); repeat for several. Without it: the baseline")
      ->type_name("FILE")
      ->allow_extra_args(false);
  sub->add_option("--new", o->new_rules, "The new policy's rule file (.qz); repeat for several. Without it: the baseline")
      ->type_name("FILE")
      ->allow_extra_args(false);
  add_input_options(*sub, o->input);
  sub->add_option("--as-of", o->as_of, kAsOfHelp)->type_name("DATE")->check(check_date);
  sub->add_option("-f,--format", o->format, "text (Chinese labels) or json")->check(CLI::IsMember({"text", "json"}));
  sub->footer("A decision is the status and, when decided, the outcome, mode and target. Items decided alike\n"
              "by other rules, or for another receiver, are counted apart.\n"
              "Exit codes: 0 compared (changes are results, not failures); 1 an error in the rules or the list;\n"
              "2 a wrong command line (or neither --old nor --new).");
  return {sub, [o, sub] {
            if (o->old_rules.empty() && o->new_rules.empty()) {
              std::cerr << "quanze diff: give --old or --new (the other side defaults to the baseline)\n"
                        << sub->help();
              return static_cast<int>(kUsage);
            }
            return run_diff(*o);
          }};
}

}  // namespace quanze::cli
