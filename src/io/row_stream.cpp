// A list read a chunk at a time: bytes (byte_input) → UTF-8 (text_encoding)
// → records (csv_parser) → batches of rows. JSON Lines stream as well
// (jsonl_row_stream.cpp). JSON arrays and XLSX workbooks cannot be cut into
// records without parsing the whole, so they are read whole and handed out
// in batches.
#include "quanze/row_stream.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "diag/codes.hpp"
#include "io/csv_parser.hpp"
#include "io/file_suffix.hpp"
#include "io/header_match.hpp"
#include "io/row_stream_input.hpp"
#include "io/text_encoding.hpp"

namespace quanze {

struct RowBatch::Unparsed {
  RecordText records;
  bool pending = false;  ///< records not yet parsed
  /// The records' text is UTF-8 as read, not yet checked: the worker that
  /// parses it checks it first (reading threads take turns; workers run
  /// side by side).
  bool unchecked = false;
  std::string encoding;  ///< the name bad bytes are reported in
};

RowBatch::RowBatch() = default;
RowBatch::~RowBatch() = default;
RowBatch::RowBatch(RowBatch&&) noexcept = default;
RowBatch& RowBatch::operator=(RowBatch&&) noexcept = default;

RowStream::RowStream(std::unique_ptr<Input> input) : input_(std::move(input)) {}
RowStream::~RowStream() = default;

std::uint64_t RowStream::bytes_read() const { return input_->bytes->consumed(); }
std::optional<std::uint64_t> RowStream::size() const { return input_->bytes->size(); }

bool RowStream::read_all(Table& out, Diagnostics& diags) {
  out.source = source_;
  out.headers = headers_;
  out.rows.clear();
  RowBatch batch;
  while (next(batch, diags))
    for (std::size_t r = 0; r < batch.size; ++r) out.rows.push_back(std::move(batch.rows[r]));
  out.sha256 = sha256_;
  return !failed_;
}

bool RowStream::next_piece(std::size_t chunk, std::string_view& piece, Diagnostics& diags) {
  std::string error;
  if (input_->bytes->next(chunk, piece, error)) return true;
  read_failed(error, diags);
  return false;
}

void RowStream::read_failed(const std::string& error, Diagnostics& diags) {
  diags.add({code::input_unreadable, Severity::error, source_, 0, 0, "cannot read the list: " + error, "", 1});
  failed_ = true;
}

void RowStream::finish_input(Diagnostics& diags) {
  if (!input_->bytes->unchanged()) {
    diags.add({code::input_unreadable, Severity::error, source_, 0, 0,
               "the list changed while it was read; its SHA-256 would not be of what was read", "", 1});
    failed_ = true;
  }
  if (sha256_.empty() && !failed_) sha256_ = input_->bytes->digest();
}

namespace {

/// The schema's headers and aliases, every field's in one list: what tells
/// a header row under a title.
std::vector<std::string> all_headers(const ReadOptions& read) {
  std::vector<std::string> out;
  for (const std::vector<std::string>& names : read.schema_headers) out.insert(out.end(), names.begin(), names.end());
  return out;
}

/// Rows per batch of a list read whole.
constexpr std::size_t kWholeBatchRows = 4096;

class TextRowStream : public RowStream {
 public:
  TextRowStream(std::unique_ptr<Input> input, std::string source, const TextOptions& options, std::size_t chunk)
      : RowStream(std::move(input)),
        options_(options),
        decoder_(options.encoding),
        chunk_(chunk),
        header_test_(options.schema_headers) {
    source_ = std::move(source);
    parser_.set_encoding(&decoder_.encoding());
    parser_.set_keep_records(options.keep_records);
  }

  void detect_from(std::string_view sample) { decoder_.detect_from(sample); }

