// The two ways of writing the rule language's keywords.
#pragma once

#include <cstdint>

namespace quanze {

/// English keywords (`rule`, `when`) or Chinese ones (`规则`, `当`). A file
/// may mix them; the formatter writes one.
enum class Dialect : std::uint8_t { en, zh };

}  // namespace quanze
