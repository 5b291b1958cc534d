// quanze classify: every item of a list through the policy, decisions out.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "quanze/batch_classifier.hpp"
#include "quanze/manifest.hpp"
#include "quanze/output.hpp"

namespace quanze::cli {
namespace {

/// Input read per batch. Smaller than the readers' 1 MiB: at most jobs + 2
/// batches are in flight, each holding its rows and their formatted output
/// (about twice its input as CSV, three times as JSON Lines), and an
/// eighth of a megabyte is still six hundred rows, enough that handing
/// batches between threads costs nothing measurable. 128 KiB rather than
/// 256 since a list is read in place (stop 26): a batch and its output
/// stay in L2 — one job 0.273 -> 0.270 s, two 0.195 -> 0.190 s (best of
/// nine to eleven; 64 KiB alike, 32 KiB and 512 KiB to 2 MiB slower).
constexpr std::size_t kBatchBytes = std::size_t{128} << 10;

struct ClassifyOptions {
  std::vector<std::string> rules;
  InputOptions input;
  std::string format;
  std::string output = "-";
  bool quiet = false;
  bool no_bom = false;
  std::string as_of;
  std::uint64_t max_errors = 0;  ///< 0: no limit
  unsigned jobs = 0;             ///< 0: the machine's cores
  std::size_t chunk_bytes = kBatchBytes;  ///< tests make batches smaller
  std::uint64_t progress_after_ms = 1000;  ///< tests show the progress line at once
};

/// json unless the output file's name says otherwise.
OutputFormat output_format(const ClassifyOptions& o) {
  OutputFormat f = OutputFormat::json;
  if (!o.format.empty()) parse_output_format(o.format, f);
  else if (o.output.ends_with(".csv")) f = OutputFormat::csv;
  else if (o.output.ends_with(".jsonl") || o.output.ends_with(".ndjson")) f = OutputFormat::jsonl;
  return f;
}

/// Rows whose cells could not be read are results, but the user should
/// hear of the first few right away, with row and column.
class RowErrorReport {
 public:
  explicit RowErrorReport(std::string list) : list_(std::move(list)) {}
  void add(const RowErrorNote& n) {
    if (++count_ > kShown) return;
    std::cerr << fmt::format("{}:{}:{}: error[{}]: item {}: {}\n", list_, n.row, n.column, n.code, n.item, n.message);
  }
  void finish() const {
    if (count_ > kShown) std::cerr << fmt::format("… and {} more rows with errors\n", count_ - kShown);
  }
  std::uint64_t count() const { return count_; }

