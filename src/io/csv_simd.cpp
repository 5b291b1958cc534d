// The CSV block reading compiled for CPUs with AVX2, POPCNT, PCLMUL and
// BMI1 (nearly every x86-64 since 2013), and with AVX-512 BW beside them,
// which the baseline build cannot assume: chosen at run time, once
// (csv_widest_scan). Each function here
// reads exactly as its baseline twin, which the tests hold it to.
#include <algorithm>
#include <cstring>

// GCC 12's AVX-512 headers start some intrinsics from an undefined vector
// and warn of it where they are inlined (GCC bug 105593, as in
// utf8_avx512.cpp): nothing here is read uninitialized.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "diag/cpu_features.hpp"
#include "diag/utf8_lookup.hpp"
#include "diag/utf8_simd.hpp"
#include "diag/utf8_vector_ops.hpp"
#include "io/csv_parser.hpp"
#include "io/csv_scan_avx2.hpp"
#include "io/csv_simple_record.hpp"
#include "io/record_cut.hpp"

namespace quanze {

CsvBlockScan csv_widest_scan() {
  static const CsvBlockScan widest = [] {
    const CpuFeatures& cpu = cpu_features();
    if (!(cpu.avx2 && cpu.popcnt && cpu.pclmul && cpu.bmi)) return CsvBlockScan::baseline;
    return cpu.wide_avx512() ? CsvBlockScan::avx512 : CsvBlockScan::avx2;
  }();
  return widest;
}

#if defined(__x86_64__)

// utf8_blocks.hpp's check compiled for each way of reading blocks, so that
// it is inlined into simple_record_with's loop (see utf8_vector_ops.hpp).
namespace utf8::detail {
namespace {
namespace csv_avx2 {
using namespace lookup;
#define QUANZE_UTF8_TARGET QUANZE_CSV_SIMD
#include "diag/utf8_blocks.hpp"
#undef QUANZE_UTF8_TARGET
}  // namespace csv_avx2
namespace csv_avx512 {
using namespace lookup;
#define QUANZE_UTF8_TARGET QUANZE_CSV_AVX512
#include "diag/utf8_blocks.hpp"
#undef QUANZE_UTF8_TARGET
}  // namespace csv_avx512
}  // namespace
}  // namespace utf8::detail

namespace {

/// simple_record_with's Utf8: the bits of a 64-byte block's bytes where it
/// is not UTF-8, following the block before it (Carry; zero: ASCII).
struct Avx2BlockUtf8Check {
  static constexpr bool kChecks = true;
  using Carry = __m256i;
  QUANZE_CSV_SIMD static std::uint64_t errors(const char* block, Carry& prev) {
    using utf8::detail::Avx2;
    const __m256i lo = Avx2::load(block), hi = Avx2::load(block + 32);
    const __m256i bad_lo = utf8::detail::csv_avx2::errors<Avx2>(lo, prev);
    const __m256i bad_hi = utf8::detail::csv_avx2::errors<Avx2>(hi, lo);
    prev = hi;
    const __m256i zero = _mm256_setzero_si256();
    return ~SimdScan::bits(_mm256_cmpeq_epi8(bad_lo, zero), _mm256_cmpeq_epi8(bad_hi, zero));
  }
};

struct Avx512BlockUtf8Check {
  static constexpr bool kChecks = true;
  using Carry = __m512i;
  QUANZE_CSV_AVX512 static std::uint64_t errors(const char* block, Carry& prev) {
    using utf8::detail::Avx512;
    const __m512i in = Avx512::load(block);
    const __m512i bad = utf8::detail::csv_avx512::errors<Avx512>(in, prev);
    prev = in;
    return _mm512_test_epi8_mask(bad, bad);
  }
};

}  // namespace

QUANZE_CSV_SIMD bool CsvParser::simple_record_simd(Row& row) {
  return simple_record_with<SimdScan, Avx2BlockUtf8Check>(row);
}
QUANZE_CSV_AVX512 bool CsvParser::simple_record_avx512(Row& row) {
  return simple_record_with<Avx512Scan, Avx512BlockUtf8Check>(row);
}

// Every quote is read as opening or closing a quoted cell, as the masks'
// parity has it; a text where that is not how the reference reads it — a
// quote inside an unquoted cell, or in text after a closing quote — goes
// to the reference whole. Lists rarely have either, and then only in
// a row in error.
QUANZE_CSV_SIMD RecordCut detail::last_record_end_simd(std::string_view text, std::size_t from, char delimiter) {
  const std::size_t n = text.size();
  const char* t = text.data();
  const char pad = delimiter == 'x' ? 'y' : 'x';  // no byte CSV reads
  const __m256i vq = _mm256_set1_epi8('"'), vd = _mm256_set1_epi8(delimiter), vr = _mm256_set1_epi8('\r'),
                vn = _mm256_set1_epi8('\n');
  RecordCut cut{from, 0};
  std::uint64_t inside_carry = 0;  // all ones while a quoted cell goes on into the block
  std::uint64_t cell_may_start = 1;  // bit 0: the byte before the block ends a cell (or is `from`'s start)
  std::uint64_t lines = 0;         // counted in [from, base)
  // The last block that holds a record end: where, its ends, LFs and lone
  // CRs, and the lines before it.
  std::uint64_t last_ends = 0, last_lfs = 0, last_lone_crs = 0, lines_before_last = 0;
  std::size_t last_block = 0;
  alignas(32) char tail[64];
  for (std::size_t base = from; base < n; base += 64) {
    const std::size_t size = std::min<std::size_t>(64, n - base);
    const char* block = t + base;
    if (size < 64) {
      std::memset(tail, pad, sizeof tail);
      std::memcpy(tail, block, size);
      block = tail;
    }
    // Quotes and LFs are what most blocks need; CRs are looked for when
    // there are any, delimiters only in a block with a quote (or at its
    // last byte, where a quote in the next block may start a cell).
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
    const std::uint64_t quote = SimdScan::bits(_mm256_cmpeq_epi8(lo, vq), _mm256_cmpeq_epi8(hi, vq));
    const std::uint64_t lf = SimdScan::bits(_mm256_cmpeq_epi8(lo, vn), _mm256_cmpeq_epi8(hi, vn));
    const __m256i cr_lo = _mm256_cmpeq_epi8(lo, vr), cr_hi = _mm256_cmpeq_epi8(hi, vr);
    const std::uint64_t cr =
        _mm256_testz_si256(_mm256_or_si256(cr_lo, cr_hi), _mm256_or_si256(cr_lo, cr_hi)) ? 0 : SimdScan::bits(cr_lo, cr_hi);
    std::uint64_t inside = inside_carry;
    std::uint64_t cell_ends_last;  // bit 63: the block's last byte ends a cell
    if (quote) {
      inside ^= SimdScan::parity(quote);
      const std::uint64_t openers = quote & inside, closers = quote & ~inside;
      // A quote opens a quoted cell where a cell starts, or right after a
      // closing one ("" inside a cell). Text after a closing quote needs
      // no test of its own: the reference reads a quote in it as text, and
      // here that quote would open a cell where none starts.
      const std::uint64_t delimiters = SimdScan::bits(_mm256_cmpeq_epi8(lo, vd), _mm256_cmpeq_epi8(hi, vd));
      const std::uint64_t cell_ends = delimiters | cr | lf | closers;
      if (openers & ~(cell_ends << 1 | cell_may_start)) return last_record_end_scalar(text, from, delimiter);
      cell_ends_last = cell_ends;
    } else {
      cell_ends_last = cr | lf | std::uint64_t{block[63] == delimiter} << 63;
    }

    // Record ends: an LF, or a CR without an LF after it, outside quotes —
    // but not a CR that is the text's last byte, whose LF may be to come.
    // Lines: every LF, and every CR that ends a record alone.
    std::uint64_t ends = lf & ~inside;
    std::uint64_t lone_crs = 0;
    if (cr) [[unlikely]] {
      const bool lf_next = base + 64 < n && t[base + 64] == '\n';
      lone_crs = cr & ~(lf >> 1 | std::uint64_t{lf_next} << 63) & ~inside;
      if (base + size == n && (cr >> (size - 1) & 1)) lone_crs &= ~(std::uint64_t{1} << (size - 1));
      ends |= lone_crs;
    }
    // The cut is found once the last block with an end is known.
    if (ends) {
      last_ends = ends;
      last_block = base;
      last_lfs = lf;
      last_lone_crs = lone_crs;
      lines_before_last = lines;
    }
    lines += static_cast<std::uint64_t>(SimdScan::count(lf));
    if (lone_crs) lines += static_cast<std::uint64_t>(SimdScan::count(lone_crs));
    inside_carry = std::uint64_t{0} - (inside >> 63);
    cell_may_start = cell_ends_last >> 63;
  }
  if (last_ends) {
    // Up to the last end: its block's LFs (an LF inside quotes is a line
    // too) and lone CRs, that far.
    const int last = 63 - std::countl_zero(last_ends);
    const std::uint64_t upto = ~std::uint64_t{0} >> (63 - last);
    cut = {last_block + static_cast<std::size_t>(last) + 1,
           lines_before_last + static_cast<std::uint64_t>(SimdScan::count(last_lfs & upto) +
                                                          SimdScan::count(last_lone_crs & upto))};
  }
  return cut;
}

#endif

}  // namespace quanze
