// The SIMD check of UTF-8 (utf8_avx2.cpp tells the method), written once
// over the instructions of one vector width `V`: a register type `Reg`,
// its width `kBytes`, and the operations used below as static members.
//
// Included inside an anonymous namespace of quanze::utf8::detail by
// utf8_avx2.cpp and utf8_avx512.cpp, and by csv_simd.cpp (once for each of
// its block readers' targets, each in a namespace of its own), each time
// after defining QUANZE_UTF8_TARGET as a target attribute: every function
// here is then compiled for that target, its own copy in that file, and
// passes vectors without changing the ABI. The operations V are
// utf8_vector_ops.hpp's. Uses utf8_lookup.hpp's tables and
// boundary_before, and valid_run_end_scalar (utf8_simd.hpp), which the
// file includes first. No include guard.

/// Each byte's high nibble.
template <class V>
QUANZE_UTF8_TARGET inline typename V::Reg high_nibbles(typename V::Reg v) {
  return V::and_(V::shift_right_16(v, 4), V::splat(0x0F));
}

/// Non-zero bytes where `in`, following `prev`, is not well-formed.
template <class V>
QUANZE_UTF8_TARGET inline typename V::Reg errors(typename V::Reg in, typename V::Reg prev) {
  const typename V::Reg prev1 = V::template shifted<1>(in, prev);
  const typename V::Reg found =
      V::and_(V::and_(V::shuffle(V::table(kPrevHigh), high_nibbles<V>(prev1)),
                      V::shuffle(V::table(kPrevLow), V::and_(prev1, V::splat(0x0F)))),
              V::shuffle(V::table(kCurHigh), high_nibbles<V>(in)));
  // A byte two after an E0..FF lead or three after F0..FF must be a
  // continuation byte after one: its kTwoConts is then expected, and
  // cancels; anywhere else it is an error. Subtracting 0x60 (0x70) with
  // saturation leaves the high bit set exactly from E0 (F0) up.
  const typename V::Reg third = V::subs(V::template shifted<2>(in, prev), V::splat(0x60));
  const typename V::Reg fourth = V::subs(V::template shifted<3>(in, prev), V::splat(0x70));
  const typename V::Reg must_continue = V::and_(V::or_(third, fourth), V::splat(char(0x80)));
  return V::xor_(found, must_continue);
}

/// Non-zero when the block ends inside a sequence: a lead in its last
/// byte, an E0.. lead in the last two or an F0.. lead in the last three.
/// An ASCII block after it is then an error.
template <class V>
QUANZE_UTF8_TARGET inline typename V::Reg unfinished(typename V::Reg in) {
  alignas(64) static constexpr unsigned char kLimits[64] = {
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF};
  return V::subs(in, V::load(reinterpret_cast<const char*>(kLimits) + 64 - V::kBytes));
}

/// valid_run_end a block of V::kBytes at a time.
template <class V>
QUANZE_UTF8_TARGET inline std::size_t valid_run_end_blocks(std::string_view s, std::size_t i) {
  using Reg = typename V::Reg;
  constexpr std::size_t kBlock = V::kBytes;
  std::size_t p = i;
  // Nothing comes before `i`: what precedes it counts as ASCII, so a
  // continuation byte at `i` is an error, as it is for the scalar routine.
  Reg prev = V::zero();
  // Four blocks at a time, their errors tested once: lists mix Chinese
  // text and short runs of ASCII, so the ASCII shortcut below was a coin
  // toss a block, and a test and a branch a block cost more than errors()
  // on ASCII. errors() alone is complete here, the next block checking
  // what this one left unfinished. A group with an error is read again
  // block by block below, from the same state, which finds the block.
  for (; p + 4 * kBlock <= s.size(); p += 4 * kBlock) {
    const char* const at = s.data() + p;
    const Reg b0 = V::load(at), b1 = V::load(at + kBlock), b2 = V::load(at + 2 * kBlock),
              b3 = V::load(at + 3 * kBlock);
    const Reg bad = V::or_(V::or_(errors<V>(b0, prev), errors<V>(b1, b0)),
                           V::or_(errors<V>(b2, b1), errors<V>(b3, b2)));
    if (V::any(bad)) break;
    prev = b3;
  }
  Reg prev_unfinished = unfinished<V>(prev);
  for (; p + kBlock <= s.size(); p += kBlock) {
    const Reg in = V::load(s.data() + p);
    Reg bad;
    if (V::ascii(in)) {  // wrong only if the last block left a sequence unfinished
      bad = prev_unfinished;
      prev_unfinished = V::zero();
    } else {
      bad = errors<V>(in, prev);
      prev_unfinished = unfinished<V>(in);
    }
    if (V::any(bad)) break;
    prev = in;
  }
  // The bad block, or the tail shorter than a block: a sequence at a time.
  return valid_run_end_scalar(s, boundary_before(s, i, p));
}
