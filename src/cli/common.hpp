// What the subcommands share: loading the policy, reading the list, and
// telling the user about problems. Exit codes are the CLI's contract.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"
#include "quanze/table.hpp"

namespace quanze::cli {

enum ExitCode : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

/// The arguments quanze was run with, for the reproducibility manifest.
void set_command_line(int argc, char** argv);
const std::vector<std::string>& command_line();

/// Prints each diagnostic, rendered with its caret, to stderr.
void print_diagnostics(const Diagnostics& diags);

/// A policy and a list, bound: what classify and explain both start from.
struct Session {
  std::shared_ptr<const Policy> policy;
  Table table;
  std::unique_ptr<Classifier> classifier;
};

/// Loads the policy from `rules` (the embedded baseline when empty), reads
/// the list (`input_format` "csv", "json", "jsonl" or empty: from the file
/// name) and binds them, printing every problem. False when any step failed.
bool open_session(const std::vector<std::string>& rules, const std::string& input,
                  const std::string& input_format, Session& out);

/// The manifest of a run over this session's policy and list.
Manifest session_manifest(const Session& session);

}  // namespace quanze::cli
