# Writes INPUT's bytes into OUTPUT as a C++ array, so the baseline policy
# ships inside the binary whatever characters it contains.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT}
"// Generated from rules/liangyou.qz by cmake/embed.cmake. Do not edit.
#include <string_view>
namespace quanze {
namespace { constexpr char kBaseline[] = {${bytes} 0}; }
std::string_view baseline_policy_text() { return {kBaseline, ${byte_count}}; }
std::string_view baseline_policy_path() { return \"rules/liangyou.qz\"; }
}  // namespace quanze
")
