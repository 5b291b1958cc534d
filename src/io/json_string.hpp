// Appending a string as a JSON string literal, byte for byte as nlohmann's
// dump(-1, ' ', false, replace) writes it, without building a json value:
// record output calls this for every string of every record (issue 5).
#pragma once

#include <string>
#include <string_view>

namespace quanze {

/// Appends "text" quoted: " and \ escaped, \b \f \n \r \t by name, other
/// control bytes as \u00XX (lowercase hex), everything else as it is.
/// Bytes that are not valid UTF-8 become U+FFFD exactly as nlohmann's
/// error_handler_t::replace makes them.
void append_json_string(std::string& out, std::string_view text);

}  // namespace quanze
