// Text lists come as Excel and WPS save them: UTF-8 with or without BOM,
// GB18030/GBK ("CSV" on a Chinese Windows), or UTF-16 ("Unicode text").
// Readers work on UTF-8 only; this turns any of them into UTF-8, a piece at
// a time, so a list of any size is read in bounded memory.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quanze/table.hpp"

namespace quanze {

/// A run of bytes that is not valid in the text's encoding. In the decoded
/// text one U+FFFD stands in for it, so the row and cell around it can be
/// found and reported; the replacement is never taken as data.
struct BadBytes {
  std::size_t offset = 0;  ///< of the U+FFFD in the decoded text
  std::string bytes;       ///< as they were in the file
};

/// How many bytes from the first non-ASCII byte on decide, with
/// TextEncoding::detect and no byte-order mark, between UTF-8 and GB18030
/// when the input comes in pieces (see TextDecoder::detect_from).
inline constexpr std::size_t kDetectBytes = std::size_t{1} << 20;

/// Decodes the bytes of one text, fed in pieces in order, to UTF-8. A
/// byte-order mark says UTF-8, UTF-16 or GB18030; UTF-16 without one shows
/// in its first 4096 bytes (a NUL in every other byte). Otherwise ASCII is
/// the same in UTF-8 and GB18030, so the choice waits for the first
/// non-ASCII byte and is made on the kDetectBytes from there (or on the
/// sample given to detect_from): valid UTF-8, or UTF-8 with a few damaged
/// bytes, is UTF-8; anything else is GB18030. A file whose first megabyte
/// of non-ASCII text is UTF-8 and whose later text is GB18030 thus has its
/// later rows reported as invalid UTF-8, never guessed at.
class TextDecoder {
 public:
  explicit TextDecoder(TextEncoding encoding);
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  /// Decide UTF-8 or GB18030 from `sample`, which starts at the first byte
  /// of the input and may be all of it, instead of from the first
  /// kDetectBytes: a whole text in memory is judged as a whole. Call before
  /// the first `feed`; `sample` need only live until then.
  void detect_from(std::string_view sample);

  /// Decodes `bytes`, the next piece of the input, appending UTF-8 to
  /// `text` and each run of invalid bytes to `bad` (with its offset in
  /// `text`; a run is joined to the one before when nothing valid came
  /// between). A character cut at the end of the piece waits for the next;
  /// `eof` says none follows. False, with `error`, when the bytes
  /// contradict the encoding asked for (a byte-order mark of another) or
  /// glibc cannot convert.
  bool feed(std::string_view bytes, bool eof, std::string& text, std::vector<BadBytes>& bad, std::string& error);

  /// Once UTF-8 is chosen, a piece can be read straight into the text and
  /// checked where it lies, rather than copied into it by feed(): append
  /// the bytes held from the piece before (put_held), then the piece's
  /// bytes as read, then call decode_in_place. Until then (an encoding
  /// still to choose or to convert from), feed() alone.
  bool decodes_in_place() const;
  /// Appends to `text` the bytes held for the next piece (a character the
  /// piece before cut), as they were read.
  void put_held(std::string& text);
  /// How many bytes put_held would append.
  std::size_t held() const;
  /// What feed() makes of the bytes from `from` to the end of `text`
  /// (held bytes, then a piece, as read): they stay where they are when
  /// valid — as they nearly always are; a character cut at the end is held
  /// for the next piece. Only for decodes_in_place().
  void decode_in_place(std::string& text, std::size_t from, bool eof, std::vector<BadBytes>& bad);

  /// What the bytes are read as: UTF-8, GB18030, UTF-16LE, UTF-16BE; UTF-8
  /// while only ASCII has been seen.
  const std::string& encoding() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Text that should be UTF-8 but was not checked on the way in (an XLSX
/// cell: the XML parser takes bytes as they come): each run of invalid
/// bytes is replaced by one U+FFFD and returned, as TextDecoder reports
/// them. Nothing changes, and nothing is returned, for valid text.
std::vector<BadBytes> replace_invalid_utf8(std::string& text);

/// "byte 0xFF is not valid GB18030" or "bytes 0xD6 0xD0 are not valid UTF-8".
std::string describe(const BadBytes& bad, std::string_view encoding);

}  // namespace quanze
