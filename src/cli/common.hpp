// What the subcommands share: loading the policy, reading the list, and
// telling the user about problems. Exit codes are the CLI's contract.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"
#include "quanze/output.hpp"
#include "quanze/row_stream.hpp"
#include "quanze/table.hpp"

namespace CLI {
class App;
}

namespace quanze::cli {

enum ExitCode : int { kSuccess = 0, kFailure = 1, kUsage = 2 };

/// The arguments quanze was run with, for the reproducibility manifest.
void set_command_line(int argc, char** argv);
const std::vector<std::string>& command_line();

/// How every command loads rule files: the top-level options
/// (--allow-imports-outside) set it before the command runs.
LoadOptions& policy_load_options();

/// Prints each diagnostic, rendered with its caret, to stderr.
void print_diagnostics(const Diagnostics& diags);

/// A policy and a list, bound: what classify and explain both start from.
struct Session {
  std::shared_ptr<const Policy> policy;
  Table table;
  std::unique_ptr<Classifier> classifier;
  Date as_of;  ///< the day the policy is applied as of
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
/// the list and binds them as of `as_of` (YYYY-MM-DD; empty: today),
/// printing every problem. False when any step failed.
bool open_session(const std::vector<std::string>& rules, const InputOptions& input, Session& out,
                  const std::string& as_of = "");

/// A policy and a list opened for streaming: what classify runs on. The
/// table holds the list's name, SHA-256 and headers, no rows: classifiers
/// bind to it and the manifest names it.
struct StreamSession {
  std::shared_ptr<const Policy> policy;
  std::unique_ptr<RowStream> stream;
  Table header;
  Date as_of;
};

/// Loads the policy, opens the list for output in `format` and checks that
/// the schema binds to its headers, printing every problem. False when any
/// step failed. JSON output carries a manifest, so a regular file is hashed
/// first; CSV has no place for one, so the input is not hashed at all, and
/// its rows keep their records to be echoed (Row::record).
bool open_stream_session(const std::vector<std::string>& rules, const InputOptions& input, StreamSession& out,
                         const std::string& as_of, std::size_t chunk_bytes, OutputFormat format);

/// For --as-of's check: empty when `text` is a day written YYYY-MM-DD,
/// else what is wrong.
std::string check_date(const std::string& text);
inline constexpr const char* kAsOfHelp =
    "Apply the policy as it stood on this day, YYYY-MM-DD: rules out of their effective/until "
    "window are absent (default: today)";

/// The manifest of a run over this session's policy and list.
Manifest session_manifest(const Session& session);

}  // namespace quanze::cli
