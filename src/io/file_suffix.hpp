// A list's format is guessed from its file name's ending, whatever its case.
#pragma once

#include <cctype>
#include <string_view>

namespace quanze {

/// Ends with `suffix` (given in lower case), ASCII case ignored: 清单.XLSX too.
inline bool has_suffix(std::string_view path, std::string_view suffix) {
  if (path.size() < suffix.size()) return false;
  path = path.substr(path.size() - suffix.size());
  for (std::size_t i = 0; i < path.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(path[i])) != suffix[i]) return false;
  return true;
}

}  // namespace quanze
