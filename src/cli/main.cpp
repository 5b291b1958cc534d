// quanze: classify power lists with a rule file, check rule files, explain
// one decision, write the attachment forms, test rules, compare policies.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/output.hpp"

int main(int argc, char** argv) {
  using namespace quanze::cli;
  set_command_line(argc, argv);
  // Before any output is opened: an interrupted run leaves no temporary
  // file, and a full disk or `ulimit -f` is an error message, not a kill.
  quanze::install_output_signal_handlers();
  CLI::App app{"Quanze 权责 — rules engine for government power lists (权责清单)", "quanze"};
  app.set_version_flag("--version", std::string("quanze ") + QUANZE_VERSION);
  app.require_subcommand(1, 1);
  // Options every command takes, before or after its name: a subcommand
  // passes what it does not know up to here.
  app.fallthrough();
  app.add_flag("--allow-imports-outside", policy_load_options().allow_imports_outside,
               "Let a rule file import files outside the folder of the rule file named on the command line "
               "(by .., an absolute path or a symbolic link); refused by default (QZ2011)");
  app.footer(
      "Exit codes: 0 success; 1 an error in the rules, the list or the output (nothing is written),\n"
      "or classify found items in error (written with status error);\n"
      "2 a wrong command line. Run `quanze COMMAND --help` for each command.");
  const Command commands[] = {add_classify(app), add_check(app),  add_explain(app), add_tree(app), add_summary(app),
                              add_report(app),   add_test(app),   add_diff(app),    add_fmt(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kSuccess : kUsage;
  }
  for (const Command& command : commands)
    if (command.app->parsed()) return command.run();
  return kUsage;
}
