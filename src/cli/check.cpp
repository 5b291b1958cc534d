// quanze check: static errors and warnings of rule files, for people or
// (with --format json) for editors.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/analysis.hpp"

namespace quanze::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
  bool analysis = true;
};

void print_json(const Diagnostics& diags) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags.items()) {
    out.push_back({{"code", d.code},
                   {"severity", d.severity == Severity::error ? "error" : "warning"},
                   {"file", d.file},
                   {"line", d.line},
                   {"column", d.column},
                   {"message", d.message}});
  }
  std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

void print_text(const PolicyLoad& load) {
  for (const Diagnostic& d : load.diagnostics.items()) std::cout << render(d);
  std::size_t errors = load.diagnostics.error_count();
  std::size_t warnings = load.diagnostics.items().size() - errors;
  if (errors > 0) {
    std::cout << fmt::format("{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
                             warnings == 1 ? "" : "s");
    return;
  }
  std::size_t requirements = 0;
  for (const RuleInfo& r : load.policy->rules()) requirements += r.requirement;
  std::size_t rules = load.policy->rules().size() - requirements;
  std::cout << fmt::format("ok: {} rule{}, {} requirement{}, {} field{}{}\n", rules, rules == 1 ? "" : "s",
                           requirements, requirements == 1 ? "" : "s", load.policy->fields().size(),
                           load.policy->fields().size() == 1 ? "" : "s",
                           warnings ? fmt::format(", {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
}

int run_check(const CheckOptions& o) {
  PolicyLoad load = load_policy(o.files, policy_load_options());
  // A policy without errors is searched for conflicts, gaps, dead rules…
  if (load.policy && o.analysis) load.diagnostics.append(analyze_policy(*load.policy));
  if (o.format == "json") print_json(load.diagnostics);
  else print_text(load);
  return load.policy ? kSuccess : kFailure;
}

}  // namespace

Command add_check(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand("check", "Check rule files: syntax, names, types, overrides, requirements");
  sub->add_option("files", o->files, "Rule files (.qz), read as one policy")->required()->type_name("FILE.qz");
  sub->add_option("-f,--format", o->format, "text (with source line and caret) or json")
      ->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("!--no-analysis", o->analysis,
                "Skip the search for possible conflicts, gaps, dead rules and unused declarations");
  sub->footer("json prints [{code, severity, file, line, column, message}]; columns count characters.\n"
              "Exit codes: 0 no errors (warnings allowed); 1 errors; 2 a wrong command line.");
  return {sub, [o] { return run_check(*o); }};
}

}  // namespace quanze::cli
