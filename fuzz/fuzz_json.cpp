// A JSON array or JSON Lines list of any bytes (the first byte chooses),
// read and, when its keys allow, classified.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "list_path.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bool lines = data[0] & 1;
  quanze::Table table;
  quanze::Diagnostics diags;
  if (quanze::read_json(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), lines, table, diags))
    classify_everything(table);
  return 0;
}
