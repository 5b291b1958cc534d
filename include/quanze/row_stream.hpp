// Reading a list a batch of rows at a time, in memory bounded independently
// of the list's size: what `quanze classify` runs on, and what read_table
// collects into a whole Table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/diagnostics.hpp"
#include "quanze/table.hpp"

namespace quanze {

/// Input bytes read per step, and so roughly the input behind one batch.
inline constexpr std::size_t kDefaultChunkBytes = std::size_t{1} << 20;
/// A record longer than this (16 MiB of text, as decoded) stops reading
/// with an error: it is nearly always a quote that is never closed, and
/// holding it would let one bad list take any amount of memory.
inline constexpr std::size_t kMaxRowBytes = std::size_t{16} << 20;
/// A header row with more columns than this stops reading; a data row with
/// more keeps the first kMaxColumns cells and is a row error (its cell
/// count differs from the header's) saying how many it had.
inline constexpr std::size_t kMaxColumns = 4096;

/// When the input's SHA-256 is taken, for the manifest.
enum class InputHash {
  /// Of the bytes as they are read: known at the end.
  as_read,
  /// Before any row is read, as a manifest written ahead of the records
  /// needs: a regular file (or standard input redirected from one) is read
  /// once for it and rewound. A pipe cannot be: sha256() stays empty.
  ahead,
  /// Not at all (sha256() stays empty): for a run whose output carries no
  /// manifest (CSV), where hashing is a tenth of the time.
  none,
};

struct StreamOptions {
  ReadOptions read;
  std::size_t chunk_bytes = kDefaultChunkBytes;  ///< tests make it small to cut records anywhere
  InputHash hash = InputHash::as_read;
  /// CSV: each row keeps its record's text (Row::record), for output as
  /// CSV; costs a copy of every record.
  bool keep_records = false;
  /// CSV and TSV from a file named by its path, UTF-8: its bytes are read
  /// where they lie, through a memory mapping, rather than copied by
  /// read(2) — a copy that was a sixth of the time of a one-job run. A file
  /// cut short while it is mapped raises SIGBUS when the lost pages are
  /// read: only for a caller that handles it, as the CLI does
  /// (install_output_signal_handlers). Memory stays bounded: pages are
  /// unmapped as their batches are done.
  bool map_file = false;
};

/// Rows read in one step. `rows` keeps more Row objects than `size` so
/// that their vectors and strings are reused from batch to batch.
struct RowBatch {
  RowBatch();
  ~RowBatch();
  RowBatch(RowBatch&&) noexcept;
  RowBatch& operator=(RowBatch&&) noexcept;

  std::vector<Row> rows;
  std::size_t size = 0;
  std::uint64_t bytes_end = 0;  ///< input bytes read when the batch was complete, for progress
  const Row* begin() const { return rows.data(); }
  const Row* end() const { return rows.data() + size; }

  /// Records read by RowStream::next_unparsed and not yet made rows.
  struct Unparsed;
  std::unique_ptr<Unparsed> unparsed;
};

/// A list opened for reading: its headers first, then rows in batches.
/// CSV and TSV (every encoding read_text reads) and JSON Lines are read a
/// chunk at a time, so memory stays bounded; a JSON array and an XLSX
/// workbook are read whole and then handed out in batches. Row numbers,
/// cells and row problems are exactly those read_table gives.
///
/// JSON Lines: the headers are fixed before the first row, as the keys of
/// the first record (the first line that is not blank) in its order, then,
/// for each schema field (ReadOptions::schema_headers) none of whose names
/// is among them, the field's header. Such an added column takes a record's
/// value under any of the field's names (the first the schema names, when a
/// record has several). A key that first appears in a later record is no
/// column: one warning (QZ6015) names it and the line where it first
/// appears, and its values are left out. A line that is not a JSON object
/// is a row error (QZ6007) and reading goes on.
class RowStream {
 public:
  /// Opens `path` ("-": standard input) and reads the header row; null,
  /// with the reason in `diags`, when the list cannot be read at all.
  static std::unique_ptr<RowStream> open(const std::string& path, const StreamOptions& options,
                                         Diagnostics& diags);
  /// CSV or TSV text in memory (which must outlive the stream), named
  /// `source` in messages. The encoding is detected from all of it.
  static std::unique_ptr<RowStream> open_text(std::string_view bytes, std::string source, const TextOptions& options,
                                              Diagnostics& diags, std::size_t chunk_bytes = kDefaultChunkBytes);
  /// JSON Lines in memory (which must outlive the stream), named `source`
  /// in messages; `options.schema_headers` as for open.
  static std::unique_ptr<RowStream> open_json_lines(std::string_view bytes, std::string source,
                                                    const ReadOptions& options, Diagnostics& diags,
                                                    std::size_t chunk_bytes = kDefaultChunkBytes);
  virtual ~RowStream();

