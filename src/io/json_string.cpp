#include "io/json_string.hpp"

#include <nlohmann/json.hpp>

#include "diag/byte_words.hpp"
#include "diag/utf8.hpp"

namespace quanze {

namespace {

/// Offset of the first byte of `text` from `i` that JSON must escape (a
/// control character, '"' or '\\'), or its size; eight bytes at a time.
std::size_t next_escape(std::string_view text, std::size_t i) {
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w = bytes::word(text.data() + i);
    std::uint64_t hits = bytes::below(w, 0x20) | bytes::equal(w, '"') | bytes::equal(w, '\\');
    if (hits) return i + bytes::first(hits);
  }
  for (; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return text.size();
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  // Well-formed as nlohmann's decoder judges it: no overlong forms,
  // surrogates or code points past U+10FFFF.
  if (utf8::valid_run_end(text, 0) != text.size()) {
    // Rare (cells are checked on reading): let nlohmann place the
    // replacement characters, so the bytes are its bytes.
    out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // bytes since the last escape, appended in one go
  for (std::size_t i = 0; (i = next_escape(text, i)) < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(u, 6);
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

}  // namespace quanze
