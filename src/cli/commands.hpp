// The subcommands: each registers its options on the app and returns the
// function that runs it once the command line is parsed.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace quanze::cli {

/// A registered subcommand and what runs it (returning the exit code).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_classify(CLI::App& app);
Command add_check(CLI::App& app);
Command add_explain(CLI::App& app);
Command add_tree(CLI::App& app);
Command add_summary(CLI::App& app);
Command add_report(CLI::App& app);
Command add_test(CLI::App& app);
Command add_diff(CLI::App& app);
Command add_fmt(CLI::App& app);

}  // namespace quanze::cli
