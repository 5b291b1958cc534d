// Decoding lists to UTF-8 with glibc's iconv. Bytes that are invalid in the
// encoding are never dropped or guessed at: each run of them is recorded,
// and the reader makes the row that holds them a row error.
#include "io/text_encoding.hpp"

#include <errno.h>
#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cstdint>
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

/// Records `bytes` as invalid at the end of `text`, joined to the run just
/// before when nothing valid came between.
void mark_bad(std::string_view bytes, std::string& text, std::vector<BadBytes>& bad) {
  if (!bad.empty() && bad.back().offset + kReplacement.size() == text.size()) {
    bad.back().bytes.append(bytes);
    return;
  }
  bad.push_back({text.size(), std::string(bytes)});
  text.append(kReplacement);
}

/// The bytes from `i` to the end could begin a well-formed UTF-8 sequence
/// that the next piece completes.
bool cut_sequence(std::string_view s, std::size_t i) {
  auto lead = static_cast<unsigned char>(s[i]);
  std::size_t n = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n <= s.size()) return false;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead == 0xE0) lo = 0xA0;
  else if (lead == 0xED) hi = 0x9F;
  else if (lead == 0xF0) lo = 0x90;
  else if (lead == 0xF4) hi = 0x8F;
  for (std::size_t k = i + 1; k < s.size(); ++k) {
    auto b = static_cast<unsigned char>(s[k]);
    if (k == i + 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return false;
  }
  return true;
}