  /// Reads up to the header row and checks it.
  bool start(Diagnostics& diags) {
    // The delimiter is sniffed from the first line, so it must be here.
    while (parser_.text().find('\n') == std::string::npos && !ended_ && parser_.text().size() <= kMaxRowBytes)
      if (!refill(diags)) return false;
    char delimiter = options_.delimiter;
    if (options_.sniff) {
      std::string_view text = parser_.text();
      std::string_view first = text.substr(0, text.find('\n'));
      bool tabs = first.find('\t') != std::string_view::npos, commas = first.find(',') != std::string_view::npos;
      if (tabs && !commas) delimiter = '\t';
      else if (commas && !tabs) delimiter = ',';
    }
    parser_.set_delimiter(delimiter);
    delimiter_ = delimiter;
    Row header;
    std::size_t cells = 0;
    if (!read_record(header, cells, diags)) {
      if (!failed_)
        diags.add({code::bad_csv, Severity::error, source_, 1, 1, "the list is empty: expected a header row", "", 1});
      return false;
    }
    if (header_test_.enabled() && !names_schema(header) && !find_header_below(header, cells, diags)) return false;
    if (!header.problem.empty()) {
      diags.add({header.problem_code.empty() ? code::bad_csv : header.problem_code, Severity::error, source_,
                 static_cast<std::uint32_t>(header.line), header.problem_column,
                 "in the header row: " + header.problem, "", 1});
      return false;
    }
    if (cells > kMaxColumns) {
      diags.add({code::bad_csv, Severity::error, source_, static_cast<std::uint32_t>(header.line), 1,
                 fmt::format("the header row has {} columns; at most {} are read", cells, kMaxColumns), "", 1});
      return false;
    }
    headers_ = header.cells.strings();
    trim_headers(headers_);
    Table check;
    check.source = source_;
    check.headers = headers_;
    return check_headers(check, static_cast<std::uint32_t>(header.line), false, diags);
  }

  bool next(RowBatch& batch, Diagnostics& diags) override {
    while (next_unparsed(batch, diags)) {
      parse(batch);
      if (batch.size > 0) return true;
    }
    return false;
  }

  /// Takes the whole records a piece of input completes: finding where
  /// they end is all reading does with them.
  bool next_unparsed(RowBatch& batch, Diagnostics& diags) override {
    batch.size = 0;
    if (batch.unparsed) batch.unparsed->pending = false;
    if (failed_) return false;
    if (replay_next_ < replay_.size()) {  // rows read while looking for a header row that was not there
      for (; replay_next_ < replay_.size(); ++replay_next_) {
        Row& row = batch_slot(batch);
        row = std::move(replay_[replay_next_].first);
        check_width(row, replay_[replay_next_].second);
      }
      batch.bytes_end = input_->bytes->consumed();
      return true;
    }
    if (!batch.unparsed) batch.unparsed = std::make_unique<RowBatch::Unparsed>();
    RowBatch::Unparsed& unparsed = *batch.unparsed;
    batches_ = true;  // the header is read: records are parsed from here on by make_rows
    // Parsed in order, the batch before left the record its text did not
    // complete: it goes back, and more is read before it is taken again.
    bool need_more = false;
    if (unparsed.records.open_end) {
      parser_.take_rest(unparsed.records);
      need_more = true;
    }
    // The text read before the encoding was known may be many pieces (up
    // to kDetectBytes): taken in batches of about a piece, not as one, so
    // that no batch, nor the output it makes, is larger than the others.
    auto take = [&] {
      if (parser_.held() > 2 * chunk_) return parser_.take_records(unparsed.records, chunk_);
      return parsed_in_order_ ? parser_.take_text(unparsed.records) : parser_.take_records(unparsed.records);
    };
    while (need_more || !take()) {
      need_more = false;
      if (ended_) {
        finish_input(diags);
        return false;
      }
      if (!more(parser_.line(), diags)) return false;
    }
    unparsed.pending = true;
    unparsed.unchecked = unchecked_;
    if (!unparsed.records.bad.empty() || unchecked_) unparsed.encoding = decoder_.encoding();
    batch.bytes_end = input_->bytes->consumed();
    return true;
  }

  void set_parsed_in_order(bool on) override { parsed_in_order_ = on; }

