// An XLSX workbook of any bytes: unzipped, its sheet read with the
// baseline's headers and, when they bind, classified. The seeds are stored
// (not deflated) workbooks, so mutations land in the XML and reach the
// sheet reader rather than dying in the inflater.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "list_path.hpp"
#include "quanze/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const quanze::XlsxOptions options = [] {
    quanze::XlsxOptions o;
    for (const auto& [field, header] : quanze::load_baseline_policy().policy->fields()) o.headers.push_back(header);
    // The fuzzer's memory limit is 2 GiB; the default 1 GiB of unpacked XML
    // would make every bomb an out-of-memory report rather than a refusal.
    o.max_unpacked = std::uint64_t{64} << 20;
    return o;
  }();
  quanze::Table table;
  quanze::Diagnostics diags;
  if (quanze::read_xlsx(std::string_view(reinterpret_cast<const char*>(data), size), table, diags, options))
    classify_everything(table);
  return 0;
}
