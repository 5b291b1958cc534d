// Differential: a CSV list classified on one thread in one batch, and on
// three threads in batches of a few dozen bytes, must give the same bytes,
// the same summary and the same row errors. The output format and the
// batch size follow from the input's length, so the corpus covers all.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "quanze/batch_classifier.hpp"

namespace {

struct Run {
  std::string bytes, summary, errors;
  bool completed = false;
};

Run classify(std::string_view text, std::size_t chunk_bytes, std::size_t jobs, quanze::OutputFormat format) {
  static const auto policy = quanze::load_baseline_policy().policy;
  Run run;
  quanze::Diagnostics diags;
  quanze::TextOptions options;
  options.sniff = true;
  if ((text.size() / 3) % 2 == 1) options.schema_headers = policy->headers();  // a title may stand above the header
  auto stream = quanze::RowStream::open_text(text, "fuzz.csv", options, diags, chunk_bytes);
  if (!stream) return run;
  quanze::Table header;
  header.source = stream->source();
  header.headers = stream->headers();
  quanze::BatchOptions batches;
  batches.format = format;
  batches.jobs = jobs;
  batches.as_of = *quanze::Date::parse("2026-01-01");
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const quanze::OutputFormat formats[] = {quanze::OutputFormat::csv, quanze::OutputFormat::jsonl,
                                          quanze::OutputFormat::json};
  quanze::OutputFormat format = formats[size % 3];
  Run whole = classify(text, std::size_t{1} << 20, 1, format);
  Run parallel = classify(text, 16 + size % 61, 3, format);
  if (whole.bytes != parallel.bytes || whole.summary != parallel.summary || whole.errors != parallel.errors ||
      whole.completed != parallel.completed)
    std::abort();
  return 0;
}
