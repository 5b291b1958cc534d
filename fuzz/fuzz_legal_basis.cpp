// A 设定依据 cell of any bytes: citations, levels, and how they are told;
// the highest level and count alone (highest_level) are parse_legal_basis's.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quanze/legal_basis.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  quanze::LegalBasis basis;
  const std::string_view cell(reinterpret_cast<const char*>(data), size);
  quanze::parse_legal_basis(cell, basis);
  std::size_t citations = 0;
  if (quanze::highest_level(cell, citations) != basis.highest || citations != basis.citations.size()) std::abort();
  (void)quanze::describe_highest(basis);
  for (const quanze::Citation& c : basis.citations) (void)quanze::infer_level(c.title);
  return 0;
}
