// Streaming writers for decision records: JSON array, JSON Lines, CSV.
#include <memory>

#include "quanze/manifest.hpp"
#include "io/csv_cell.hpp"
#include "quanze/output.hpp"

namespace quanze {
namespace {

/// With a manifest: {"manifest": {…}, "records": [ … ]}; without: the array.
class JsonArrayWriter : public RecordWriter {
 public:
  JsonArrayWriter(std::ostream& out, const Manifest* manifest) : out_(out), manifest_(manifest) {}
  void begin(const Table&) override {
    if (manifest_) out_ << "{\"manifest\": " << manifest_to_json(*manifest_) << ",\n\"records\": ";
    out_ << '[';
  }
  void write(const Row&, const DecisionRecord& record) override {
    out_ << (first_ ? "\n" : ",\n") << record_to_json(record);
    first_ = false;
  }
  void end() override { out_ << (first_ ? "]" : "\n]") << (manifest_ ? "}\n" : "\n"); }

 private:
  std::ostream& out_;
  const Manifest* manifest_;
  bool first_ = true;
};

/// With a manifest, the first line is {"manifest": {…}}; a record per line follows.
class JsonLinesWriter : public RecordWriter {
 public:
  JsonLinesWriter(std::ostream& out, const Manifest* manifest) : out_(out), manifest_(manifest) {}
  void begin(const Table&) override {
    if (manifest_) out_ << "{\"manifest\": " << manifest_to_json(*manifest_) << "}\n";
  }
  void write(const Row&, const DecisionRecord& record) override { out_ << record_to_json(record) << '\n'; }
  void end() override {}

 private:
  std::ostream& out_;
  const Manifest* manifest_;
};

void write_cell(std::ostream& out, std::string_view cell) { write_csv_cell(out, cell); }

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

/// 处理结果: the outcome when decided, else the status (with the error).
std::string result_cell(const DecisionRecord& r) {
  if (r.status == Status::decided && r.outcome) return std::string(outcome_label(*r.outcome));
  std::string out(status_label(r.status));
  if (r.status == Status::error && !r.error.empty()) out += "：" + r.error;
  return out;
}

class CsvWriter : public RecordWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}

  void begin(const Table& input) override {
    columns_ = input.headers.size();
    out_ << "\xEF\xBB\xBF";  // Excel and WPS read UTF-8 CSV correctly only with a BOM
    for (const std::string& h : input.headers) {
      write_cell(out_, h);
      out_ << ',';
    }
    out_ << "处理结果,下放方式,承接层级,承接主体,依据规则,理由,引用依据\n";
  }

  void write(const Row& row, const DecisionRecord& r) override {
    for (std::size_t c = 0; c < columns_; ++c) {
      if (c < row.cells.size()) write_cell(out_, row.cells[c]);
      out_ << ',';
    }
    bool decided = r.status == Status::decided;
    write_cell(out_, result_cell(r));
    out_ << ',' << (decided && r.mode ? mode_label(*r.mode) : "") << ',';
    write_cell(out_, decided ? r.target.value_or("") : "");
    out_ << ',';
    write_cell(out_, decided ? r.receiver.value_or("") : "");
    out_ << ',';
    write_cell(out_, joined(r.rules, "、"));
    out_ << ',';
    write_cell(out_, joined(r.reasons, "；"));
    out_ << ',';
    write_cell(out_, joined(r.citations, "；"));
    out_ << '\n';
  }

  void end() override {}

 private:
  std::ostream& out_;
  std::size_t columns_ = 0;
};

}  // namespace

bool parse_output_format(std::string_view name, OutputFormat& out) {
  if (name == "csv") return out = OutputFormat::csv, true;
  if (name == "json") return out = OutputFormat::json, true;
  if (name == "jsonl") return out = OutputFormat::jsonl, true;
  return false;
}

std::unique_ptr<RecordWriter> make_record_writer(OutputFormat format, std::ostream& out, const Manifest* manifest) {
  switch (format) {
    case OutputFormat::json: return std::make_unique<JsonArrayWriter>(out, manifest);
    case OutputFormat::jsonl: return std::make_unique<JsonLinesWriter>(out, manifest);
    case OutputFormat::csv: break;
  }
  return std::make_unique<CsvWriter>(out);
}

}  // namespace quanze
