// UTF-8 validation: valid_run_end's SIMD paths must answer exactly as the
// scalar routine they replace, at every offset, whatever the error and
// wherever it falls against the 32- and 64-byte blocks.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "diag/utf8.hpp"
#include "diag/utf8_simd.hpp"

using quanze::utf8::valid_run_end;
using quanze::utf8::detail::valid_run_end_scalar;

namespace {

/// splitmix64: the same strings on every run and machine.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }
  char in(unsigned lo, unsigned hi) { return static_cast<char>(lo + below(hi - lo + 1)); }
  char cont() { return in(0x80, 0xBF); }
};

/// One well-formed character, mostly CJK and ASCII as in the lists.
std::string valid_char(Random& r) {
  switch (r.below(10)) {
    case 0: case 1: case 2: return std::string(1, r.in(0x00, 0x7F));
    case 3: return {r.in(0xC2, 0xDF), r.cont()};
    case 4: return {'\xE0', r.in(0xA0, 0xBF), r.cont()};
    case 5: return {'\xED', r.in(0x80, 0x9F), r.cont()};
    case 6: return {'\xF0', r.in(0x90, 0xBF), r.cont(), r.cont()};
    case 7: return {r.in(0xF1, 0xF3), r.cont(), r.cont(), r.cont()};
    case 8: return {'\xF4', r.in(0x80, 0x8F), r.cont(), r.cont()};
    default: {
      char lead = r.in(0xE1, 0xEF);  // CJK; ED has its own range above
      return {lead == '\xED' ? '\xEE' : lead, r.cont(), r.cont()};
    }
  }
}

/// Bytes holding an error, one kind each, and the offset in them of the
/// first byte that does not begin a whole well-formed sequence (when what
/// follows begins with a character).
struct Invalid {
  std::string bytes;
  std::size_t bad_at = 0;
};
Invalid invalid_piece(Random& r, unsigned kind) {
  switch (kind) {
    case 0: return {{r.cont()}};                                        // stray continuation byte
    case 1: return {{'\xE4', '\xB8'}};                                  // truncated three-byte
    case 2: return {{r.in(0xF1, 0xF3), r.cont(), r.cont()}};            // truncated four-byte
    case 3: return {{r.in(0xC2, 0xDF)}};                                // truncated two-byte
    case 4: return {{'\xE0', r.in(0x80, 0x9F), r.cont()}};              // overlong three-byte
    case 5: return {{'\xF0', r.in(0x80, 0x8F), r.cont(), r.cont()}};     // overlong four-byte
    case 6: return {{'\xED', r.in(0xA0, 0xBF), r.cont()}};              // surrogate
    case 7: return {{'\xF4', r.in(0x90, 0xBF), r.cont(), r.cont()}};     // past U+10FFFF
    case 8: return {{r.in(0xF5, 0xFF), r.cont(), r.cont(), r.cont()}};  // never a lead
    case 9: return {{r.in(0xC0, 0xC1), r.cont()}};                      // overlong two-byte
    case 10: return {{'\xE4', '\xB8', '\xAD', r.cont()}, 3};             // a continuation byte too many
    default: return {{'\xF0', '\x9F', '\x98', '\x80', r.cont()}, 4};    // the same after four bytes
  }
}
constexpr unsigned kInvalidKinds = 12;

/// Well-formed text of at least `length` bytes; `ascii_only` for the
/// blocks the fast path skips.
std::string valid_text(Random& r, std::size_t length, bool ascii_only = false) {
  std::string s;
  while (s.size() < length) s += ascii_only ? std::string(1, r.in(0x20, 0x7E)) : valid_char(r);
  return s;
}

using Check = std::size_t (*)(std::string_view, std::size_t);

/// The ways of checking this machine has: valid_run_end as it dispatches,
/// and the AVX2 path too where it takes the AVX-512 one.
std::vector<Check> checks() {
  std::vector<Check> all{&valid_run_end};
#if defined(__x86_64__)
  if (quanze::utf8::detail::simd_path() == quanze::utf8::detail::SimdPath::avx512)
    all.push_back(&quanze::utf8::detail::valid_run_end_avx2);
#endif
  return all;
}

/// Checks every offset of `s` against the scalar reference.
void check_every_offset(const std::string& s) {
  for (Check check : checks()) {
    for (std::size_t i = 0; i <= s.size(); ++i) {
      INFO("offset ", i, " of ", s.size());
      REQUIRE(check(s, i) == valid_run_end_scalar(s, i));
    }
  }
}

}  // namespace

