// A progress line on stderr for long runs at a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace quanze::cli {

/// Shown only when enabled (stderr is a terminal and not --quiet), and
/// only once the work has taken a second: a short run, or one whose stderr
/// goes to a file or a pipe, stays silent. Redrawn in place (\r) at most
/// four times a second: rows done, rows per second, and when the input's
/// size is known the share read and the time left.
class Progress {
 public:
  /// `quiet_ms`: how long a run stays silent (tests make it 0).
  Progress(bool enabled, std::optional<std::uint64_t> total_bytes, std::uint64_t quiet_ms = 1000);
  /// True when stderr is a terminal.
  static bool terminal();
  void update(std::uint64_t rows, std::uint64_t bytes, std::uint64_t errors);
  /// Erases the line, so that other text can be printed; the next update
  /// draws it again.
  void clear();
  /// Ends the line with a newline, if it was shown, before the summary.
  void finish();

 private:
  bool enabled_;
  std::optional<std::uint64_t> total_;
  std::chrono::steady_clock::duration quiet_;
  std::chrono::steady_clock::time_point start_, last_;
  bool shown_ = false;
  std::uint64_t rows_ = 0, bytes_ = 0, errors_ = 0;
  void draw();
};

}  // namespace quanze::cli
