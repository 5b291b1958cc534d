// UTF-8 decoding shared by every layer that shows or checks text: rule
// files, lists and diagnostics.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace quanze::utf8 {

/// Decodes the code point at `i` and advances `i` past it. A byte that does
/// not start a well-formed sequence decodes as itself, one byte long, so
/// counting never stalls on bad input.
char32_t next(std::string_view s, std::size_t& i);

/// Appends code point `c` encoded as UTF-8.
void append(char32_t c, std::string& out);

/// Offset of the first byte that is not part of well-formed UTF-8
/// (overlong forms, surrogates and code points past U+10FFFF included).
std::optional<std::size_t> first_invalid(std::string_view s);

/// End of the well-formed UTF-8 that starts at `i`: the offset of the first
/// byte from `i` that does not begin a whole well-formed sequence, or the
/// size. Lists and outputs call it on every piece and cell: with AVX2 it
/// checks 32 bytes at a time (utf8_avx2.cpp), else a sequence at a time.
std::size_t valid_run_end(std::string_view s, std::size_t i);

/// Length of the run of ASCII bytes at `i`, eight at a time.
std::size_t ascii_run(std::string_view s, std::size_t i);

/// 1-based line and character column of byte `offset`.
struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};
Position position_of(std::string_view s, std::size_t offset);

}  // namespace quanze::utf8