TEST_CASE("utf8: valid_run_end gives the offset of the first bad byte, here and across blocks") {
  if (!quanze::utf8::detail::simd_in_use()) MESSAGE("valid_run_end takes no SIMD path here: the scalar routine is checked against itself");
  std::string cjk;
  for (int k = 0; k < 40; ++k) cjk += "中";  // 120 bytes: E4 B8 AD
  CHECK(valid_run_end("", 0) == 0);
  CHECK(valid_run_end(cjk, 0) == 120);
  CHECK(valid_run_end(cjk, 3) == 120);
  CHECK(valid_run_end(cjk, 1) == 1);  // inside a character: a continuation byte begins nothing
  CHECK(valid_run_end(cjk.substr(0, 33) + "\x80" + cjk, 0) == 33);
  CHECK(valid_run_end(cjk.substr(0, 30) + "\xE4\xB8" + std::string(40, 'a'), 0) == 30);  // cut over a block end
  CHECK(valid_run_end(std::string(64, 'a') + "\xED\xA0\x80" + cjk, 0) == 64);
  CHECK(valid_run_end(std::string(31, 'a') + "\xF4\x90\x80\x80" + std::string(40, 'a'), 0) == 31);
  CHECK(valid_run_end(std::string(30, 'a') + "\xF0\x9F\x98\x80" + std::string(40, 'a'), 0) == 74);
  CHECK(valid_run_end(std::string(29, 'a') + "\xF0\x9F\x98" + std::string(40, 'a'), 0) == 29);
  CHECK(valid_run_end(std::string(63, 'a') + "\xC3", 0) == 63);  // cut at the very end
}

TEST_CASE("utf8: the SIMD path agrees with the scalar routine on random text at every length and offset") {
  Random r{42};
  // Every length past the 32- and 64-byte blocks, and some past the groups
  // of four blocks checked at once.
  std::vector<std::size_t> lengths;
  for (std::size_t length = 0; length <= 200; ++length) lengths.push_back(length);
  for (std::size_t length = 250; length <= 700; length += 37) lengths.push_back(length);
  for (std::size_t length : lengths) {
    for (int round = 0; round < 6; ++round) {
      std::string s = valid_text(r, length);
      // Half the strings hold one or two errors, anywhere.
      for (unsigned errors = round % 2 ? 1 + r.below(2) : 0; errors > 0; --errors) {
        std::size_t at = s.empty() ? 0 : r.below(static_cast<unsigned>(s.size()));
        s.insert(at, invalid_piece(r, r.below(kInvalidKinds)).bytes);
      }
      s.resize(length);  // may cut a sequence at the end too
      check_every_offset(s);
    }
  }
}

TEST_CASE("utf8: an error at and around each block boundary is found where the scalar routine finds it") {
  Random r{7};
  const std::size_t places[] = {0,   1,   2,   3,   14,  15,  16,  17,  18,  28,  29,  30,  31,  32,
                                33,  34,  35,  61,  62,  63,  64,  65,  66,  95,  96,  97,  127, 128,
                                129, 159, 160, 161, 191, 192, 254, 255, 256, 257, 383, 384, 511, 512};
  for (std::size_t place : places) {
    for (unsigned kind = 0; kind < kInvalidKinds; ++kind) {
      for (int background = 0; background < 3; ++background) {
        // Whole characters up to `place`, then the error: the exact answer
        // is known without the scalar routine.
        std::string s = valid_text(r, place, background == 0);
        Invalid bad = invalid_piece(r, kind);
        std::size_t at = s.size() + bad.bad_at;
        s += bad.bytes + valid_text(r, 80, background == 1);
        INFO("kind ", kind, " at ", at, " background ", background);
        CHECK(valid_run_end(s, 0) == at);
        check_every_offset(s);
      }
    }
  }
}

TEST_CASE("utf8: every sequence of up to four telling bytes straddling a block boundary agrees with the scalar routine") {
  // One byte of each class the validator tells apart.
  const unsigned char bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::vector<std::string> probes;
  for (unsigned char a : bytes)
    for (unsigned char b : bytes)
      for (unsigned char c : bytes)
        for (unsigned char d : bytes) probes.push_back({char(a), char(b), char(c), char(d)});
  std::size_t mismatches = 0;
  for (std::size_t place : {29, 30, 31, 61, 62, 63}) {
    std::string s = std::string(place, 'a') + "    " + std::string(40, 'a');
    for (const std::string& probe : probes) {
      s.replace(place, 4, probe);
      for (Check check : checks())
        for (std::size_t i : {std::size_t{0}, place})
          if (check(s, i) != valid_run_end_scalar(s, i) && ++mismatches <= 10)
            FAIL_CHECK("mismatch at offset ", i, " with the probe at ", place);
    }
  }
  CHECK(mismatches == 0);
}
