// Writing decision records: JSON, JSON Lines and CSV, the summary counts,
// and output files that appear whole or not at all.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

enum class OutputFormat { csv, json, jsonl };

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
/// so Excel opens it as UTF-8).
std::unique_ptr<RecordWriter> make_record_writer(OutputFormat format, std::ostream& out);

/// Counts per status, per outcome (delegations per mode) and per department.
class Summary {
 public:
  void add(const DecisionRecord& record);
  std::uint64_t total() const { return total_; }
  std::uint64_t count(Status s) const;
  /// Human-readable, Chinese-labelled, deterministic (sorted) text.
  std::string render() const;

 private:
  std::uint64_t total_ = 0;
  std::map<std::string, std::uint64_t> by_key_;  // "status:decided", "outcome:delegate", …
  std::map<std::string, std::map<std::string, std::uint64_t>> by_department_;
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
  /// Flushes and renames into place; false with `error` on failure.
  bool commit(std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quanze
