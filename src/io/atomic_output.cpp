// Output files that appear whole or not at all: written to a temporary file
// beside the target (same file system, so rename is atomic), synced and
// renamed on success; removed otherwise — by the destructor on an error, by
// the signal handler (temp_cleanup.cpp) on Ctrl-C or kill.
//
// A target that exists and is no regular file — /dev/null, /dev/stdout, a
// named pipe — is written directly: renaming a file over it would replace
// the device or pipe itself (as root, /dev/null for the whole machine),
// and there is no half-written file to fear in one.
//
// The file is written through a plain descriptor rather than an ofstream,
// so that the first failed write keeps its errno ("File too large" past
// `ulimit -f`, "No space left on device") for the message, and every later
// write is refused instead of silently dropped.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "io/temp_cleanup.hpp"
#include "quanze/output.hpp"

namespace quanze {
namespace {

/// A write-only stream buffer on a file descriptor that remembers the
/// first error.
class FdBuf : public std::streambuf {
 public:
  void attach(int fd) {
    fd_ = fd;
    setp(buffer_, buffer_ + sizeof buffer_);
  }
  int error() const { return error_; }

  /// Writes what is buffered; false once any write has failed.
  bool drain() {
    const char* at = pbase();
    while (error_ == 0 && at < pptr()) {
      ssize_t n = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      else at += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    // Large blocks (a held-back run, the HTML report) skip the buffer.
    if (n < static_cast<std::streamsize>(sizeof buffer_)) return std::streambuf::xsputn(s, n);
    if (!drain()) return 0;
    std::streamsize done = 0;
    while (done < n) {
      ssize_t w = ::write(fd_, s + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        error_ = errno;
        break;
      }
      done += w;
    }
    return done;
  }

 private:
  int fd_ = -1;
  int error_ = 0;
  char buffer_[1 << 16];
};

}  // namespace

struct AtomicOutput::Impl {
  std::string path;
  std::string temp;
  std::string target;  ///< what is renamed over: `path`, or what a link at `path` names
  int fd = -1;
  FdBuf buf;
  std::ostream file{&buf};
  std::size_t slot = io::kNoSlot;
  bool finished = false;
  bool committed = false;
  bool direct = false;  ///< the target is a device or a pipe, written in place

  void close_fd() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

AtomicOutput::AtomicOutput(std::string path) : impl_(std::make_unique<Impl>()) { impl_->path = std::move(path); }

AtomicOutput::~AtomicOutput() {
  if (impl_->direct) impl_->close_fd();
  if (impl_->temp.empty() || impl_->committed || impl_->direct) return;
  impl_->close_fd();
  io::SignalsHeld held;
  std::remove(impl_->temp.c_str());
  io::unregister_temp_file(impl_->slot);
}

bool AtomicOutput::open(std::string& error) {
  if (impl_->path == "-") return true;
  return create(error, true);
}

bool AtomicOutput::open_named(std::string& error) {
  if (impl_->path == "-") {
    error = "this output needs a file name; it cannot go to standard output";
    return false;
  }
  return create(error, false);
}

bool AtomicOutput::create(std::string& error, bool keep_open) {
  struct stat named;
  if (::stat(impl_->path.c_str(), &named) == 0 && !S_ISREG(named.st_mode) && !S_ISDIR(named.st_mode)) {
    impl_->direct = true;
    impl_->temp = impl_->path;  // what a named writer writes to
    if (!keep_open) return true;
    int fd = ::open(impl_->path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      error = "cannot write " + impl_->path + ": " + std::strerror(errno);
      return false;
    }
    impl_->fd = fd;
    impl_->buf.attach(fd);
    return true;
  }
  // Through a symbolic link (/dev/stdout redirected to a file, a link to
  // the latest run) to what it names: the link stays a link.
  std::string target = impl_->path;
  struct stat link;
  if (::lstat(target.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    if (char* resolved = ::realpath(target.c_str(), nullptr)) {
      target = resolved;
      std::free(resolved);
    }
  }
  impl_->target = target;
  std::string pattern = target + ".tmp.XXXXXX";
  int fd;
  {
    // Created and registered with the cleanup signals blocked: a Ctrl-C
    // in between would leave a file the handler does not know of.
    io::SignalsHeld held;
    fd = mkstemp(pattern.data());
    if (fd >= 0) impl_->slot = io::register_temp_file(pattern.c_str());
  }
  if (fd < 0) {
    error = "cannot create a file beside " + impl_->path + ": " + std::strerror(errno);
    return false;
  }
  impl_->temp = pattern;
  // mkstemp makes the file private (0600); give the output the permissions
  // any new file of this user gets.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (keep_open) {
    impl_->fd = fd;
    impl_->buf.attach(fd);
  } else {
    ::close(fd);  // a named writer (libxlsxwriter) opens the path itself
  }
  return true;
}

const std::string& AtomicOutput::temp_path() const { return impl_->temp; }

std::ostream& AtomicOutput::stream() { return impl_->path == "-" ? std::cout : impl_->file; }

bool AtomicOutput::finish(std::string& error) {
  if (impl_->path == "-") {
    std::cout.flush();
    if (!std::cout) error = "cannot write to standard output";
    return static_cast<bool>(std::cout);
  }
  if (impl_->finished) return true;
  if (impl_->fd >= 0) {  // a named writer has already closed its file
    impl_->file.flush();
    int failed = impl_->buf.error();
    // On the disk before it is renamed over the old file: a crash right
    // after the rename must not leave an empty file in its place.
    if (failed == 0 && ::fsync(impl_->fd) != 0 && errno != EINVAL) failed = errno;
    if (failed == 0 && ::close(impl_->fd) != 0) failed = errno;
    else if (failed != 0) ::close(impl_->fd);
    impl_->fd = -1;
    if (failed != 0 || !impl_->file) {
      error = "cannot write " + impl_->path + ": " + std::strerror(failed != 0 ? failed : EIO);
      return false;
    }
  }
  impl_->finished = true;
  return true;
}

bool AtomicOutput::commit(std::string& error) {
  if (!finish(error)) return false;
  if (impl_->path == "-" || impl_->direct) return true;
  io::SignalsHeld held;  // renamed and forgotten by the handler together
  if (std::rename(impl_->temp.c_str(), impl_->target.c_str()) != 0) {
    error = "cannot move the output into place at " + impl_->path + ": " + std::strerror(errno);
    return false;
  }
  io::unregister_temp_file(impl_->slot);
  impl_->committed = true;
  return true;
}

}  // namespace quanze