/// Appends `in` to `out`, each byte that starts no UTF-8 character put as
/// U+FFFD and recorded (mark_bad). Returns where a character cut at the end
/// of `in` starts, which waits for the next piece unless `eof`; else
/// in.size().
std::size_t append_replacing_invalid(std::string_view in, bool eof, std::string& out, std::vector<BadBytes>& bad) {
  for (std::size_t i = 0; i < in.size();) {
    const std::size_t start = i;
    i = utf8::valid_run_end(in, i);
    out.append(in.substr(start, i - start));
    if (i == in.size()) break;
    if (!eof && cut_sequence(in, i)) return i;
    mark_bad(in.substr(i, 1), out, bad);
    ++i;
  }
  return in.size();
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

struct TextDecoder::Impl {
  /// start: the byte-order mark is not yet seen; ascii: no BOM, only ASCII
  /// so far, UTF-8 or GB18030 still open.
  enum class Mode { start, ascii, utf8, iconv };
  TextEncoding asked;
  Mode mode = Mode::start;
  std::optional<bool> sample_utf8;  ///< detect_from's verdict
  std::string pending;              ///< bytes waiting for more (a cut character, the detection window)
  std::string name = "UTF-8";
  iconv_t cd = reinterpret_cast<iconv_t>(-1);
  std::size_t unit = 1;  ///< code unit skipped past an invalid sequence

  ~Impl() {
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }

  bool open_iconv(const char* from, std::size_t unit_bytes, std::string& error) {
    name = from;
    unit = unit_bytes;
    mode = Mode::iconv;
    cd = iconv_open("UTF-8", from);
    if (cd != reinterpret_cast<iconv_t>(-1)) return true;
    error = fmt::format("this system cannot convert {} to UTF-8 (iconv: {})", from, std::strerror(errno));
    return false;
  }

  bool choose(bool utf8, std::string& error) {
    if (utf8) return name = "UTF-8", mode = Mode::utf8, true;
    return open_iconv("GB18030", 1, error);
  }

  /// The byte-order mark, or UTF-16 by its NULs, or what was asked.
  bool start(std::string_view& in, std::string& error) {
    const char* bom = in.starts_with(kUtf8Bom)       ? "UTF-8"
                      : in.starts_with(kUtf16LeBom)  ? "UTF-16LE"
                      : in.starts_with(kUtf16BeBom)  ? "UTF-16BE"
                      : in.starts_with(kGb18030Bom)  ? "GB18030"
                                                     : nullptr;
    if (bom && asked != TextEncoding::detect) {
      std::string_view bom_name = bom;
      bool agrees = (asked == TextEncoding::utf8 && bom_name == "UTF-8") ||
                    (asked == TextEncoding::utf16 && bom_name.starts_with("UTF-16")) ||
                    (asked == TextEncoding::gb18030 && bom_name == "GB18030");
      if (!agrees) {
        error = fmt::format("the file starts with the byte-order mark of {}, but --encoding {} was given; "
                            "leave --encoding out",
                            bom_name, encoding_name(asked));
        return false;
      }
    }
    if (bom) {
      std::string_view bom_name = bom;
      in.remove_prefix(bom_name == "UTF-8" ? kUtf8Bom.size() : bom_name == "GB18030" ? kGb18030Bom.size() : 2);
      if (bom_name == "UTF-8") return choose(true, error);
      return open_iconv(bom, bom_name == "GB18030" ? 1 : 2, error);
    }
    switch (asked) {
      case TextEncoding::utf16:
        return open_iconv(utf16_without_bom(in) == 'B' ? "UTF-16BE" : "UTF-16LE", 2, error);
      case TextEncoding::gb18030: return open_iconv("GB18030", 1, error);
      case TextEncoding::utf8: return choose(true, error);
      case TextEncoding::detect: break;
    }
    if (char order = utf16_without_bom(in)) return open_iconv(order == 'B' ? "UTF-16BE" : "UTF-16LE", 2, error);
    if (sample_utf8) return choose(*sample_utf8, error);
    mode = Mode::ascii;
    return true;
  }

  /// The bytes a cut character left pending, finished with the first
  /// bytes of `in` a few at a time (no sequence is longer than four) until
  /// none are pending; returns the rest of `in`. Not by joining the two: a
  /// piece is a quarter megabyte, and two pieces in three of Chinese text
  /// end inside a character, so the join copied most of the input once
  /// more, into memory fresh each time.
  std::string_view finish_pending(std::string_view in, bool eof, std::string& text, std::vector<BadBytes>& bad) {
    std::string piece;
    while (!pending.empty() && !in.empty()) {
      piece.swap(pending);
      pending.clear();
      const std::size_t take = std::min<std::size_t>(in.size(), 4);
      piece.append(in.substr(0, take));
      in.remove_prefix(take);
      decode(piece, eof && in.empty(), text, bad);
    }
    if (!pending.empty() && eof) {  // the input ended inside a character
      piece.swap(pending);
      pending.clear();
      decode(piece, true, text, bad);
    }
    return in;
  }

  void decode(std::string_view in, bool eof, std::string& text, std::vector<BadBytes>& bad) {
    if (mode == Mode::utf8) decode_utf8(in, eof, text, bad);
    else decode_iconv(in, eof, text, bad);
  }

  void decode_utf8(std::string_view in, bool eof, std::string& text, std::vector<BadBytes>& bad) {
    const std::size_t cut = append_replacing_invalid(in, eof, text, bad);
    if (cut < in.size()) pending.assign(in.substr(cut));
  }

  /// Converts with iconv; an invalid sequence is skipped one code unit at a
  /// time and recorded, a sequence cut at the end of the piece waits.
  void decode_iconv(std::string_view in, bool eof, std::string& text, std::vector<BadBytes>& bad) {
    char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write
    std::size_t left = in.size();
    while (left > 0) {
      // UTF-8 takes at most 3 bytes for a 2-byte GB18030 or UTF-16 unit.
      std::size_t old = text.size(), room = left * 2 + 16;
      text.resize(old + room);
      char* dst = text.data() + old;
      std::size_t free = room;
      std::size_t result = iconv(cd, &src, &left, &dst, &free);
      int failure = result == static_cast<std::size_t>(-1) ? errno : 0;
      text.resize(old + (room - free));
      if (failure == 0 || failure == E2BIG) continue;
      if (failure == EINVAL && !eof) {
        pending.assign(src, left);
        return;
      }
      std::size_t skip = std::min(unit, left);
      mark_bad(std::string_view(src, skip), text, bad);
      src += skip;
      left -= skip;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
    }
  }
};

TextDecoder::TextDecoder(TextEncoding encoding) : impl_(std::make_unique<Impl>()) { impl_->asked = encoding; }
TextDecoder::~TextDecoder() = default;

void TextDecoder::detect_from(std::string_view sample) {
  impl_->sample_utf8 = !utf8::first_invalid(sample) || mostly_utf8(sample);
}

const std::string& TextDecoder::encoding() const { return impl_->name; }

bool TextDecoder::feed(std::string_view bytes, bool eof, std::string& text, std::vector<BadBytes>& bad,
                       std::string& error) {
  Impl& d = *impl_;
  std::string_view in = bytes;
  if ((d.mode == Impl::Mode::utf8 || d.mode == Impl::Mode::iconv) && !d.pending.empty()) {
    in = d.finish_pending(in, eof, text, bad);
    if (in.empty()) return true;
  }
  // Choosing the encoding looks at a window of bytes whole: the new ones
  // are added to those held for it, which grow in place (piece by piece,
  // the window is copied once, not once a piece).
  std::string window;
  if (!d.pending.empty()) {
    window.swap(d.pending);
    window.append(bytes);
    in = window;
  }
  // Keeps `in`, the end of the window or of `bytes`, for the next piece.
  auto hold = [&](std::string_view rest) {
    if (!window.empty()) {
      window.erase(0, static_cast<std::size_t>(rest.data() - window.data()));
      d.pending.swap(window);
    } else {
      d.pending.assign(rest);
    }
    return true;
  };
  if (d.mode == Impl::Mode::start) {
    // The UTF-16 test looks at the first 4096 bytes.
    if (in.size() < 4096 && !eof) return hold(in);
    if (!d.start(in, error)) return false;
  }
  if (d.mode == Impl::Mode::ascii) {
    std::size_t ascii = utf8::ascii_run(in, 0);
    text.append(in.substr(0, ascii));
    in.remove_prefix(ascii);
    if (in.empty()) return true;
    if (in.size() < kDetectBytes && !eof) return hold(in);
    if (!d.choose(!utf8::first_invalid(in) || mostly_utf8(in), error)) return false;
  }
  d.decode(in, eof, text, bad);
  return true;
}

bool TextDecoder::decodes_in_place() const { return impl_->mode == Impl::Mode::utf8; }

std::size_t TextDecoder::held() const { return impl_->pending.size(); }

void TextDecoder::put_held(std::string& text) {
  text.append(impl_->pending);
  impl_->pending.clear();
}

void TextDecoder::decode_in_place(std::string& text, std::size_t from, bool eof, std::vector<BadBytes>& bad) {
  const std::string_view in = std::string_view(text).substr(from);
  const std::size_t valid = utf8::valid_run_end(in, 0);
  if (valid == in.size()) return;
  if (!eof && cut_sequence(in, valid)) {
    impl_->pending.assign(in.substr(valid));
    text.resize(from + valid);
    return;
  }
  // Bytes that are not UTF-8 (rare): from there on, as feed() does.
  std::string rest(in.substr(valid));
  text.resize(from + valid);
  impl_->decode_utf8(rest, eof, text, bad);
}

std::vector<BadBytes> replace_invalid_utf8(std::string& text) {
  std::vector<BadBytes> bad;
  if (!utf8::first_invalid(text)) return bad;
  std::string out;
  out.reserve(text.size() + kReplacement.size());
  append_replacing_invalid(text, /*eof=*/true, out, bad);
  text = std::move(out);
  return bad;
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
