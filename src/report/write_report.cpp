// Both forms into one directory. Files are written to temporary names and
// renamed only once every one of them was written, so a run that fails
// leaves none of its files behind — not a CSV without its XLSX either.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "quanze/output.hpp"
#include "quanze/report.hpp"

namespace quanze {

bool write_report(const Report& report, const std::string& dir, ReportFormats formats,
                  std::vector<std::string>& written, std::string& error, const std::string* html, Bom csv_bom) {
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
      write_form_csv(*form, out->stream(), csv_bom);
      if (!out->finish(error)) return false;  // a full disk shows here, before any file is renamed
    }
    if (xlsx) {
      paths.push_back(stem + ".xlsx");
      auto& out = outputs.emplace_back(std::make_unique<AtomicOutput>(paths.back()));
      if (!out->open_named(error)) return false;
      errno = 0;
      if (!write_form_xlsx(*form, report.departments, out->temp_path(), error)) {
        // libxlsxwriter says only that it could not write the zip; the
        // errno of its failed write says why (File too large, No space).
        // Other errnos may be left over from calls that failed harmlessly.
        bool io = errno == EFBIG || errno == ENOSPC || errno == EDQUOT || errno == EIO;
        error = io ? "cannot write " + paths.back() + ": " + std::strerror(errno) : paths.back() + ": " + error;
        return false;
      }
    }
  }
  if (html) {
    paths.push_back((fs::path(dir) / kAuditReportFile).string());
    auto& out = outputs.emplace_back(std::make_unique<AtomicOutput>(paths.back()));
    if (!out->open(error)) return false;
    out->stream().write(html->data(), static_cast<std::streamsize>(html->size()));
    if (!out->finish(error)) return false;
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (!outputs[i]->commit(error)) return false;
    written.push_back(paths[i]);
  }
  return true;
}

}  // namespace quanze
