// What an auditor needs to re-run a result and get identical bytes: the
// engine's version, a SHA-256 of every rule file and of the input, and the
// command line. No clock and no host name: a re-run must reproduce it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/table.hpp"

namespace quanze {

struct FileDigest {
  std::string file;
  std::string sha256;  ///< lowercase hex
};

struct Manifest {
  std::string engine;                ///< "quanze 0.1.0"
  std::vector<std::string> command;  ///< the arguments, the program named "quanze"
  std::string policy;                ///< the policy's name, and its version
  std::string policy_version;
  std::vector<FileDigest> rules;     ///< every rule file read, imports included
  FileDigest input;                  ///< empty sha256 when no list was read
  /// The day the policy was applied as of (YYYY-MM-DD); empty when nothing
  /// was decided. A re-run passes it as --as-of to decide the same.
  std::string as_of;
};

/// SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

/// The same, over bytes that arrive in pieces (a list read as a stream).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void add(std::string_view bytes);
  /// Lowercase hex of everything added; call once.
  std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

/// The engine's version, e.g. "0.1.0".
std::string_view engine_version();

/// `table` may be null for commands that read no list.
Manifest make_manifest(const Policy& policy, const Table* table, std::vector<std::string> command);

/// {"engine", "command", "policy", "policy_version", "rules": [{file, sha256}], "input": {file, sha256},
///  "as_of": "YYYY-MM-DD" or null}
std::string manifest_to_json(const Manifest& manifest, int indent = -1);

}  // namespace quanze
