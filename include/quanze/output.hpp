// Writing decision records: JSON, JSON Lines and CSV, the summary counts,
// and output files that appear whole or not at all.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quanze/engine.hpp"
#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

struct Manifest;

enum class OutputFormat { csv, json, jsonl };

/// Whether a CSV file starts with the UTF-8 byte-order mark, without which
/// Excel and WPS take UTF-8 for the local code page; a tool that reads the
/// file next (a database loader, a script) may want it omitted.
enum class Bom : bool { omit, write };

/// "csv", "json", "jsonl" → format; false for any other name.
bool parse_output_format(std::string_view name, OutputFormat& out);

/// One record as a JSON object with every key of DESIGN.md part 5, in the
/// order shown there (then "row", and "error"/"problems" for status error).
/// `indent` < 0 writes one line.
std::string record_to_json(const DecisionRecord& record, int indent = -1);

/// Streams records in one format. `begin` once, `write` per row in input
/// order, `end` once; nothing is buffered beyond what the format needs
/// (a JSON array is closed by `end`).
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  virtual void begin(const Table& input) = 0;
  virtual void write(const Row& row, const DecisionRecord& record) = 0;
  virtual void end() = 0;
};

/// CSV keeps the input columns and adds 处理结果, 下放方式, 承接层级, 承接主体,
/// 依据规则, 理由, 引用依据 (Chinese labels; RFC 4180 quoting; UTF-8 with BOM
/// so Excel opens it as UTF-8). With a manifest, JSON is an object
/// {"manifest", "records"} and JSON Lines starts with a {"manifest"} line;
/// CSV, read by spreadsheets, has none; it starts with a BOM unless `bom`
/// says to omit it.
std::unique_ptr<RecordWriter> make_record_writer(OutputFormat format, std::ostream& out,
                                                 const Manifest* manifest = nullptr, Bom bom = Bom::write);

/// How often one rule or requirement took part in decisions.
struct RuleCoverage {
  std::string rule;
  bool requirement = false;
  std::uint64_t applied = 0;    ///< its condition held (rules)
  std::uint64_t decided = 0;    ///< it decided the item (alone or with rules agreeing)
  std::uint64_t defeated = 0;   ///< it applied but an exception overrode it
  std::uint64_t outranked = 0;  ///< it was live but lost by precedence
  std::uint64_t conflict = 0;   ///< it was live in a conflict
  std::uint64_t checked = 0;    ///< requirements: checked against an outcome
  std::uint64_t fired = 0;      ///< requirements: did not hold, so the fallback applied
};

/// Counts per status, per outcome (delegations per mode) and per
/// department, the days by which promised time limits undercut statutory
/// ones, and, once told the policy's rules, each rule's coverage.
class Summary {
 public:
  /// The rules to count, in policy order; rules that never apply are listed
  /// too, which is the point.
  void set_rules(const std::vector<RuleInfo>& rules);
  void add(const DecisionRecord& record);
  /// Days a kept item's promised time limit undercuts its statutory one.
  void add_compressed_days(const std::string& department, double days);
  /// Adds another summary's counts, of the same policy's rules: a run in
  /// parallel counts each batch apart and merges them in input order, so
  /// that every sum is taken in the same order whatever the threads.
  void merge(const Summary& other);
  /// Every count back to zero, the rules kept: a summary reused batch after
  /// batch.
  void clear();

  std::uint64_t total() const { return total_; }
  std::uint64_t count(Status s) const;
  double compressed_days() const { return compressed_days_; }
  const std::vector<RuleCoverage>& coverage() const { return coverage_; }
  /// Human-readable, Chinese-labelled, deterministic (sorted) text.
  std::string render() const;
  /// The same counts as a JSON object (two-space indent), ending with the
  /// manifest when given.
  std::string to_json(const Manifest* manifest = nullptr) const;