  void parse(RowBatch& batch) const override { make_rows(batch, nullptr); }

  void for_each_row(RowBatch& batch, const std::function<void(const Row&)>& each) const override {
    if (batch.unparsed && batch.unparsed->pending) make_rows(batch, &each);
    else RowStream::for_each_row(batch, each);
  }

 private:
  /// Parses the batch's records: into its rows, or, given `each`, into one
  /// scratch row handed to `each` record by record.
  void make_rows(RowBatch& batch, const std::function<void(const Row&)>* each) const {
    if (!batch.unparsed || !batch.unparsed->pending) return;
    RowBatch::Unparsed& unparsed = *batch.unparsed;
    unparsed.pending = false;
    if (unparsed.unchecked) {
      // Bytes that are not UTF-8 become U+FFFD and row errors, as the
      // decoder makes them: the text holds whole records, so no character
      // is cut at its end (but at the input's, where it is bad).
      unparsed.unchecked = false;
      unparsed.records.bad = replace_invalid_utf8(unparsed.records.text);
    }
    CsvParser parser;
    parser.set_delimiter(delimiter_);
    parser.set_encoding(&unparsed.encoding);
    parser.set_keep_records(options_.keep_records);
    // Handed over one at a time, a row may view the batch's text: it stays
    // put until every row of the batch is made.
    parser.set_view_records(each != nullptr);
    parser.parse_records(unparsed.records);
    for (;;) {
      if (each) batch.size = 0;  // the one scratch row
      Row& row = batch_slot(batch);
      std::size_t cells = 0;
      if (parser.next(row, cells) != CsvParser::Step::row) {
        --batch.size;  // the slot was not filled
        break;
      }
      check_width(row, cells);
      if (each) (*each)(row);
    }
    parser.give_back(unparsed.records);
  }

  /// The next record, reading more input as needed; false at the end of
  /// the list or when reading failed (failed_).
  bool read_record(Row& row, std::size_t& cells, Diagnostics& diags) {
    for (;;) {
      CsvParser::Step step = parser_.next(row, cells);
      if (step == CsvParser::Step::row) return true;
      if (step == CsvParser::Step::end) return false;
      if (!more(row.line, diags)) return false;
    }
  }

  bool names_schema(const Row& row) const {
    return header_test_.is_header(std::vector<std::string_view>(row.cells.begin(), row.cells.end()));
  }

  /// The first record names too few of the schema's headers: it may be a
  /// title. The header row is the first of the next records that names
  /// enough of them; the records above it are skipped. When none of
  /// HeaderRowTest::kSearchRows does, the first record stays the header
  /// row and the others are data rows, handed out first by next().
  bool find_header_below(Row& header, std::size_t& cells, Diagnostics& diags) {
    for (std::size_t n = 1; n < HeaderRowTest::kSearchRows; ++n) {
      Row row;
      std::size_t row_cells = 0;
      if (!read_record(row, row_cells, diags)) break;
      if (row.problem.empty() && names_schema(row)) {
        header = std::move(row);
        cells = row_cells;
        replay_.clear();
        return true;
      }
      replay_.emplace_back(std::move(row), row_cells);
    }
    return !failed_;
  }

  void check_width(Row& row, std::size_t cells) const {
    if (row.problem.empty() && cells != headers_.size()) {
      row.problem = fmt::format("{} cells, but the header has {}", cells, headers_.size());
      row.problem_column = static_cast<std::uint32_t>(std::min(cells, headers_.size()) + 1);
    }
  }

  /// The record starting on `line` needs more text: read another piece,
  /// unless it is already too long.
  bool more(std::uint64_t line, Diagnostics& diags) {
    if (parser_.held() > kMaxRowBytes) {
      diags.add({code::bad_csv, Severity::error, source_, static_cast<std::uint32_t>(line), 1,
                 fmt::format("the record starting on line {} is longer than {} MiB; is a quote never closed?",
                             line, kMaxRowBytes >> 20),
                 "", 1});
      failed_ = true;
      return false;
    }
    return refill(diags);
  }

