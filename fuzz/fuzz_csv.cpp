// A CSV or TSV list of any bytes, read and, when it has the baseline's
// headers, classified. The seed corpus holds the sample list's header, so mutations
// reach the classifier.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "list_path.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> schema = quanze::load_baseline_policy().policy->headers();
  quanze::Table table;
  quanze::Diagnostics diags;
  quanze::TextOptions options;
  options.sniff = true;
  // Odd lengths are read as classify reads them, the header row looked for
  // under a title by the baseline's headers; even ones as a bare CSV.
  if (size % 2 == 1) options.schema_headers = schema;
  if (quanze::read_text(std::string_view(reinterpret_cast<const char*>(data), size), options, table, diags))
    classify_everything(table);
  return 0;
}
