// Both forms into one directory. Files are written to temporary names and
// renamed only once every one of them was written, so a run that fails
// leaves none of its files behind — not a CSV without its XLSX either.
#include <filesystem>
#include <memory>
#include <system_error>

#include "quanze/output.hpp"
#include "quanze/report.hpp"

namespace quanze {

bool write_report(const Report& report, const std::string& dir, ReportFormats formats,
                  std::vector<std::string>& written, std::string& error, const std::string* html) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = "cannot create the directory " + dir + ": " + ec.message();
    return false;
  }
  bool csv = formats == ReportFormats::csv || formats == ReportFormats::both;
  bool xlsx = formats == ReportFormats::xlsx || formats == ReportFormats::both;
  std::vector<std::unique_ptr<AtomicOutput>> outputs;
  std::vector<std::string> paths;
  for (const Form* form : {&report.attachment2, &report.attachment3}) {
    std::string stem = (fs::path(dir) / form->file_stem).string();
    if (csv) {
      paths.push_back(stem + ".csv");
      auto& out = outputs.emplace_back(std::make_unique<AtomicOutput>(paths.back()));
      if (!out->open(error)) return false;
      write_form_csv(*form, out->stream());
      if (!out->stream().flush()) {  // a full disk shows here, before any file is renamed
        error = "cannot write " + paths.back() + " (disk full?)";
        return false;
      }
    }
    if (xlsx) {
      paths.push_back(stem + ".xlsx");
      auto& out = outputs.emplace_back(std::make_unique<AtomicOutput>(paths.back()));
      if (!out->open_named(error)) return false;
      if (!write_form_xlsx(*form, report.departments, out->temp_path(), error)) {
        error = paths.back() + ": " + error;
        return false;
      }
    }
  }
  if (html) {
    paths.push_back((fs::path(dir) / kAuditReportFile).string());
    auto& out = outputs.emplace_back(std::make_unique<AtomicOutput>(paths.back()));
    if (!out->open(error)) return false;
    if (!out->stream().write(html->data(), static_cast<std::streamsize>(html->size())).flush()) {
      error = "cannot write " + paths.back() + " (disk full?)";
      return false;
    }
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (!outputs[i]->commit(error)) return false;
    written.push_back(paths[i]);
  }
  return true;
}

}  // namespace quanze
