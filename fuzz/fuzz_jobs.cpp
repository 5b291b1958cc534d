// Differential: a CSV list classified on one thread in one batch, on three
// threads in batches of a few dozen bytes, and on one thread in such
// batches (read without cutting), must give the same bytes,
// the same summary and the same row errors. The output format and the
// batch size follow from the input's length, so the corpus covers all.
// CSV output, where workers reuse the decisions they formatted before
// (DecisionMemo), must also be that of every row classified in full and
// formatted alone, counted or not by a summary.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/record_format.hpp"
#include "quanze/batch_classifier.hpp"

namespace {

struct Run {
  std::string bytes, summary, errors;
  bool completed = false;
};

const std::shared_ptr<const quanze::Policy>& baseline() {
  static const auto policy = quanze::load_baseline_policy().policy;
  return policy;
}

quanze::TextOptions text_options(std::string_view text) {
  quanze::TextOptions options;
  options.sniff = true;
  if ((text.size() / 3) % 2 == 1) options.schema_headers = baseline()->headers();  // a title may stand above the header
  return options;
}

const quanze::Date kAsOf = *quanze::Date::parse("2026-01-01");

Run classify(std::string_view text, std::size_t chunk_bytes, std::size_t jobs, quanze::OutputFormat format,
             bool count = true) {
  const auto& policy = baseline();
  Run run;
  quanze::Diagnostics diags;
  auto stream = quanze::RowStream::open_text(text, "fuzz.csv", text_options(text), diags, chunk_bytes);
  if (!stream) return run;
  quanze::Table header;
  header.source = stream->source();
  header.headers = stream->headers();
  quanze::BatchOptions batches;
  batches.format = format;
  batches.jobs = jobs;
  batches.as_of = kAsOf;
  batches.summary = count;
  quanze::Summary summary;
  summary.set_rules(policy->rules());
  auto deliver = [&](quanze::ClassifiedBatch& b) {
    run.bytes += b.bytes;
    summary.merge(b.summary);
    for (const quanze::RowErrorNote& n : b.errors)
      run.errors += std::to_string(n.row) + ":" + std::to_string(n.column) + ":" + n.code + ":" + n.item + ":" +
                    n.message + "\n";
    return true;
  };
  run.completed = quanze::classify_batches(policy, *stream, header, batches, deliver, diags);
  run.summary = summary.to_json();
  for (const quanze::Diagnostic& d : diags.items()) run.errors += d.message + "\n";
  return run;
}

/// CSV bytes and summary of every row classified in full, one at a time.
Run classify_each(std::string_view text) {
  const auto& policy = baseline();
  Run run;
  quanze::Diagnostics diags;
  auto stream = quanze::RowStream::open_text(text, "fuzz.csv", text_options(text), diags);
  if (!stream) return run;
  quanze::Table header;
  header.source = stream->source();
  header.headers = stream->headers();
  auto classifier = quanze::Classifier::bind(policy, header, diags, kAsOf);
  if (!classifier) return run;
  quanze::Summary summary;
  summary.set_rules(policy->rules());
  quanze::RowBatch batch;
  while (stream->next(batch, diags))
    for (const quanze::Row& row : batch) {
      quanze::DecisionRecord record = classifier->classify(row);
      quanze::append_csv_record(run.bytes, row, record, header.headers.size());
      summary.add(record);
    }
  run.completed = !stream->failed();
  run.summary = summary.to_json();
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const quanze::OutputFormat formats[] = {quanze::OutputFormat::csv, quanze::OutputFormat::jsonl,
                                          quanze::OutputFormat::json};
  quanze::OutputFormat format = formats[size % 3];
  Run whole = classify(text, std::size_t{1} << 20, 1, format);
  Run parallel = classify(text, 16 + size % 61, 3, format);
  // One job in small batches reads without cutting (RowStream::set_parsed_in_order).
  Run serial = classify(text, 16 + size % 61, 1, format);
  for (const Run* run : {&parallel, &serial})
    if (whole.bytes != run->bytes || whole.summary != run->summary || whole.errors != run->errors ||
        whole.completed != run->completed)
      std::abort();
  if (format == quanze::OutputFormat::csv && whole.completed) {
    Run each = classify_each(text);
    Run lean = classify(text, 16 + size % 61, 2, format, /*count=*/false);
    if (each.bytes != whole.bytes || each.summary != whole.summary || lean.bytes != whole.bytes) std::abort();
  }
  return 0;
}
