// Quanze's public face: load a policy, bind it to a list's headers,
// classify rows into decision records.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/date.hpp"
#include "quanze/derivation.hpp"
#include "quanze/diagnostics.hpp"
#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

class Program;  // the compiled policy; see src/eval/program.hpp

/// What a person needs to know about one rule or requirement of a policy.
struct RuleInfo {
  std::string id;
  std::string title;
  std::string file;
  std::uint32_t line = 0;
  bool exception = false;
  bool requirement = false;
  std::vector<std::string> overrides;  ///< direct `to` targets
  std::optional<Date> effective;       ///< first day in force, if limited
  std::optional<Date> until;           ///< last day in force, if limited
};

/// A fingerprint of a rule list: its ids in order and which are
/// requirements, never 0. Records carry it with their rules' positions
/// (RuleIndexes::list) and a summary counts them by position only when it
/// counts the list with the same key; 0 when positions must not be used
/// (an id reads "default", which a record's rules list also uses for a
/// decision by the default).
std::uint64_t rule_list_key(const std::vector<RuleInfo>& rules);

/// A checked, compiled policy. Immutable and shareable between threads.
class Policy {
 public:
  explicit Policy(std::shared_ptr<const Program> program);
  ~Policy();

  std::string_view name() const;     ///< `policy "…"`, or empty
  std::string_view version() const;
  std::string_view source() const;
  const std::vector<RuleInfo>& rules() const;  ///< rules then requirements, file order
  const RuleInfo* find_rule(std::string_view id) const;
  /// Schema fields: name and header.
  std::vector<std::pair<std::string, std::string>> fields() const;
  /// Every header the schema reads a column by, `from "A" | "B"` aliases
  /// included, in schema order.
  std::vector<std::string> headers() const;
  /// The same a field at a time: its header, then its aliases.
  std::vector<std::vector<std::string>> field_headers() const;
  const Program& program() const { return *program_; }

 private:
  std::shared_ptr<const Program> program_;
  std::vector<RuleInfo> rules_;
};

struct PolicyLoad {
  std::shared_ptr<const Policy> policy;  ///< null when there were errors
  Diagnostics diagnostics;               ///< errors and warnings, in order
};

/// What a policy's files may be. Each limit keeps a hostile or broken
/// policy from exhausting memory or time; a policy past one is an error
/// with its own code (docs/errors.md), never a crash. Real policies are far
/// inside them: the baseline is 30 KiB, 60 rules, no imports.
struct LoadOptions {
  /// An import may name a file outside the folder of the root file that
  /// leads to it (after `..` and symbolic links are resolved) only when
  /// set: `quanze --allow-imports-outside`. Else QZ2011.
  bool allow_imports_outside = false;
  std::uint64_t max_file_bytes = std::uint64_t{16} << 20;   ///< one rule file (QZ1010)
  std::uint64_t max_total_bytes = std::uint64_t{64} << 20;  ///< all of a policy's files (QZ1010)
  std::size_t max_rules = 100'000;      ///< rules and requirements together (QZ4007)
  std::size_t max_import_depth = 32;    ///< files open one inside another (QZ2012)
  std::size_t max_files = 1'000;        ///< files in one policy, roots included (QZ2012)
};

/// Reads, parses, checks and compiles rule files (and what they import).
/// Several files form one policy, as if concatenated.
PolicyLoad load_policy(const std::vector<std::string>& paths, const LoadOptions& options = {});

/// Same, from text in memory; `path` names it in messages and anchors
/// relative imports.
PolicyLoad load_policy_text(const std::string& path, const std::string& text, const LoadOptions& options = {});

/// The shipped baseline policy (rules/liangyou.qz), embedded in the binary.
std::string_view baseline_policy_text();
std::string_view baseline_policy_path();  ///< "rules/liangyou.qz"
PolicyLoad load_baseline_policy();

/// A policy bound to one list's headers: fields resolved to column indexes.
/// Holds per-thread scratch state: use one Classifier per thread.
class Classifier {
 public:
  /// Fails (returns null) when a header the schema needs is missing; the
  /// error lists the headers present. Decides as the policy stood on
  /// `as_of`: rules and requirements out of force that day are absent.
  static std::unique_ptr<Classifier> bind(std::shared_ptr<const Policy> policy, const Table& table,
                                          Diagnostics& diags, Date as_of);
  /// The same, as of today by the machine's clock.
  static std::unique_ptr<Classifier> bind(std::shared_ptr<const Policy> policy,
                                          const Table& table, Diagnostics& diags);
  ~Classifier();

  /// The full decision record for one row.
  DecisionRecord classify(const Row& row);
  /// The same into `record`, whatever it held before: a caller classifying
  /// row after row reuses one record's strings and vectors.
  void classify(const Row& row, DecisionRecord& record);
  /// classify() in two steps, for a writer that keeps what it made of each
  /// decision: a list holds few distinct decisions, row after row. decide()
  /// reads and evaluates the row and writes the record's row, status, and
  /// item, name, department and as_of (as set_identity says). When
  /// evidence is off and the row is decided, undecided or rejected, it
  /// returns a key and leaves the rest of the record as it was:
  /// describe_decision() writes it, and rows with equal keys get equal
  /// records from it (but for the fields above). Else the key is empty and
  /// the record complete, as classify() makes it. The key is valid until
  /// the next call.
  std::string_view decide(const Row& row, DecisionRecord& record);
  /// The rest of the record of the row decide() last returned a key for.
  void describe_decision(DecisionRecord& record);
  /// Whether records carry `evidence` (the cells their rules read; on by
  /// default). A caller that writes none — CSV has no column for it —
  /// turns it off and saves describing every cell read, and listing a
  /// legal basis's citations when no condition reads their titles (its
  /// highest level and count are all that is kept).
  void set_evidence(bool on);
  /// Whether records carry the trail behind the deciding rules (on by
  /// default): the defeated and outranked rules, every rule's source line,
  /// and the rule positions a Summary counts by. A caller that writes
  /// neither (CSV has no column for them) nor counts a Summary turns it
  /// off.
  void set_trail(bool on);
  /// Whether records carry the item's id, name and department and the day
  /// decided on (on by default; off, a record carries its item's id only
  /// when the row is in error, for the error's message). CSV writes the
  /// row's own cells instead, and only a Summary counts by department: a
  /// caller that writes CSV and counts no Summary turns it off and copies
  /// four strings fewer a row.
  void set_identity(bool on);
  /// Off by default. On, the cells of fields that no rule reads (by a
  /// condition, a string or `next`) are only checked — a cell that is not a
  /// value of its field still makes its row an error — not decoded: for a
  /// caller that writes only what classify() makes. derive() decodes every
  /// field whatever this says.
  void set_unread_checked_only(bool on);

  /// The record and everything behind it, for explanations. Slower than
  /// `classify`; decides exactly the same. The record is the full one
  /// whatever set_evidence, set_trail and set_identity say.
  Derivation derive(const Row& row);

  /// Column index of a schema field in the bound table, if bound.
  std::optional<std::size_t> column_of(std::string_view field) const;

  struct Impl;

 private:
  explicit Classifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace quanze
