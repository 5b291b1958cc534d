// Streaming writers for decision records: JSON array, JSON Lines, CSV.
#include <memory>

#include "quanze/manifest.hpp"
#include "io/csv_cell.hpp"
#include "io/record_format.hpp"
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
    line_.assign(first_ ? "\n" : ",\n");
    append_json_record(line_, record);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    first_ = false;
  }
  void end() override { out_ << (first_ ? "]" : "\n]") << (manifest_ ? "}\n" : "\n"); }

 private:
  std::ostream& out_;
  const Manifest* manifest_;
  bool first_ = true;
  std::string line_;  // reused: a record is formatted without allocating
};

/// With a manifest, the first line is {"manifest": {…}}; a record per line follows.
class JsonLinesWriter : public RecordWriter {
 public:
  JsonLinesWriter(std::ostream& out, const Manifest* manifest) : out_(out), manifest_(manifest) {}
  void begin(const Table&) override {
    if (manifest_) out_ << "{\"manifest\": " << manifest_to_json(*manifest_) << "}\n";
  }
  void write(const Row&, const DecisionRecord& record) override {
    line_.clear();
    append_json_record(line_, record);
    line_ += '\n';
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }
  void end() override {}

 private:
  std::ostream& out_;
  const Manifest* manifest_;
  std::string line_;
};

void write_cell(std::ostream& out, std::string_view cell) { write_csv_cell(out, cell); }

class CsvWriter : public RecordWriter {
 public:
  CsvWriter(std::ostream& out, Bom bom) : out_(out), bom_(bom) {}

  void begin(const Table& input) override {
    columns_ = input.headers.size();
    if (bom_ == Bom::write) out_ << "\xEF\xBB\xBF";
    for (const std::string& h : input.headers) {
      write_cell(out_, h);
      out_ << ',';
    }
    out_ << "处理结果,下放方式,承接层级,承接主体,依据规则,理由,引用依据\n";
  }

  void write(const Row& row, const DecisionRecord& r) override {
    line_.clear();
    append_csv_record(line_, row, r, columns_);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

  void end() override {}

 private:
  std::ostream& out_;
  Bom bom_;
  std::size_t columns_ = 0;
  std::string line_;
};

}  // namespace

bool parse_output_format(std::string_view name, OutputFormat& out) {
  if (name == "csv") return out = OutputFormat::csv, true;
  if (name == "json") return out = OutputFormat::json, true;
  if (name == "jsonl") return out = OutputFormat::jsonl, true;
  return false;
}

std::unique_ptr<RecordWriter> make_record_writer(OutputFormat format, std::ostream& out, const Manifest* manifest,
                                                 Bom bom) {
  switch (format) {
    case OutputFormat::json: return std::make_unique<JsonArrayWriter>(out, manifest);
    case OutputFormat::jsonl: return std::make_unique<JsonLinesWriter>(out, manifest);
    case OutputFormat::csv: break;
  }
  return std::make_unique<CsvWriter>(out, bom);
}

}  // namespace quanze
