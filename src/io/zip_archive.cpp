#include "io/zip_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <memory>
#include <vector>

namespace quanze {
namespace {

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 30) && bytes % (std::uint64_t{1} << 30) == 0)
    return fmt::format("{} GiB", bytes >> 30);
  if (bytes >= (1 << 20)) return fmt::format("{:.0f} MiB", static_cast<double>(bytes) / (1 << 20));
  return fmt::format("{} bytes", bytes);
}

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

bool ZipArchive::open(std::string_view bytes, ZipFailure& failure) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) {
    zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!zip_) zip_source_free(source);
  }
  if (!zip_) failure = {false, fmt::format("not an XLSX workbook: the file is not a zip archive ({})",
                                          zip_error_strerror(&error))};
  zip_error_fini(&error);
  return zip_ != nullptr;
}

bool ZipArchive::contains(const std::string& name) const {
  return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

bool ZipArchive::read(const std::string& name, std::string& out, ZipFailure& failure) {
  out.clear();
  return stream(name, [&](std::string_view piece) { return out.append(piece), true; }, failure);
}

bool ZipArchive::stream(const std::string& name, const std::function<bool(std::string_view)>& consume,
                        ZipFailure& failure) {
  zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  zip_stat_t st;
  if (index < 0 || zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    failure = {false, fmt::format("the workbook has no part {}", name)};
    return false;
  }
  // What the archive declares is checked first; what is really unpacked
  // is counted as it comes, since a hostile archive may lie.
  std::uint64_t left = limits_.max_unpacked - unpacked_;
  std::uint64_t ratio_cap = (st.valid & ZIP_STAT_COMP_SIZE)
                                ? std::max(limits_.ratio_floor, limits_.max_ratio * std::max<std::uint64_t>(st.comp_size, 1))
                                : limits_.max_unpacked;
  auto too_large = [&](std::uint64_t size) {
    if (size > left) {
      failure = {true, fmt::format("{} unpacks to more than the {} Quanze reads from one workbook; split the "
                                   "list into several files",
                                   name, size_text(limits_.max_unpacked))};
      return true;
    }
    if (size > ratio_cap) {
      failure = {true, fmt::format("{} unpacks to more than {} times its packed size ({} from {}): a zip bomb, "
                                   "not a list; not read",
                                   name, limits_.max_ratio, size_text(size), size_text(st.comp_size))};
      return true;
    }
    return false;
  };
  if ((st.valid & ZIP_STAT_SIZE) && too_large(st.size)) return false;
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0));
  if (!file) {
    failure = {false, fmt::format("cannot unpack {}: {}", name, zip_strerror(zip_))};
    return false;
  }
  std::vector<char> buffer(1 << 20);
  std::uint64_t unpacked = 0;
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) {
      failure = {false, fmt::format("cannot unpack {}: {}", name, zip_file_strerror(file.get()))};
      return false;
    }
    if (n == 0) return true;
    unpacked += static_cast<std::uint64_t>(n);
    unpacked_ += static_cast<std::uint64_t>(n);
    if (too_large(unpacked)) return false;
    if (!consume(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) return true;
  }
}

}  // namespace quanze
