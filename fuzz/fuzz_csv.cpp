// A CSV list of any bytes, read and, when it has the baseline's headers,
// classified. The seed corpus holds the sample list's header, so mutations
// reach the classifier.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "list_path.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  quanze::Table table;
  quanze::Diagnostics diags;
  if (quanze::read_csv(std::string_view(reinterpret_cast<const char*>(data), size), table, diags))
    classify_everything(table);
  return 0;
}
