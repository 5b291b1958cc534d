// A list read a chunk at a time: bytes (byte_input) → UTF-8 (text_encoding)
// → records (csv_parser) → batches of rows. JSON Lines stream as well
// (jsonl_row_stream.cpp). JSON arrays and XLSX workbooks cannot be cut into
// records without parsing the whole, so they are read whole and handed out
// in batches.
#include "quanze/row_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "diag/codes.hpp"
#include "diag/utf8.hpp"
#include "io/csv_parser.hpp"
#include "io/record_cut.hpp"
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
  /// Read in place: where the records lie in the input (records.in_place
  /// views them, unless bad bytes made them a copy), given back when the
  /// batch returns to next_unparsed.
  std::string_view place;
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
  TextRowStream(std::unique_ptr<Input> input, std::string source, const TextOptions& options, std::size_t chunk,
                bool map_file)
      : RowStream(std::move(input)),
        options_(options),
        decoder_(options.encoding),
        chunk_(chunk),
        map_file_(map_file),
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
    if (whole_.data()) return next_in_place(batch, unparsed, diags);
    // Parsed in order, the batch before left the record its text did not
    // complete: it goes back, and more is read before it is taken again.
    bool need_more = false;
    if (unparsed.records.open_end) {
      parser_.take_rest(unparsed.records);
      need_more = true;
    }
    if (start_in_place()) return next_in_place(batch, unparsed, diags);
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
  /// Reading in place begins when the input is all in memory (a list in
  /// memory, a mapped file: ByteInput::whole), what is held is UTF-8 as
  /// read, and each batch is parsed before the next is read (one job):
  /// the text the parser holds is then the input's bytes from where the
  /// next record starts, and reading goes on from there without copying —
  /// neither by read(2) into a buffer, nor into batches. Not for workers
  /// that read in turn: their reading turn would find where a batch's
  /// records end in bytes not yet in the cache, which read(2) brings in
  /// as it copies, and with two jobs that came out slower, not faster.
  bool start_in_place() {
    if (in_place_declined_ || !parsed_in_order_ || !decoder_.decodes_in_place() || !parser_.bad().empty())
      return false;
    const std::string_view whole = input_->bytes->whole(map_file_);
    // What the parser holds lies just before what the decoder holds of a
    // character cut at the end of the last piece.
    const std::uint64_t read = input_->bytes->consumed(), held = parser_.held() + decoder_.held();
    const std::string_view text = std::string_view(parser_.text()).substr(parser_.text().size() - parser_.held());
    if (!whole.data() || held > read || read > whole.size() ||
        whole.substr(static_cast<std::size_t>(read - held), text.size()) != text) {
      in_place_declined_ = true;  // a pipe; or text that is not the bytes as read
      return false;
    }
    whole_ = whole;
    whole_next_ = static_cast<std::size_t>(read - held);
    whole_line_ = parser_.line();
    whole_want_ = chunk_;
    parser_.compact();
    parser_.text().clear();
    input_->bytes->release(0, whole_next_);
    return true;
  }

  /// next_unparsed() once reading in place: the batch's records are a view
  /// of the input, about a chunk of it from where the last batch's parse
  /// stopped up to a line end, open at its end (the parse finds where its
  /// last whole record ends, as with take_text) unless it is the input's.
  bool next_in_place(RowBatch& batch, RowBatch::Unparsed& unparsed, Diagnostics& diags) {
    RecordText& records = unparsed.records;
    if (unparsed.place.data()) {  // the batch's rows are made and written
      const std::size_t begin = static_cast<std::size_t>(unparsed.place.data() - whole_.data());
      const std::size_t end = records.open_end ? begin + records.rest : begin + unparsed.place.size();
      whole_next_ = end;
      whole_line_ = records.line;  // where the parse stopped; for the input's last batch, unused
      // No record ended in it: the next batch must reach further.
      whole_want_ = records.open_end && records.rest == 0 ? whole_want_ * 2 : chunk_;
      input_->bytes->release(begin, end);
      unparsed.place = {};
    }
    if (whole_next_ >= whole_.size()) {
      input_->bytes->read_up_to(whole_.size());
      finish_input(diags);
      return false;
    }
    std::size_t end = whole_.size();
    bool open_end = false;
    for (;;) {
      // A reach this long found no record end: its first is longer than
      // kMaxRowBytes, as reading piece by piece would find.
      if (whole_want_ > kMaxRowBytes) {
        too_long(whole_line_, diags);
        return false;
      }
      if (whole_want_ >= whole_.size() - whole_next_) break;  // the rest, to the end
      // At a line end no character is cut, which the UTF-8 check would
      // take for bad bytes.
      const void* lf = memrchr(whole_.data() + whole_next_, '\n', whole_want_);
      if (lf) {
        end = static_cast<std::size_t>(static_cast<const char*>(lf) - whole_.data()) + 1;
        open_end = true;
        break;
      }
      whole_want_ *= 2;
    }
    input_->bytes->read_up_to(end);
    unparsed.place = whole_.substr(whole_next_, end - whole_next_);
    records.in_place = unparsed.place;
    records.text.clear();
    records.bad.clear();
    records.line = whole_line_;
    records.open_end = open_end;
    records.rest = 0;
    unparsed.pending = true;
    unparsed.unchecked = true;
    unparsed.encoding = decoder_.encoding();
    batch.bytes_end = input_->bytes->consumed();
    return true;
  }

  void too_long(std::uint64_t line, Diagnostics& diags) {
    diags.add({code::bad_csv, Severity::error, source_, static_cast<std::uint32_t>(line), 1,
               fmt::format("the record starting on line {} is longer than {} MiB; is a quote never closed?", line,
                           kMaxRowBytes >> 20),
               "", 1});
    failed_ = true;
  }

  /// Parses the batch's records: into its rows, or, given `each`, into one
  /// scratch row handed to `each` record by record.
  void make_rows(RowBatch& batch, const std::function<void(const Row&)>* each) const {
    if (!batch.unparsed || !batch.unparsed->pending) return;
    RowBatch::Unparsed& unparsed = *batch.unparsed;
    RecordText& records = unparsed.records;
    unparsed.pending = false;
    // Bytes that are not UTF-8 become U+FFFD and row errors, as the decoder
    // makes them: the text holds whole records, so no character is cut at
    // its end (but at the input's, where it is bad). Records read in place
    // are checked by the parse as it reads them, where the CPU has AVX2
    // (CsvParser::set_in_place), and what it leaves by check_ahead: a
    // pass over the batch first would wait on memory with nothing else to
    // do (a mapped file's bytes are not in the cache, as read(2)'s copy
    // left them), and load every byte twice.
    bool check_records = unparsed.unchecked && records.in_place.data();
    if (unparsed.unchecked && !check_records) records.bad = replace_invalid_utf8(records.text);
    unparsed.unchecked = false;
    CsvParser parser;
    parser.set_delimiter(delimiter_);
    parser.set_encoding(&unparsed.encoding);
    parser.set_keep_records(options_.keep_records);
    // Handed over one at a time, a row may view the batch's text: it stays
    // put until every row of the batch is made.
    parser.set_view_records(each != nullptr);
    parser.parse_records(records);
    parser.set_in_place(check_records);
    // Set when bad bytes made the records a copy from some record on, for
    // a batch open at its end: how many of its bytes the copy took.
    std::optional<std::size_t> copied;
    for (;;) {
      if (each) batch.size = 0;  // the one scratch row
      Row& row = batch_slot(batch);
      std::size_t cells = 0;
      const std::size_t from = parser.offset();
      const std::uint64_t line = parser.line();
      if (parser.next(row, cells) != CsvParser::Step::row) {
        --batch.size;  // the slot was not filled
        break;
      }
      // What the parse checked as it read needs no check here.
      if (check_records && parser.offset() > parser.utf8_checked_to()) {
        std::size_t checked_to = parser.utf8_checked_to();
        if (!check_ahead(records.in_place, parser.offset(), checked_to)) {
          copied = copy_in_place(parser, records, from, line);
          check_records = false;
          --batch.size;  // the record is parsed again, from the copy
          continue;
        }
        parser.set_utf8_checked_to(checked_to);
      }
      check_width(row, cells);
      if (each) (*each)(row);
    }
    parser.give_back(records);
    if (copied) {
      // Open at its end again for next_in_place, the rest counted in the
      // batch's bytes, not in the copy's.
      records.open_end = true;
      records.rest = *copied;
      records.line = parser.line();
    }
  }

  /// Checks `bytes` from `checked_to` past `to` and moves `checked_to`
  /// there, a few kilobytes at a time. False at bytes that are not UTF-8.
  static bool check_ahead(std::string_view bytes, std::size_t to, std::size_t& checked_to) {
    constexpr std::size_t kStep = 4096;
    while (checked_to < to) {
      const std::size_t end = std::min(bytes.size(), std::max(to, checked_to + kStep));
      const std::size_t valid = utf8::valid_run_end(bytes.substr(0, end), checked_to);
      if (valid == end) {
        checked_to = end;
      } else if (end < bytes.size() && end - valid < 4) {
        checked_to = valid;  // a character the step's end cut, or bad bytes: the next step tells
      } else {
        return false;
      }
    }
    return true;
  }

  /// Records read in place, from the one at `from` (on `line`) on, are
  /// copied, so that U+FFFD can stand in for bytes that are not UTF-8, and
  /// `parser` goes on in the copy. A batch open at its end (one job) is
  /// copied up to its last whole record: where the next batch starts is an
  /// offset in the input, which the replacements would move. Returns that
  /// offset, in the batch's bytes, for a batch open at its end.
  std::optional<std::size_t> copy_in_place(CsvParser& parser, RecordText& records, std::size_t from,
                                           std::uint64_t line) const {
    parser.give_back(records);
    const std::string_view bytes = records.in_place;
    const bool open_end = records.open_end;
    const std::size_t to = open_end ? last_record_end(bytes, from, delimiter_).end : bytes.size();
    records.text.assign(bytes.substr(from, to - from));
    records.bad = replace_invalid_utf8(records.text);
    records.in_place = {};
    records.open_end = false;  // whole records
    records.line = line;
    parser.parse_records(records);
    if (!open_end) return std::nullopt;
    return to;
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
      too_long(line, diags);
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
  bool map_file_;  ///< a file may be read in place through a mapping (StreamOptions::map_file)
  bool ended_ = false;
  bool parsed_in_order_ = false;
  bool batches_ = false;    ///< next_unparsed has been called
  bool unchecked_ = false;  ///< the text read from now on is checked by the workers (read_in_place)
  HeaderRowTest header_test_;
  std::vector<std::pair<Row, std::size_t>> replay_;  ///< rows and their cell counts
  std::size_t replay_next_ = 0;
  // Reading in place (start_in_place): the input's bytes, where the next
  // batch starts in them and on what line, and how many bytes it takes
  // (more after a batch that completed no record).
  std::string_view whole_;
  std::size_t whole_next_ = 0;
  std::uint64_t whole_line_ = 1;
  std::size_t whole_want_ = 0;
  bool in_place_declined_ = false;
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
  auto stream = std::make_unique<TextRowStream>(std::move(input), std::move(source), options, chunk_bytes, false);
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
    auto stream = std::make_unique<TextRowStream>(std::move(input), source, text, options.chunk_bytes, options.map_file);
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