 private:
  void set_rules_from(const Summary& other);
  void add_rules_by_id(const DecisionRecord& record);
  void add_rules_by_index(const DecisionRecord& record);
  /// Folds the counts `add` keeps in arrays into the maps below; every
  /// reader of the maps calls it first.
  void flush() const;
  /// `add` counts here, by key index (status, outcome, mode, "total"): an
  /// array slot per key and one hash look-up of the department per record,
  /// not a sorted map's string compares for every key.
  static constexpr std::size_t kKeys = 13;
  /// The hash of the department and rule look-ups `add` makes for every
  /// record. Not std::hash, which reads every byte: rule ids and department
  /// names are short and differ in their length or at their ends (兴安盟商务局,
  /// 兴安盟公安局), so the first and last eight bytes do. Nothing iterates
  /// these maps in an order that shows (the counts are summed).
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      std::uint64_t a = 0, b = 0;
      const std::size_t n = s.size();
      if (n >= 8) {
        std::memcpy(&a, s.data(), 8);
        std::memcpy(&b, s.data() + n - 8, 8);
      } else {
        for (char c : s) a = a << 8 | static_cast<unsigned char>(c);
      }
      std::uint64_t h = (a * 0x9E3779B97F4A7C15ULL ^ b) * 0xC2B2AE3D27D4EB4FULL ^ n;
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  mutable std::array<std::uint64_t, kKeys> pending_{};
  mutable std::unordered_map<std::string, std::array<std::uint64_t, kKeys>, IdHash, std::equal_to<>>
      pending_departments_;
  /// The entry `add` counted last (nodes of an unordered_map stay put); a
  /// copy of the summary starts without one, as it points into this map.
  struct LastDepartment {
    std::pair<const std::string, std::array<std::uint64_t, kKeys>>* entry = nullptr;
    LastDepartment() = default;
    LastDepartment(const LastDepartment&) {}
    LastDepartment& operator=(const LastDepartment&) { return entry = nullptr, *this; }
  };
  mutable LastDepartment last_department_;
  std::uint64_t total_ = 0;
  double compressed_days_ = 0;
  // mutable: flush() fills them from the arrays above.
  mutable std::map<std::string, std::uint64_t> by_key_;  // "status:decided", "outcome:delegate", …
  mutable std::map<std::string, std::map<std::string, std::uint64_t>> by_department_;
  std::map<std::string, double> compressed_by_department_;
  std::vector<RuleCoverage> coverage_;
  /// Looked up by string_view for the rules of a record that carries no
  /// positions of this list (see rule_list_).
  std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>> coverage_index_;
  /// rule_list_key of the rules counted: a record whose RuleIndexes carry
  /// this key is counted by position, with no look-up.
  std::uint64_t rule_list_ = 0;
  std::uint64_t by_default_ = 0;
};

/// An output file written to a temporary name beside it and renamed on
/// `commit`, so a failed run never leaves half a file. Path "-" is stdout.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string path);
  ~AtomicOutput();  ///< removes the temporary file unless committed
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  /// False (with `error` set) when the temporary file cannot be created.
  bool open(std::string& error);
  std::ostream& stream();
  /// For a writer that takes a file name rather than a stream
  /// (libxlsxwriter): creates the temporary file as `open` does but keeps no
  /// stream on it. Write the file at `temp_path()`, then `commit`. Not for
  /// stdout.
  bool open_named(std::string& error);
  const std::string& temp_path() const;
  /// Writes out and syncs the temporary file; false with `error` ("cannot
  /// write PATH: File too large") when any write to it failed. For
  /// several outputs that must all appear or none: finish each, then
  /// commit each. `commit` finishes first when this was not called.
  bool finish(std::string& error);
  /// Finishes and renames into place; false with `error` on failure.
  bool commit(std::string& error);

 private:
  bool create(std::string& error, bool keep_open);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// For a program's main: on SIGINT, SIGTERM, SIGHUP or SIGQUIT, removes the
/// temporary files of every AtomicOutput not yet committed, then dies of
/// the signal as it would have; on SIGBUS — a list read through a mapping
/// (StreamOptions::map_file) cut short meanwhile — says so on stderr
/// first; ignores SIGXFSZ, so that a file past `ulimit -f` makes its write
/// fail (and the output report it) rather than killing the process.
/// Signals the caller ignores or handles are left alone.
void install_output_signal_handlers();

}  // namespace quanze