 private:
  static constexpr std::uint64_t kShown = 20;
  std::string list_;
  std::uint64_t count_ = 0;
};

int run_classify(const ClassifyOptions& o) {
  StreamSession session;
  const OutputFormat format = output_format(o);
  if (!open_stream_session(o.rules, o.input, session, o.as_of, o.chunk_bytes, format))
    return kFailure;
  AtomicOutput output(o.output);
  std::string error;
  if (!output.open(error)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  Manifest manifest = make_manifest(*session.policy, &session.header, command_line());
  manifest.as_of = session.as_of.to_string();
  // A run that may stop part-way must not leave half its records on
  // standard output: with --max-errors they wait in memory until the run
  // is through. Otherwise records stream out as they are decided.
  std::ostringstream held;
  bool hold = o.max_errors > 0 && o.output == "-";
  std::ostream& out = hold ? held : output.stream();
  auto writer = make_record_writer(format, out, &manifest, o.no_bom ? Bom::omit : Bom::write);
  writer->begin(session.header);

  BatchOptions batches;
  batches.format = format;
  batches.jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  batches.as_of = session.as_of;
  batches.summary = !o.quiet;

  Summary summary;
  summary.set_rules(session.policy->rules());
  RowErrorReport row_errors(session.header.source);
  Progress progress(!o.quiet && Progress::terminal(), session.stream->size(), o.progress_after_ms);
  std::uint64_t rows = 0, stopped_at = 0;
  bool any_record = false, stopped = false, write_failed = false;
  Diagnostics read_diags;

  auto deliver = [&](ClassifiedBatch& b) {
    if (!b.errors.empty()) progress.clear();
    for (const RowErrorNote& n : b.errors) {
      row_errors.add(n);
      if (o.max_errors > 0 && row_errors.count() >= o.max_errors) {
        stopped_at = n.row;
        return stopped = true, false;
      }
    }
    any_record = any_record || !b.bytes.empty();
    out.write(b.bytes.data(), static_cast<std::streamsize>(b.bytes.size()));
    if (!out) return write_failed = true, false;
    summary.merge(b.summary);
    rows += b.rows;
    progress.update(rows, b.bytes_end, row_errors.count());
    return true;
  };
  classify_batches(session.policy, *session.stream, session.header, batches, deliver, read_diags);
  progress.finish();
  print_diagnostics(read_diags);
  if (stopped) {
    row_errors.finish();
    std::cerr << fmt::format("quanze: stopped at row {} after {} rows with errors (--max-errors {}); nothing "
                             "was written\n",
                             stopped_at, row_errors.count(), o.max_errors);
    return kFailure;  // the temporary output file is removed
  }
  if (write_failed) {
    // The output knows why its writes failed (a full disk, a file size limit).
    if (output.finish(error)) error = "cannot write " + (o.output == "-" ? std::string("to standard output") : o.output);
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  if (session.stream->failed()) return kFailure;
  if (format == OutputFormat::json && any_record) out << '\n';
  writer->end();  // a JSON writer that wrote no record itself closes with "]"
  if (hold) output.stream() << std::move(held).str();
  if (!output.commit(error)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  row_errors.finish();
  if (!o.quiet) std::cerr << summary.render();
  // The output is whole, items in error included, but a batch run must
  // see that not every item could be classified.
  return row_errors.count() > 0 ? kFailure : kSuccess;
}

}  // namespace

Command add_classify(CLI::App& app) {
  auto o = std::make_shared<ClassifyOptions>();
  CLI::App* sub = app.add_subcommand("classify", "Classify every item of a list; decisions to stdout or -o FILE");
  sub->add_option("-r,--rules", o->rules,
                  "Rule file (.qz); repeat for several. Without it: the shipped baseline policy")
      ->type_name("FILE");
  add_input_options(*sub, o->input);
  sub->add_option("--as-of", o->as_of, kAsOfHelp)->type_name("DATE")->check(check_date);
  sub->add_option("-f,--format", o->format,
                  "csv, json or jsonl (default: from -o's name, else json)")
      ->check(CLI::IsMember({"csv", "json", "jsonl"}));
  sub->add_option("-o,--output", o->output, "Output file, written whole or not at all (default: stdout)")
      ->type_name("FILE");
  sub->add_flag("--no-bom", o->no_bom,
                "CSV output without the UTF-8 byte-order mark (Excel and WPS need it to read UTF-8; a loader or "
                "script reading the file next may not)");
  sub->add_flag("-q,--quiet", o->quiet,
                "Do not print the summary counts, nor the progress line a long run shows at a terminal, to stderr");
  sub->add_option("-j,--jobs", o->jobs,
                  "Classify on N threads; the output is byte for byte that of --jobs 1 (default: the machine's "
                  "cores)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  // For tests: input read per batch, so that a small list is many batches.
  sub->add_option("--chunk-bytes", o->chunk_bytes)->check(CLI::PositiveNumber)->group("");
  sub->add_option("--progress-after-ms", o->progress_after_ms)->group("");
  sub->add_option("--max-errors", o->max_errors,
                  "Stop after N rows with errors (status error), exit 1 and write nothing; for lists "
                  "saved wrongly as a whole. To standard output, the records are held in memory until the "
                  "run is through (default: no limit)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  sub->footer("CSV output keeps the input columns and adds 处理结果, 下放方式, 承接层级, 承接主体, 依据规则, "
              "理由, 引用依据.\n"
              "Exit codes: 0 every item classified (items in conflict, undecided or rejected are results,\n"
              "counted in the summary); 1 an item in error (a row or cell that could not be read, or an\n"
              "outcome that could not be computed: the output is still written, with those items as status\n"
              "error), --max-errors reached (nothing is written), or an error in the rules, the list or the\n"
              "output (nothing is written); 2 a wrong command line.");
  return {sub, [o] { return run_classify(*o); }};
}

}  // namespace quanze::cli
