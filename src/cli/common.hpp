// What the subcommands share: loading the policy, reading the list, and
// telling the user about problems. Exit codes are the CLI's contract.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/table.hpp"

namespace quanze::cli {

enum ExitCode : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

/// Prints each diagnostic, rendered with its caret, to stderr.
void print_diagnostics(const Diagnostics& diags);

/// The policy from `rules`, or the embedded baseline when empty. Prints
/// errors and warnings; null when there were errors.
std::shared_ptr<const Policy> load_rules(const std::vector<std::string>& rules);

/// Reads the list; `format` is "csv", "json", "jsonl" or empty (from the
/// file name). Prints errors; false when the list cannot be used.
bool load_list(const std::string& path, const std::string& format, Table& out);

/// Binds and prints the missing-header errors, if any.
std::unique_ptr<Classifier> bind_list(const std::shared_ptr<const Policy>& policy, const Table& table);

}  // namespace quanze::cli