  const std::string& source() const { return source_; }  ///< the file's name, or <stdin>
  const std::vector<std::string>& headers() const { return headers_; }
  /// The next rows into `batch`, reusing its storage. False at the end of
  /// the list, or on an error that stops reading (a record over
  /// kMaxRowBytes, a read error, a file changed while read; then `diags`
  /// holds it and failed() is true).
  virtual bool next(RowBatch& batch, Diagnostics& diags) = 0;
  /// next() in two halves, for threads that read in turn and work at once:
  /// next_unparsed() reads the batch's records but may leave making rows of
  /// them (splitting cells, unquoting, checking) to parse(), which touches
  /// only the batch and may run on any thread, batches in any order. The
  /// rows are those next() gives, though a batch may end up with none.
  /// Streams that cannot split the work make the rows in next_unparsed().
  virtual bool next_unparsed(RowBatch& batch, Diagnostics& diags) { return next(batch, diags); }
  /// The caller promises to parse each batch next_unparsed() gives (parse
  /// or for_each_row) before it asks for the next, into the same RowBatch —
  /// as one job does. Then reading need not find where a batch's last whole
  /// record ends, a pass over all its text: parsing finds it, and the next
  /// read starts with what the parse left. Off by default.
  virtual void set_parsed_in_order(bool on) { (void)on; }
  virtual void parse(RowBatch& batch) const { (void)batch; }
  /// Calls `each` with every row of a batch from next_unparsed, in order.
  /// Records not yet parsed are made rows one at a time, each handed over
  /// while its text is still in the cache (not after the whole batch was
  /// parsed), and not kept: the batch's rows are then scratch. Any thread,
  /// as parse().
  virtual void for_each_row(RowBatch& batch, const std::function<void(const Row&)>& each) const {
    parse(batch);
    for (const Row& row : batch) each(row);
  }
  bool failed() const { return failed_; }
  /// Bytes of the input read so far, and its size when it is a file.
  std::uint64_t bytes_read() const;
  std::optional<std::uint64_t> size() const;
  /// Lowercase hex; see InputHash. Empty when not known.
  const std::string& sha256() const { return sha256_; }

  /// Reads all the rows into `out` (source, sha256, headers, rows).
  bool read_all(Table& out, Diagnostics& diags);

  struct Input;  ///< the bytes read; defined where the streams are made

 protected:
  explicit RowStream(std::unique_ptr<Input> input);
  /// At the end of the input: fails when a file hashed ahead changed while
  /// it was read, else takes the hash of the bytes read if none was known.
  void finish_input(Diagnostics& diags);
  /// The next piece of at most `chunk` bytes (empty at the end), viewing
  /// a buffer the next read reuses; false, with the error in `diags` and
  /// failed() set, when the input cannot be read.
  bool next_piece(std::size_t chunk, std::string_view& piece, Diagnostics& diags);
  /// Reading failed with `error`: said in `diags`, and failed() set.
  void read_failed(const std::string& error, Diagnostics& diags);
  std::unique_ptr<Input> input_;
  std::string source_;
  std::vector<std::string> headers_;
  std::string sha256_;
  bool failed_ = false;
};

}  // namespace quanze
