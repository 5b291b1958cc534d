// Where the whole records of CSV text end, found without making rows of
// them: what lets reading cut decoded text into batches that workers parse
// (CsvParser::take_records), so that reading — done by one worker at a
// time — is not the work the others wait on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quanze {

struct RecordCut {
  std::size_t end = 0;      ///< just past the line end of the last whole record; `from` when there is none
  std::uint64_t lines = 0;  ///< the lines CsvParser counts in [from, end)
};

/// The last record end of `text` at or after `from`, which must be where a
/// record (or a blank line) starts. It reads as CsvParser does — a quote
/// opens a quoted cell only at the start of a cell, "" inside one is a
/// quote, CR, LF and CRLF end a record outside quotes, a quote elsewhere is
/// text — so the parser, started at `from` or at the end found, would
/// start a record there too. A record whose end may still change with
/// text to come (a CR at the very end, a quote at the very end, an open
/// quoted cell) is not whole.
RecordCut last_record_end(std::string_view text, std::size_t from, char delimiter);

namespace detail {
/// last_record_end a quote or line end at a time: the reference, and the
/// way on CPUs without AVX2.
RecordCut last_record_end_scalar(std::string_view text, std::size_t from, char delimiter);
#if defined(__x86_64__)
/// The same with block masks, 64 bytes a step; only when csv_simd_in_use().
/// Text with a quote that no record reads as opening or closing a quoted
/// cell (a quote inside an unquoted cell or after a closing quote's text)
/// is left to last_record_end_scalar.
RecordCut last_record_end_simd(std::string_view text, std::size_t from, char delimiter);
#endif
}  // namespace detail

}  // namespace quanze
