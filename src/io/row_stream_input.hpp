// What the row streams share inside the library: the input they read and
// the slot a batch fills next. Each kind of stream lives in its own file.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "io/byte_input.hpp"
#include "quanze/row_stream.hpp"

namespace quanze {

struct RowStream::Input {
  std::unique_ptr<ByteInput> bytes;
};

/// The next Row of `batch`, reused from an earlier batch when there is one.
inline Row& batch_slot(RowBatch& batch) {
  if (batch.size == batch.rows.size()) batch.rows.emplace_back();
  return batch.rows[batch.size++];
}

/// A JSON Lines stream on `input`, whose first piece, `first`, was already
/// read; `sha256` when it was hashed ahead. Reads up to the first record to
/// fix the headers; null, with the reason in `diags`, when it cannot.
std::unique_ptr<RowStream> open_json_lines_stream(std::unique_ptr<RowStream::Input> input, std::string source,
                                                  std::string_view first, std::string sha256,
                                                  const ReadOptions& options, std::size_t chunk_bytes,
                                                  Diagnostics& diags);

}  // namespace quanze
