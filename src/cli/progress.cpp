#include "cli/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace quanze::cli {

namespace {
constexpr auto kInterval = std::chrono::milliseconds(250);  // redraws at most 4 times a second
}  // namespace

Progress::Progress(bool enabled, std::optional<std::uint64_t> total_bytes, std::uint64_t quiet_ms)
    : enabled_(enabled),
      total_(total_bytes),
      quiet_(std::chrono::milliseconds(quiet_ms)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

bool Progress::terminal() { return isatty(STDERR_FILENO) == 1; }

void Progress::update(std::uint64_t rows, std::uint64_t bytes, std::uint64_t errors) {
  rows_ = rows, bytes_ = bytes, errors_ = errors;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < quiet_ || (shown_ && now - last_ < kInterval)) return;
  last_ = now;
  draw();
}

void Progress::draw() {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = fmt::format("{} rows, {:.0f} rows/s", rows_, seconds > 0 ? rows_ / seconds : 0.0);
  if (total_ && *total_ > 0 && bytes_ > 0) {
    double share = std::min(1.0, static_cast<double>(bytes_) / static_cast<double>(*total_));
    auto left = static_cast<std::uint64_t>(seconds * (1 - share) / share);
    line += fmt::format(", {:.0f}%, ETA {}:{:02}", share * 100, left / 60, left % 60);
  }
  line += fmt::format(", {} errors", errors_);
  std::fprintf(stderr, "\r%s\033[K", line.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!shown_) return;
  draw();
  std::fputs("\n", stderr);
  shown_ = false;
}

}  // namespace quanze::cli
