// quanze tree: which rule overrides which, for an auditor meeting a policy.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/explain.hpp"

namespace quanze::cli {
namespace {

struct TreeOptions {
  std::vector<std::string> files;
  std::string format = "text";
};

int run_tree(const TreeOptions& o) {
  PolicyLoad load = o.files.empty() ? load_baseline_policy() : load_policy(o.files, policy_load_options());
  print_diagnostics(load.diagnostics);
  if (!load.policy) return kFailure;
  Manifest manifest = make_manifest(*load.policy, nullptr, command_line());
  std::cout << (o.format == "json" ? override_tree_json(*load.policy, &manifest) : override_tree_text(*load.policy));
  return kSuccess;
}

}  // namespace

Command add_tree(CLI::App& app) {
  auto o = std::make_shared<TreeOptions>();
  CLI::App* sub = app.add_subcommand("tree", "Print the policy's exception hierarchy: which rule overrides which");
  sub->add_option("files", o->files, "Rule files (.qz), read as one policy. Without them: the baseline")
      ->type_name("FILE.qz");
  sub->add_option("-f,--format", o->format, "text (a tree) or json (each rule's direct and transitive overrides)")
      ->check(CLI::IsMember({"text", "json"}));
  sub->footer("Exit codes: 0 printed; 1 the rule files have errors; 2 a wrong command line.");
  return {sub, [o] { return run_tree(*o); }};
}

}  // namespace quanze::cli
