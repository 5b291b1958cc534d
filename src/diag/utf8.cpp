#include "diag/utf8.hpp"

#include "diag/byte_words.hpp"
#include "diag/cpu_features.hpp"
#include "diag/utf8_simd.hpp"

namespace quanze::utf8 {
namespace {

/// Length of the well-formed sequence at `i`, or 0 (RFC 3629, table 3-7 of
/// the Unicode standard).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char lead = b(0);
  if (lead < 0x80) return 1;
  std::size_t n = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range depends on the lead
  if (lead == 0xE0) lo = 0xA0;
  else if (lead == 0xED) hi = 0x9F;
  else if (lead == 0xF0) lo = 0x90;
  else if (lead == 0xF4) hi = 0x8F;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if ((b(k) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

char32_t next(std::string_view s, std::size_t& i) {
  std::size_t n = sequence_length(s, i);
  auto lead = static_cast<unsigned char>(s[i]);
  if (n <= 1) {
    ++i;
    return lead;
  }
  char32_t cp = lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

void append(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | c >> 6);
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | c >> 12);
    out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | c >> 18);
    out += static_cast<char>(0x80 | (c >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (c >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::optional<std::size_t> first_invalid(std::string_view s) {
  std::size_t end = valid_run_end(s, 0);
  if (end == s.size()) return std::nullopt;
  return end;
}

std::size_t ascii_run(std::string_view s, std::size_t i) {
  std::size_t start = i;
  for (; i + 8 <= s.size(); i += 8)
    if (bytes::word(s.data() + i) & bytes::kHighs) break;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i - start;
}

namespace detail {

std::size_t valid_run_end_scalar(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  for (;;) {
    i += ascii_run(s, i);
    if (i == s.size()) return i;
    // Most non-ASCII text here is CJK: a lead E1–EC, EE or EF takes any two
    // continuation bytes.
    unsigned char lead = b(i);
    if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && i + 3 <= s.size() && (b(i + 1) & 0xC0) == 0x80 &&
        (b(i + 2) & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    std::size_t n = sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
}

SimdPath simd_path() {
  static const SimdPath path = [] {
    const CpuFeatures& cpu = cpu_features();
    if (cpu.wide_avx512()) return SimdPath::avx512;
    if (cpu.avx2) return SimdPath::avx2;
    return SimdPath::none;
  }();
  return path;
}

}  // namespace detail

std::size_t valid_run_end(std::string_view s, std::size_t i) {
#if defined(__x86_64__)
  switch (detail::simd_path()) {
    case detail::SimdPath::avx512: return detail::valid_run_end_avx512(s, i);
    case detail::SimdPath::avx2: return detail::valid_run_end_avx2(s, i);
    case detail::SimdPath::none: break;
  }
#endif
  return detail::valid_run_end_scalar(s, i);
}

Position position_of(std::string_view s, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < s.size();) {
    if (s[i] == '\n') {
      ++p.line;
      p.column = 1;
      ++i;
      continue;
    }
    next(s, i);
    ++p.column;
  }
  return p;
}

}  // namespace quanze::utf8