  bool refill(Diagnostics& diags) {
    parser_.compact();
    if (decoder_.decodes_in_place()) return read_in_place(diags);
    std::string_view piece;
    return next_piece(chunk_, piece, diags) && prime(piece, diags);
  }

  /// refill() once the text is known to be UTF-8: the piece is read into
  /// the parser's text and checked there (a quarter megabyte not copied) —
  /// or, when batches are parsed by workers that take turns to read, left
  /// for the worker to check (unchecked_): the check is then not work the
  /// other workers wait on. That starts once no bad bytes are held (their
  /// offsets would move under the worker's check), and then lasts: none
  /// are found while reading.
  bool read_in_place(Diagnostics& diags) {
    std::string& text = parser_.text();
    const std::size_t from = text.size();
    decoder_.put_held(text);
    std::string error;
    if (!input_->bytes->append_next(chunk_, text, error)) {
      read_failed(error, diags);
      return false;
    }
    const bool eof = input_->bytes->at_end();
    unchecked_ = unchecked_ || (batches_ && !parsed_in_order_ && parser_.bad().empty());
    if (!unchecked_) decoder_.decode_in_place(text, from, eof, parser_.bad());
    if (eof) {
      parser_.set_eof();
      ended_ = true;
    }
    return true;
  }

 public:
  /// Decodes a piece of input read (the first one, when called from open).
  bool prime(std::string_view piece, Diagnostics& diags) {
    std::string error;
    bool eof = input_->bytes->at_end();
    if (!decoder_.feed(piece, eof, parser_.text(), parser_.bad(), error)) {
      diags.add({code::bad_encoding, Severity::error, source_, 1, 1, error, "", 1});
      failed_ = true;
      return false;
    }
    if (eof) {
      parser_.set_eof();
      ended_ = true;
    }
    return true;
  }

 private:
  TextOptions options_;
  TextDecoder decoder_;
  CsvParser parser_;
  char delimiter_ = ',';  ///< fixed by start(), for parse()
  std::size_t chunk_;
  bool ended_ = false;
  bool parsed_in_order_ = false;
  bool batches_ = false;    ///< next_unparsed has been called
  bool unchecked_ = false;  ///< the text read from now on is checked by the workers (read_in_place)
  HeaderRowTest header_test_;
  std::vector<std::pair<Row, std::size_t>> replay_;  ///< rows and their cell counts
  std::size_t replay_next_ = 0;
};

/// A list read whole (JSON array, XLSX), handed out in batches.
class WholeRowStream : public RowStream {
 public:
  WholeRowStream(std::unique_ptr<Input> input, Table table) : RowStream(std::move(input)), table_(std::move(table)) {
    source_ = table_.source;
    headers_ = table_.headers;
    sha256_ = table_.sha256;
  }
  bool next(RowBatch& batch, Diagnostics&) override {
    batch.size = 0;
    for (; next_ < table_.rows.size() && batch.size < kWholeBatchRows; ++next_) batch_slot(batch) = std::move(table_.rows[next_]);
    batch.bytes_end = input_->bytes->consumed();
    return batch.size > 0;
  }

