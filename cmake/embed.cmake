# Writes INPUT's bytes into OUTPUT as a C++ array behind a function
# `std::string_view quanze::FUNCTION()`, so files the binary needs (the
# baseline policy, the HTML report's script and style) ship inside it,
# whatever characters they contain.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT}
"// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.
#include <string_view>
namespace quanze {
namespace { constexpr char kBytes[] = {${bytes} 0}; }
std::string_view ${FUNCTION}() { return {kBytes, ${byte_count}}; }
}  // namespace quanze
")
