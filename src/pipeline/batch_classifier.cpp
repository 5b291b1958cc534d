// The ordered pipeline of classify: read on one thread, decide and format on
// N, deliver in input order.
#include "quanze/batch_classifier.hpp"

#include <memory>

#include "io/record_format.hpp"
#include "eval/decision_memo.hpp"
#include "pipeline/ordered_pipeline.hpp"

namespace quanze {
namespace {

/// A decision as CSV writes it, and its record when a summary counts it:
/// only then, as a record is some 600 bytes and a worker keeps a thousand
/// decisions, looked up row after row.
struct KeptDecision {
  std::string columns;
  std::unique_ptr<DecisionRecord> record;
};

/// Formats records on a worker, so that a batch's bytes do not depend on
/// where in the output it lands: CSV and JSON Lines rows are those of the
/// format's RecordWriter (record_format.hpp, which it calls per record); a
/// JSON array's records each after ",\n", the first comma of the whole
/// output dropped when it is delivered. Appended straight to the batch's
/// buffer: no stream per record.
class BatchFormatter {
 public:
  BatchFormatter(OutputFormat format, const Table& header) : format_(format), columns_(header.headers.size()) {}
  /// Classifies `row` into `record`, counts it into `summary` when given,
  /// and adds it to `out` — for CSV, with the decision's columns (and the
  /// record the summary counts) taken from `memo` when a row with the same
  /// decision came before.
  void classify_and_add(Classifier& classifier, const Row& row, DecisionRecord& record, Summary* summary,
                        DecisionMemo<KeptDecision>& memo, std::string& out) const {
    std::string_view key = classifier.decide(row, record);
    if (!key.empty() && format_ == OutputFormat::csv && memo.worthwhile()) {
      append_csv_cells(out, row, columns_);
      if (KeptDecision* kept = memo.find(key)) {
        out += kept->columns;
        if (summary) {
          // The kept record differs from this row's in what decide() writes;
          // of that a summary reads the department alone.
          kept->record->department = record.department;
          summary->add(*kept->record);
        }
        return;
      }
      classifier.describe_decision(record);
      if (summary) summary->add(record);
      const std::size_t from = out.size();
      append_csv_decision(out, record);
      KeptDecision& kept = memo.keep(key);
      kept.columns.assign(out, from);
      if (summary) {
        if (kept.record) *kept.record = record;
        else kept.record = std::make_unique<DecisionRecord>(record);
      }
      return;
    }
    if (!key.empty()) classifier.describe_decision(record);
    if (summary) summary->add(record);
    add(row, record, out);
  }

  void add(const Row& row, const DecisionRecord& record, std::string& out) const {
    switch (format_) {
      case OutputFormat::json:
        out += ",\n";
        append_json_record(out, record);
        return;
      case OutputFormat::jsonl:
        append_json_record(out, record);
        out += '\n';
        return;
      case OutputFormat::csv: append_csv_record(out, row, record, columns_); return;
    }
  }

 private:
  OutputFormat format_;
  std::size_t columns_;
};

/// What workers write row after row sits on cache lines of its own: two
/// workers writing neighbouring objects would pass one line back and
/// forth on every row (the first fields of one DecisionRecord share a line
/// with the last of the one before it in a vector).
constexpr std::size_t kCacheLine = 64;

/// One worker's record, reused row after row: its storage stays; and the
/// decisions it formatted before.
struct alignas(kCacheLine) WorkerRecord {
  DecisionRecord record;
  DecisionMemo<KeptDecision> memo;
};

/// One batch on its way: the rows read, then what a worker made of them.
struct alignas(kCacheLine) Batch {
  RowBatch rows;
  ClassifiedBatch out;
};

}  // namespace

bool classify_batches(const std::shared_ptr<const Policy>& policy, RowStream& stream, const Table& header,
                      const BatchOptions& options, const std::function<bool(ClassifiedBatch&)>& deliver,
                      Diagnostics& read_diags) {
  const std::size_t jobs = std::max<std::size_t>(options.jobs, 1);
  std::vector<std::unique_ptr<Classifier>> classifiers;
  std::vector<WorkerRecord> records(jobs);
  Diagnostics bind_diags;
  for (std::size_t w = 0; w < jobs; ++w) {
    classifiers.push_back(Classifier::bind(policy, header, bind_diags, options.as_of));
    if (!classifiers.back()) {
      read_diags.append(bind_diags);
      return false;
    }
    // What no one reads is not made: CSV has no column for the evidence,
    // nor for the defeated rules and sources, which a summary alone counts.
    classifiers.back()->set_evidence(options.format != OutputFormat::csv);
    classifiers.back()->set_trail(options.format != OutputFormat::csv || options.summary);
    classifiers.back()->set_identity(options.format != OutputFormat::csv || options.summary);
    // Records hold what the policy reads of an item, and its row's cells.
    classifiers.back()->set_unread_checked_only(true);
  }
  const BatchFormatter formatter(options.format, header);
  bool first_record = true;

  // Reading only cuts the input into records, since workers read in turn;
  // rows are made as the batch is classified, or reading would be work the
  // other workers wait on — each row just before it is classified, while
  // it is in cache.
  // One job parses each batch before it reads the next (run_ordered).
  stream.set_parsed_in_order(jobs == 1);
  auto read = [&](Batch& b) { return stream.next_unparsed(b.rows, read_diags); };
  auto work = [&](Batch& b, std::size_t w) {
    ClassifiedBatch& out = b.out;
    out.bytes.clear();
    out.errors.clear();
    if (options.summary) {
      if (out.summary.coverage().empty()) out.summary.set_rules(policy->rules());
      else out.summary.clear();
    }
    out.rows = 0;
    out.bytes_end = b.rows.bytes_end;
    DecisionRecord& record = records[w].record;
    stream.for_each_row(b.rows, [&](const Row& row) {
      ++out.rows;
      formatter.classify_and_add(*classifiers[w], row, record, options.summary ? &out.summary : nullptr,
                                 records[w].memo, out.bytes);
      // Read below: the status and problems of a row in error, which
      // decide() writes whatever the memo held.
      if (record.status == Status::error && !record.problems.empty()) {
        const RowProblem& p = record.problems.front();
        out.errors.push_back({record.row, p.column, p.code, record.item, p.message});
      }
    });
  };
  auto write = [&](Batch& b) {
    if (options.format == OutputFormat::json && first_record && !b.out.bytes.empty())
      b.out.bytes.erase(0, 1);  // no comma before the first record
    first_record = first_record && b.out.bytes.empty();
    return deliver(b.out);
  };
  return run_ordered<Batch>(jobs, read, work, write);
}

}  // namespace quanze
