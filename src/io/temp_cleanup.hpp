// The temporary files of unfinished outputs, removed when a signal ends the
// process: Ctrl-C during `quanze classify -o big.csv` must not leave
// big.csv.tmp.XXXXXX behind. The registry is a fixed array a signal
// handler can read without allocating or locking.
#pragma once

#include <cstddef>

namespace quanze::io {

/// A registered path's slot, or kNoSlot when every slot is taken or the
/// path is too long (the file is then only removed by the destructor, as
/// before: a signal would leave it).
inline constexpr std::size_t kNoSlot = static_cast<std::size_t>(-1);

std::size_t register_temp_file(const char* path);
void unregister_temp_file(std::size_t slot);

/// Blocks the signals the cleanup handles for its lifetime, so that a file
/// is never created or renamed without the registry knowing.
class SignalsHeld {
 public:
  SignalsHeld();
  ~SignalsHeld();
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  unsigned char saved_[128];  // a sigset_t, without <signal.h> here
};

}  // namespace quanze::io
