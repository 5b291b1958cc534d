// A list classified a batch at a time on several threads, the records
// formatted on the thread that decided them and handed back in input order:
// what `quanze classify` runs, and what a service classifying whole lists
// would run.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "quanze/date.hpp"
#include "quanze/diagnostics.hpp"
#include "quanze/engine.hpp"
#include "quanze/output.hpp"
#include "quanze/row_stream.hpp"

namespace quanze {

/// A row whose cells could not be read, as the user is told of it.
struct RowErrorNote {
  std::uint64_t row = 0;
  std::uint32_t column = 0;
  std::string code, item, message;
};

/// One batch's share of the output, in input order.
struct ClassifiedBatch {
  /// The batch's records formatted, ready to follow RecordWriter::begin:
  /// CSV rows and JSON Lines as their writers write them; a JSON array's
  /// records each after ",\n" but the very first, which has no comma.
  std::string bytes;
  Summary summary;  ///< of this batch's records
  std::vector<RowErrorNote> errors;
  std::size_t rows = 0;
  std::uint64_t bytes_end = 0;  ///< input read when the batch was complete, for progress
};

struct BatchOptions {
  OutputFormat format = OutputFormat::json;
  std::size_t jobs = 1;  ///< threads classifying; the bytes are those of one
  Date as_of;
  /// Count every record into its batch's summary; a caller that prints no
  /// summary (classify --quiet) saves the counting, and for CSV the
  /// records' defeated rules and sources, which only a summary would read.
  bool summary = true;
};

/// Reads `stream` to its end (or until `deliver` returns false), classifying
/// every row under `policy` bound to `header`. With one job everything runs
/// on the calling thread; with N, N threads (the calling one among them)
/// each read a batch in turn, classify and format it, and deliver it when
/// it is next, with at most N + 2 batches in memory. `deliver` sees the
/// batches strictly in input order, one at a time, whatever N.
/// Problems that stop reading, and a schema that does not bind to
/// `header`, go to `read_diags`. Returns false when `deliver` stopped the
/// run or the schema did not bind (then nothing was read).
bool classify_batches(const std::shared_ptr<const Policy>& policy, RowStream& stream, const Table& header,
                      const BatchOptions& options, const std::function<bool(ClassifiedBatch&)>& deliver,
                      Diagnostics& read_diags);

}  // namespace quanze