 private:
  Table table_;
  std::size_t next_ = 0;
};

}  // namespace

std::unique_ptr<RowStream> RowStream::open_text(std::string_view bytes, std::string source, const TextOptions& options,
                                                Diagnostics& diags, std::size_t chunk_bytes) {
  auto input = std::make_unique<Input>();
  input->bytes = ByteInput::of_bytes(bytes);
  input->bytes->hash_as_read();
  auto stream = std::make_unique<TextRowStream>(std::move(input), std::move(source), options, chunk_bytes);
  stream->detect_from(bytes);
  if (!stream->start(diags)) return nullptr;
  return stream;
}

std::unique_ptr<RowStream> RowStream::open_json_lines(std::string_view bytes, std::string source,
                                                      const ReadOptions& options, Diagnostics& diags,
                                                      std::size_t chunk_bytes) {
  auto input = std::make_unique<Input>();
  input->bytes = ByteInput::of_bytes(bytes);
  input->bytes->hash_as_read();
  return open_json_lines_stream(std::move(input), std::move(source), {}, {}, options, chunk_bytes, diags);
}

std::unique_ptr<RowStream> RowStream::open(const std::string& path, const StreamOptions& options, Diagnostics& diags) {
  std::string source = path == "-" ? "<stdin>" : path;
  std::string error;
  auto input = std::make_unique<Input>();
  input->bytes = ByteInput::open_file(path, error);
  if (!input->bytes) {
    diags.add({code::input_unreadable, Severity::error, path, 0, 0, "cannot open the list: " + error, "", 1});
    return nullptr;
  }
  std::string sha256;
  if (options.hash == InputHash::ahead) {
    sha256 = input->bytes->hash_ahead(error);
    if (!error.empty()) {
      diags.add({code::input_unreadable, Severity::error, path, 0, 0, "cannot read the list: " + error, "", 1});
      return nullptr;
    }
  } else if (options.hash == InputHash::as_read) {
    input->bytes->hash_as_read();
  }
  // The first piece says whether it is a workbook, whatever its name.
  std::string_view first;
  if (!input->bytes->next(std::max<std::size_t>(options.chunk_bytes, 8), first, error)) {
    diags.add({code::input_unreadable, Severity::error, path, 0, 0, "cannot read the list", "", 1});
    return nullptr;
  }
  const ReadOptions& read = options.read;
  TableFormat format = read.format.value_or(format_for_path(path));
  // A workbook renamed .csv, or on standard input, is still a workbook;
  // and many systems export tab-separated text named .xls.
  bool workbook = first.starts_with("PK\x03\x04") || first.starts_with("\xD0\xCF\x11\xE0");
  if (!read.format && workbook) format = TableFormat::xlsx;
  if (!read.format && !workbook && has_suffix(path, ".xls")) format = TableFormat::tsv;

  if (format == TableFormat::csv || format == TableFormat::tsv) {
    // A list named .csv may hold tabs (Excel's "Unicode text" renamed): the
    // header line tells, unless the user named the format.
    TextOptions text;
    text.delimiter = format == TableFormat::tsv ? '\t' : ',';
    text.sniff = !read.format;
    text.encoding = read.encoding;
    std::string held(first);  // `first` views the input's buffer, which the next read reuses
    text.schema_headers = all_headers(read);
    text.keep_records = options.keep_records;
    auto stream = std::make_unique<TextRowStream>(std::move(input), source, text, options.chunk_bytes);
    stream->sha256_ = sha256;
    if (!stream->prime(held, diags) || !stream->start(diags)) return nullptr;
    return stream;
  }
  if (format == TableFormat::jsonl)
    return open_json_lines_stream(std::move(input), source, first, sha256, read, options.chunk_bytes, diags);

  std::string bytes(first);
  for (std::string_view piece; !input->bytes->at_end();) {
    if (!input->bytes->next(options.chunk_bytes, piece, error)) {
      diags.add({code::input_unreadable, Severity::error, path, 0, 0, "cannot read the list", "", 1});
      return nullptr;
    }
    bytes.append(piece);
  }
  Table table;
  table.source = source;
  bool ok = false;
  switch (format) {
    case TableFormat::json: ok = read_json(bytes, false, table, diags); break;
    case TableFormat::xlsx: {
      XlsxOptions xlsx;
      xlsx.sheet = read.sheet;
      xlsx.headers = all_headers(read);
      ok = read_xlsx(bytes, table, diags, xlsx);
      break;
    }
    case TableFormat::csv:
    case TableFormat::tsv:
    case TableFormat::jsonl: break;
  }
  if (!ok) return nullptr;
  table.sha256 = options.hash == InputHash::ahead ? sha256 : input->bytes->digest();
  return std::make_unique<WholeRowStream>(std::move(input), std::move(table));
}

}  // namespace quanze
