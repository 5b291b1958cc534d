// A 设定依据 cell of any bytes: citations, levels, and how they are told.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quanze/legal_basis.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  quanze::LegalBasis basis;
  quanze::parse_legal_basis(std::string_view(reinterpret_cast<const char*>(data), size), basis);
  (void)quanze::describe_highest(basis);
  for (const quanze::Citation& c : basis.citations) (void)quanze::infer_level(c.title);
  return 0;
}
