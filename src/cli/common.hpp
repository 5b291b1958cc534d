// What the subcommands share: loading the policy, reading the list, and
// telling the user about problems. Exit codes are the CLI's contract.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"
#include "quanze/table.hpp"

namespace CLI {
class App;
}

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

/// The list and how to read it, as -i, --input-format, --encoding and
/// --sheet give it.
struct InputOptions {
  std::string path;      ///< "-" for standard input
  std::string format;    ///< csv, tsv, json, jsonl, xlsx; empty: from the file name
  std::string encoding;  ///< utf-8, gb18030 (or gbk), utf-16; empty: detected
  std::string sheet;     ///< XLSX; empty: the first visible sheet
};

/// Adds -i/--input (required), --input-format, --encoding and --sheet to
/// `sub`.
void add_input_options(CLI::App& sub, InputOptions& input);

/// Loads the policy from `rules` (the embedded baseline when empty), reads
/// the list and binds them, printing every problem. False when any step
/// failed.
bool open_session(const std::vector<std::string>& rules, const InputOptions& input, Session& out);

/// The manifest of a run over this session's policy and list.
Manifest session_manifest(const Session& session);

}  // namespace quanze::cli
