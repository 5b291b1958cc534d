// Decoding lists to UTF-8 with glibc's iconv. Bytes that are invalid in the
// encoding are never dropped or guessed at: each run of them is recorded,
// and the reader makes the row that holds them a row error.
#include "io/text_encoding.hpp"

#include <errno.h>
#include <fmt/format.h>
#include <iconv.h>

#include <cstring>
#include <memory>
#include <optional>

#include "diag/utf8.hpp"

namespace quanze {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";
constexpr std::string_view kReplacement = "\uFFFD";

/// Records `bytes` as invalid at the end of `out`, joined to the run just
/// before when nothing valid came between.
void mark_bad(std::string_view bytes, DecodedText& out) {
  if (!out.bad.empty() && out.bad.back().offset + kReplacement.size() == out.converted.size()) {
    out.bad.back().bytes.append(bytes);
    return;
  }
  out.bad.push_back({out.converted.size(), std::string(bytes)});
  out.converted.append(kReplacement);
}

void decode_utf8(std::string_view in, DecodedText& out) {
  out.encoding = "UTF-8";
  std::optional<std::size_t> first = utf8::first_invalid(in);
  if (!first) {
    out.text = in;
    return;
  }
  out.converted.reserve(in.size());
  for (std::size_t bad = *first;;) {
    out.converted.append(in.substr(0, bad));
    if (bad == in.size()) break;
    mark_bad(in.substr(bad, 1), out);
    in.remove_prefix(bad + 1);
    bad = utf8::first_invalid(in).value_or(in.size());
  }
  out.text = out.converted;
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

/// Converts with iconv; an invalid or truncated sequence is skipped one
/// code unit (`unit` bytes) at a time and recorded.
bool decode_iconv(std::string_view in, const char* from, std::size_t unit, DecodedText& out, std::string& error) {
  out.encoding = from;
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    error = fmt::format("this system cannot convert {} to UTF-8 (iconv: {})", from, std::strerror(errno));
    return false;
  }
  std::unique_ptr<void, IconvCloser> closer(cd);
  out.converted.reserve(in.size() + in.size() / 2);
  char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write
  std::size_t left = in.size();
  char buffer[1 << 16];
  while (left > 0) {
    char* dst = buffer;
    std::size_t room = sizeof buffer;
    std::size_t result = iconv(cd, &src, &left, &dst, &room);
    int failure = result == static_cast<std::size_t>(-1) ? errno : 0;
    out.converted.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (failure == 0 || failure == E2BIG) continue;
    std::size_t skip = std::min(unit, left);
    mark_bad(std::string_view(src, skip), out);
    src += skip;
    left -= skip;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
  }
  out.text = out.converted;
  return true;
}

/// GB18030 text seldom forms valid multi-byte UTF-8 (its lead and trail
/// bytes mostly break UTF-8's rules): count both kinds of sequence.
bool mostly_utf8(std::string_view s) {
  std::size_t valid = 0, invalid = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    utf8::next(s, i);
    if (static_cast<unsigned char>(s[start]) < 0x80) continue;
    if (i - start == 1) ++invalid;
    else ++valid;
  }
  return valid >= 4 * invalid;
}

/// UTF-16 without a byte-order mark still shows itself in ASCII text: a NUL
/// in every other byte. 'L' or 'B' when the first bytes look so, else 0.
char utf16_without_bom(std::string_view s) {
  std::string_view head = s.substr(0, 4096);
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < head.size(); ++i)
    if (head[i] == '\0') ++(i % 2 ? odd : even);
  // A stray NUL in UTF-8 text must not turn it into UTF-16 gibberish.
  if ((odd + even) * 16 < head.size()) return 0;
  if (even == 0) return 'L';
  if (odd == 0) return 'B';
  return 0;
}

const char* encoding_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::utf8: return "utf-8";
    case TextEncoding::gb18030: return "gb18030";
    case TextEncoding::utf16: return "utf-16";
    case TextEncoding::detect: break;
  }
  return "detect";
}

}  // namespace

bool decode_text(std::string_view bytes, TextEncoding encoding, DecodedText& out, std::string& error) {
  out.text = {};
  out.converted.clear();
  out.encoding.clear();
  out.bad.clear();
  const char* bom = bytes.starts_with(kUtf8Bom)       ? "UTF-8"
                    : bytes.starts_with(kUtf16LeBom)  ? "UTF-16LE"
                    : bytes.starts_with(kUtf16BeBom)  ? "UTF-16BE"
                    : bytes.starts_with(kGb18030Bom)  ? "GB18030"
                                                      : nullptr;
  if (bom && encoding != TextEncoding::detect) {
    std::string_view name = bom;
    bool agrees = (encoding == TextEncoding::utf8 && name == "UTF-8") ||
                  (encoding == TextEncoding::utf16 && name.starts_with("UTF-16")) ||
                  (encoding == TextEncoding::gb18030 && name == "GB18030");
    if (!agrees) {
      error = fmt::format("the file starts with the byte-order mark of {}, but --encoding {} was given; "
                          "leave --encoding out",
                          name, encoding_name(encoding));
      return false;
    }
  }
  if (bom) {
    std::string_view name = bom;
    std::size_t mark = name == "UTF-8" ? kUtf8Bom.size() : name == "GB18030" ? kGb18030Bom.size() : 2;
    bytes.remove_prefix(mark);
    if (name == "UTF-8") return decode_utf8(bytes, out), true;
    return decode_iconv(bytes, bom, name == "GB18030" ? 1 : 2, out, error);
  }
  if (encoding == TextEncoding::detect) {
    if (utf16_without_bom(bytes)) encoding = TextEncoding::utf16;
    else if (!utf8::first_invalid(bytes) || mostly_utf8(bytes)) encoding = TextEncoding::utf8;
    else encoding = TextEncoding::gb18030;
  }
  switch (encoding) {
    case TextEncoding::utf16:
      return decode_iconv(bytes, utf16_without_bom(bytes) == 'B' ? "UTF-16BE" : "UTF-16LE", 2, out, error);
    case TextEncoding::gb18030: return decode_iconv(bytes, "GB18030", 1, out, error);
    case TextEncoding::utf8:
    case TextEncoding::detect: break;
  }
  decode_utf8(bytes, out);
  return true;
}

std::string describe(const BadBytes& bad, std::string_view encoding) {
  constexpr std::size_t kShown = 4;
  std::string hex;
  for (std::size_t i = 0; i < bad.bytes.size() && i < kShown; ++i)
    hex += fmt::format("{}0x{:02X}", i ? " " : "", static_cast<unsigned char>(bad.bytes[i]));
  if (bad.bytes.size() > kShown) hex += fmt::format(" … ({} bytes)", bad.bytes.size());
  return fmt::format("{} {} {} not valid {}", bad.bytes.size() == 1 ? "byte" : "bytes", hex,
                     bad.bytes.size() == 1 ? "is" : "are", encoding);
}

}  // namespace quanze
