// JSON Lines read a piece at a time: bytes (byte_input) → lines (LF or
// CRLF; a UTF-8 byte-order mark skipped) → one JSON object per line → rows.
// Memory holds one piece and the line being cut, never the list.
//
// The headers must be known before the first row is handed out, so they
// are the first record's keys, then a column for each schema field the
// first record does not name (see RowStream in row_stream.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "diag/codes.hpp"
#include "io/header_match.hpp"
#include "io/json_record.hpp"
#include "io/row_stream_input.hpp"

namespace quanze {
namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

class JsonLinesRowStream : public RowStream {
 public:
  JsonLinesRowStream(std::unique_ptr<Input> input, std::string source, std::string_view first, std::string sha256,
                     std::size_t chunk)
      : RowStream(std::move(input)), text_(first), chunk_(std::max<std::size_t>(chunk, 1)) {
    source_ = std::move(source);
    sha256_ = std::move(sha256);
    ended_ = input_->bytes->at_end();
  }

  /// Reads up to the first record and fixes the headers from it and the
  /// schema. The record stays in the input: the first next() reads it.
  bool start(const std::vector<std::vector<std::string>>& schema, Diagnostics& diags) {
    std::string_view line;
    std::uint64_t first_line = 0;
    Json first;
    for (Step step; (step = cut(line)) != Step::end;) {
      if (step == Step::more) {
        if (!more(diags)) return false;
        continue;
      }
      if (blank(line)) continue;
      first_line = line_;
      try {
        first = Json::parse(line);
      } catch (const Json::exception&) {  // a row error when next() reads it; no keys
      }
      // Back to the start of the line, so that next() reads it as a row.
      pos_ = scan_ = line_start_;
      --line_;
      break;
    }
    if (first.is_object()) {
      if (first.size() > kMaxColumns) {
        diags.add({code::bad_json, Severity::error, source_, static_cast<std::uint32_t>(first_line), 1,
                   fmt::format("the first record has {} keys; at most {} are read", first.size(), kMaxColumns), "",
                   1});
        return false;
      }
      for (const auto& [key, value] : first.items()) {
        known_.emplace(key, Target{headers_.size(), 0});
        headers_.push_back(key);
      }
    }
    first_added_ = headers_.size();
    // A column for each schema field none of whose names is one yet.
    std::vector<std::string> keys;
    for (const std::string& h : headers_) keys.push_back(header_key(h));
    for (const std::vector<std::string>& names : schema) {
      if (names.empty()) continue;
      bool present = false;
      for (const std::string& name : names)
        present = present || std::find(keys.begin(), keys.end(), header_key(name)) != keys.end();
      if (present) continue;
      for (std::uint32_t rank = 0; rank < names.size(); ++rank)
        schema_names_.emplace(header_key(names[rank]), Target{headers_.size(), rank});
      keys.push_back(header_key(names[0]));
      headers_.push_back(names[0]);
    }
    stamp_.assign(headers_.size(), 0);
    rank_.assign(headers_.size(), 0);
    Table check;
    check.source = source_;
    check.headers = headers_;
    return check_headers(check, static_cast<std::uint32_t>(std::max<std::uint64_t>(first_line, 1)), false, diags);
  }

  bool next(RowBatch& batch, Diagnostics& diags) override {
    batch.size = 0;
    if (failed_) return false;
    std::string_view line;
    for (Step step; (step = cut(line)) != Step::end;) {
      if (step == Step::line) {
        if (!blank(line)) fill(batch_slot(batch), line, diags);
        continue;
      }
      // A batch is the lines one piece of input completed; the line cut at
      // its end waits for the next piece.
      if (batch.size > 0) break;
      if (!more(diags)) return false;
    }
    batch.bytes_end = input_->bytes->consumed();
    if (batch.size > 0) return true;
    finish_input(diags);
    return false;
  }

 private:
  enum class Step { line, more, end };
  /// Where the value of a key goes: its column, and for a column added for
  /// a schema field the name's place among the field's names.
  struct Target {
    std::size_t column = kNoColumn;
    std::uint32_t rank = 0;
  };

  /// The next whole line, without its line break; `more` when the text
  /// held ends inside it.
  Step cut(std::string_view& line) {
    if (!bom_checked_) {
      if (text_.size() < 3 && !ended_) return Step::more;
      if (std::string_view(text_).starts_with("\xEF\xBB\xBF")) pos_ = scan_ = 3;
      bom_checked_ = true;
    }
    std::size_t end = text_.find('\n', scan_);
    if (end == std::string::npos) {
      scan_ = text_.size();
      if (!ended_) return Step::more;
      if (pos_ == text_.size()) return Step::end;
      end = text_.size();  // the last line, without a line break
    }
    line_start_ = pos_;
    line = std::string_view(text_).substr(pos_, end - pos_);
    if (line.ends_with('\r')) line.remove_suffix(1);
    pos_ = scan_ = std::min(end + 1, text_.size());
    ++line_;
    return Step::line;
  }

