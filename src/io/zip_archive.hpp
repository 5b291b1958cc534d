// An XLSX file is a zip of XML parts. A hostile one can unpack to far more
// than it weighs (a zip bomb): every byte read from it counts against one
// budget, and a part that unpacks to an absurd multiple of its packed size
// is refused before it fills memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

struct zip;

namespace quanze {

struct ZipLimits {
  std::uint64_t max_unpacked = std::uint64_t{1} << 30;  ///< bytes, all parts together
  std::uint64_t max_ratio = 200;                        ///< unpacked : packed, for large parts
  std::uint64_t ratio_floor = 8 << 20;                  ///< parts smaller than this may compress better
};

/// Why reading failed: `too_large` for the limits above (QZ6013), else a
/// damaged or foreign file (QZ6011).
struct ZipFailure {
  bool too_large = false;
  std::string message;
};

class ZipArchive {
 public:
  explicit ZipArchive(ZipLimits limits) : limits_(limits) {}
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Opens a zip held in memory; `bytes` must outlive the archive.
  bool open(std::string_view bytes, ZipFailure& failure);

  /// Whether the archive has a part of that name (ASCII case ignored, as
  /// Excel does).
  bool contains(const std::string& name) const;

  /// Reads a part whole.
  bool read(const std::string& name, std::string& out, ZipFailure& failure);

  /// Reads a part in pieces of up to 1 MiB, handing each to `consume`;
  /// stops when `consume` returns false (and returns true then).
  bool stream(const std::string& name, const std::function<bool(std::string_view)>& consume, ZipFailure& failure);

 private:
  ::zip* zip_ = nullptr;
  ZipLimits limits_;
  std::uint64_t unpacked_ = 0;  ///< read so far, all parts
};

}  // namespace quanze
