// Small helpers shared by the tests: build a list in memory, run a policy
// over it, summarize diagnostics as comparable strings, run the binary.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "quanze/engine.hpp"

namespace quanze::testing {

/// A fresh directory of its own (mkdtemp), removed with everything in it.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "quanze-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
  /// Writes `text` to `name` (creating folders) and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::path p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// What one run of the binary did.
struct Run {
  int code = -1;
  std::string out, err;
};

/// Runs a shell command line in `cwd`, its output captured.
inline Run run_shell(const std::string& command, const std::string& cwd = QUANZE_SOURCE_DIR) {
  TempDir io;
  std::string line = "cd '" + cwd + "' && (" + command + ") >'" + io.file("out") + "' 2>'" + io.file("err") + "'";
  int status = std::system(line.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(io.file("out"));
  r.err = slurp(io.file("err"));
  return r;
}

/// Runs `quanze ARGS` from the source directory, as the README does, or
/// from `cwd`.
inline Run run_quanze(const std::string& args, const std::string& cwd = QUANZE_SOURCE_DIR) {
  return run_shell("'" + std::string(QUANZE_BINARY) + "' " + args + " </dev/null", cwd);
}

/// A table whose rows are given as header -> cell; absent headers are empty.
inline Table make_table(const std::vector<std::string>& headers,
                        const std::vector<std::map<std::string, std::string>>& rows) {
  Table t;
  t.source = "list.csv";
  t.headers = headers;
  std::uint64_t line = 2;
  for (const auto& cells : rows) {
    Row row;
    row.line = line++;
    for (const std::string& h : headers) {
      auto it = cells.find(h);
      row.cells.push_back(it == cells.end() ? "" : it->second);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

/// "QZ3001 4:17 message" for each diagnostic, in order.
inline std::vector<std::string> summarize(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.items())
    out.push_back(d.code + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message);
  return out;
}

/// Loads `policy` (must succeed) and classifies every row of `table`.
inline std::vector<DecisionRecord> classify(const std::string& policy, const Table& table) {
  PolicyLoad load = load_policy_text("test.qz", policy);
  if (!load.policy) throw std::runtime_error("policy failed to load: " + (load.diagnostics.items().empty() ? std::string("?") : load.diagnostics.items().front().message));
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  if (!classifier) throw std::runtime_error("bind failed");
  std::vector<DecisionRecord> out;
  for (const Row& row : table.rows) out.push_back(classifier->classify(row));
  return out;
}

/// Strings or a row's cells, joined.
template <class Strings>
std::string joined(const Strings& items, const char* sep = "+") {
  std::string out;
  for (std::string_view s : items) {
    out += out.empty() ? "" : sep;
    out += s;
  }
  return out;
}

/// The shipped sample list bound to the embedded baseline policy: what the
/// derivation and what-if tests work on.
struct SampleList {
  std::shared_ptr<const Policy> policy;
  Table table;
  std::unique_ptr<Classifier> classifier;

  SampleList() {
    PolicyLoad load = load_baseline_policy();
    if (!load.policy) throw std::runtime_error("the baseline policy does not load");
    policy = load.policy;
    Diagnostics diags;
    if (!read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, table, diags))
      throw std::runtime_error("the sample list does not read");
    table.source = "tests/data/sample-league.csv";
    classifier = Classifier::bind(policy, table, diags);
    if (!classifier) throw std::runtime_error("the sample list does not bind");
  }

  /// The row whose first cell (序号) is `id`.
  Row& row(const std::string& id) {
    for (Row& r : table.rows)
      if (!r.cells.empty() && r.cells[0] == id) return r;
    throw std::runtime_error("no row " + id);
  }
};

}  // namespace quanze::testing
