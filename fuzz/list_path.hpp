// What the CSV and JSON targets share: a list of any shape, bound to the
// baseline policy when its headers allow, every row classified, derived
// and written in every format.
#pragma once

#include <sstream>

#include "quanze/engine.hpp"
#include "quanze/explain.hpp"
#include "quanze/output.hpp"

inline void classify_everything(const quanze::Table& table) {
  static const auto policy = quanze::load_baseline_policy().policy;
  quanze::Diagnostics diags;
  auto classifier = quanze::Classifier::bind(policy, table, diags);
  if (!classifier) return;
  std::ostringstream sink;
  for (quanze::OutputFormat format : {quanze::OutputFormat::csv, quanze::OutputFormat::json, quanze::OutputFormat::jsonl}) {
    auto writer = quanze::make_record_writer(format, sink);
    writer->begin(table);
    for (const quanze::Row& row : table.rows) writer->write(row, classifier->classify(row));
    writer->end();
  }
  for (const quanze::Row& row : table.rows) {
    quanze::Derivation d = classifier->derive(row);
    sink << quanze::explain_text(d, *policy, table.source) << quanze::derivation_to_json(d, *policy);
  }
}
