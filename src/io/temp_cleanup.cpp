#include "io/temp_cleanup.hpp"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "quanze/output.hpp"

namespace quanze {
namespace io {
namespace {

// More outputs than one command ever has open at once (report: five).
constexpr std::size_t kSlots = 64;
enum State : int { kFree = 0, kFilling = 1, kReady = 2 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX];
};
Slot slots[kSlots];

static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");
static_assert(sizeof(sigset_t) <= 128, "SignalsHeld keeps a sigset_t in 128 bytes");

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/// Only async-signal-safe calls: unlink, then the signal again with its
/// default action (SA_RESETHAND restored it), so the parent sees the
/// process killed by SIGINT as it would without the handler.
void remove_temp_files(int sig) {
  int saved = errno;
  for (Slot& s : slots)
    if (s.state.load(std::memory_order_acquire) == kReady) unlink(s.path);
  errno = saved;
  raise(sig);  // delivered when the handler returns: the signal is blocked until then
}

/// A list read through a memory mapping (StreamOptions::map_file) that is
/// cut short meanwhile: reading its lost pages raises SIGBUS. Said in
/// words, not as a bare "Bus error", and the outputs are removed as for
/// Ctrl-C. Not among the signals SignalsHeld blocks: the kernel cannot
/// hold back a SIGBUS the process raises itself by reading.
void input_cut_short(int sig) {
  static constexpr char kMessage[] =
      "quanze: error: the list was cut short while it was read (SIGBUS reading its mapped pages); "
      "no output was finished\n";
  int saved = errno;
  ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
  errno = saved;
  remove_temp_files(sig);
}

sigset_t cleanup_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kCleanupSignals) sigaddset(&set, sig);
  return set;
}

}  // namespace

std::size_t register_temp_file(const char* path) {
  std::size_t length = std::strlen(path);
  if (length >= PATH_MAX) return kNoSlot;
  for (std::size_t i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acquire)) continue;
    std::memcpy(slots[i].path, path, length + 1);
    slots[i].state.store(kReady, std::memory_order_release);
    return i;
  }
  return kNoSlot;
}

void unregister_temp_file(std::size_t slot) {
  if (slot < kSlots) slots[slot].state.store(kFree, std::memory_order_release);
}

SignalsHeld::SignalsHeld() {
  sigset_t set = cleanup_set();
  pthread_sigmask(SIG_BLOCK, &set, reinterpret_cast<sigset_t*>(saved_));
}

SignalsHeld::~SignalsHeld() { pthread_sigmask(SIG_SETMASK, reinterpret_cast<sigset_t*>(saved_), nullptr); }

}  // namespace io

void install_output_signal_handlers() {
  // A signal the caller ignores (nohup, a background job's SIGINT) stays
  // ignored; a handler of the caller's own (AddressSanitizer's SIGBUS)
  // stays too.
  auto handle = [](int sig, void (*handler)(int)) {
    struct sigaction old {};
    sigaction(sig, nullptr, &old);
    if (old.sa_handler != SIG_DFL) return;
    struct sigaction now {};
    now.sa_handler = handler;
    sigemptyset(&now.sa_mask);
    now.sa_flags = SA_RESETHAND;
    sigaction(sig, &now, nullptr);
  };
  for (int sig : io::kCleanupSignals) handle(sig, io::remove_temp_files);
  handle(SIGBUS, io::input_cut_short);
  // Past `ulimit -f` the kernel kills a writer with SIGXFSZ, which would
  // leave the temporary file and print nothing. Ignored, the write fails
  // with EFBIG instead, and the output reports "File too large".
  struct sigaction old {};
  sigaction(SIGXFSZ, nullptr, &old);
  if (old.sa_handler == SIG_DFL) signal(SIGXFSZ, SIG_IGN);
}

}  // namespace quanze
