// Text lists come as Excel and WPS save them: UTF-8 with or without BOM,
// GB18030/GBK ("CSV" on a Chinese Windows), or UTF-16 ("Unicode text").
// Readers work on UTF-8 only; this turns any of them into UTF-8.
#pragma once

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

struct DecodedText {
  /// UTF-8, without byte-order mark. For input that was already valid
  /// UTF-8 (the common case, and lists can be large) it views the input
  /// bytes, which must then outlive it; otherwise it views `converted`.
  std::string_view text;
  std::string converted;
  DecodedText() = default;
  DecodedText(const DecodedText&) = delete;  // `text` may view `converted`
  DecodedText& operator=(const DecodedText&) = delete;
  std::string encoding;          ///< what the bytes were read as: UTF-8, GB18030, UTF-16LE, UTF-16BE
  std::vector<BadBytes> bad;     ///< in order of offset
};

/// Decodes `bytes` to UTF-8. With TextEncoding::detect, a byte-order mark
/// says UTF-8 or UTF-16; bytes that are valid UTF-8 are UTF-8; so are
/// bytes with a few invalid ones among much valid UTF-8 (a damaged UTF-8
/// file is reported where it is damaged, not read as GB18030 gibberish);
/// anything else is GB18030. False, with `error`, when the bytes contradict
/// the encoding asked for (a byte-order mark of another) or glibc cannot
/// convert.
bool decode_text(std::string_view bytes, TextEncoding encoding, DecodedText& out, std::string& error);

/// "byte 0xFF is not valid GB18030" or "bytes 0xD6 0xD0 are not valid UTF-8".
std::string describe(const BadBytes& bad, std::string_view encoding);

}  // namespace quanze