  /// The line being cut needs another piece of input, unless it is already
  /// too long.
  bool more(Diagnostics& diags) {
    if (text_.size() - pos_ > kMaxRowBytes) {
      diags.add({code::bad_json, Severity::error, source_, static_cast<std::uint32_t>(line_ + 1), 1,
                 fmt::format("line {} is longer than {} MiB", line_ + 1, kMaxRowBytes >> 20), "", 1});
      failed_ = true;
      return false;
    }
    text_.erase(0, pos_);
    scan_ -= pos_;
    pos_ = 0;
    std::string_view piece;
    if (!next_piece(chunk_, piece, diags)) return false;
    text_.append(piece);
    ended_ = input_->bytes->at_end();
    return true;
  }

  /// The row of one line that is not blank; `row` is reused.
  void fill(Row& row, std::string_view line, Diagnostics& diags) {
    row.line = line_;
    row.problem.clear();
    row.problem_column = 0;
    row.problem_code.clear();
    row.cells.clear();
    row.cells.resize(headers_.size());
    ++record_;
    try {
      Json record = Json::parse(line);
      std::size_t hint = 0;
      record_to_row(record, row, [&](const std::string& key) {
        Target t;
        if (hint < first_added_ && headers_[hint] == key) t.column = hint;  // most records keep the first's order
        else if (auto it = known_.find(key); it != known_.end()) t = it->second;
        else t = unknown(key, diags);
        if (t.column == kNoColumn) return kNoColumn;
        hint = t.column + 1;
        if (t.column >= first_added_) {  // a field's column, which several names may fill: the first named wins
          if (stamp_[t.column] == record_ && rank_[t.column] <= t.rank) return kNoColumn;
          stamp_[t.column] = record_;
          rank_[t.column] = t.rank;
        }
        return t.column;
      });
    } catch (const Json::exception& e) {
      JsonErrorAt at;
      std::string message = json_error_message(e, line, at);
      set_json_problem(row, std::move(message), at.column);
    }
  }

  /// A key no column has had yet: a schema field's other name, or one
  /// more key to warn about once.
  Target unknown(const std::string& key, Diagnostics& diags) {
    Target t;
    if (auto it = schema_names_.find(header_key(key)); it != schema_names_.end()) t = it->second;
    if (unknown_keys_ == kMaxColumns) {  // remembered no more, so that memory stays bounded
      if (t.column == kNoColumn && !told_too_many_) {
        diags.add({code::jsonl_new_key, Severity::warning, source_, static_cast<std::uint32_t>(line_), 0,
                   fmt::format("more than {} keys are not in the first record; the rest are not named", kMaxColumns),
                   "", 1});
        told_too_many_ = true;
      }
      return t;
    }
    ++unknown_keys_;
    known_.emplace(key, t);
    if (t.column == kNoColumn)
      diags.add({code::jsonl_new_key, Severity::warning, source_, static_cast<std::uint32_t>(line_), 0,
                 fmt::format("the key \"{}\" first appears on line {}, after the first record fixed the columns; "
                             "its values are left out",
                             key, line_),
                 "", 1});
    return t;
  }

  std::string text_;      ///< input read and not yet cut into lines, from pos_
  std::size_t pos_ = 0;   ///< where the next line starts
  std::size_t scan_ = 0;  ///< text_ before this holds no line break after pos_
  std::size_t line_start_ = 0;  ///< where the line cut last starts
  bool bom_checked_ = false;
  bool ended_ = false;
  std::uint64_t line_ = 0;     ///< lines cut so far
  std::size_t chunk_;

  std::unordered_map<std::string, Target> known_;         ///< keys seen: the first record's, and later ones
  std::unordered_map<std::string, Target> schema_names_;  ///< header_key of the names of fields added
  std::size_t first_added_ = 0;                           ///< columns from here on were added for fields
  std::vector<std::uint64_t> stamp_;  ///< the record that last filled a field's column
  std::vector<std::uint32_t> rank_;   ///< and the rank of the name it used
  std::uint64_t record_ = 0;
  std::size_t unknown_keys_ = 0;
  bool told_too_many_ = false;
};

}  // namespace

std::unique_ptr<RowStream> open_json_lines_stream(std::unique_ptr<RowStream::Input> input, std::string source,
                                                  std::string_view first, std::string sha256,
                                                  const ReadOptions& options, std::size_t chunk_bytes,
                                                  Diagnostics& diags) {
  auto stream = std::make_unique<JsonLinesRowStream>(std::move(input), std::move(source), first, std::move(sha256),
                                                     chunk_bytes);
  if (!stream->start(options.schema_headers, diags)) return nullptr;
  return stream;
}

}  // namespace quanze
