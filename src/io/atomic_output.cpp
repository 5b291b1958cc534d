// Output files that appear whole or not at all: written to a temporary file
// beside the target (same file system, so rename is atomic) and renamed on
// success; removed otherwise.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "quanze/output.hpp"

namespace quanze {

struct AtomicOutput::Impl {
  std::string path;
  std::string temp;
  std::ofstream file;
  bool committed = false;
};

AtomicOutput::AtomicOutput(std::string path) : impl_(std::make_unique<Impl>()) { impl_->path = std::move(path); }

AtomicOutput::~AtomicOutput() {
  if (impl_->temp.empty() || impl_->committed) return;
  impl_->file.close();
  std::remove(impl_->temp.c_str());
}

bool AtomicOutput::open(std::string& error) {
  if (impl_->path == "-") return true;
  if (!open_named(error)) return false;
  impl_->file.open(impl_->temp, std::ios::binary | std::ios::trunc);
  if (!impl_->file) {
    error = "cannot write " + impl_->temp + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool AtomicOutput::open_named(std::string& error) {
  if (impl_->path == "-") {
    error = "this output needs a file name; it cannot go to standard output";
    return false;
  }
  std::string pattern = impl_->path + ".tmp.XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) {
    error = "cannot create a file beside " + impl_->path + ": " + std::strerror(errno);
    return false;
  }
  // mkstemp makes the file private (0600); give the output the permissions
  // any new file of this user gets.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  close(fd);
  impl_->temp = pattern;
  return true;
}

const std::string& AtomicOutput::temp_path() const { return impl_->temp; }

std::ostream& AtomicOutput::stream() { return impl_->path == "-" ? std::cout : impl_->file; }

bool AtomicOutput::commit(std::string& error) {
  if (impl_->path == "-") {
    std::cout.flush();
    if (!std::cout) error = "cannot write to standard output";
    return static_cast<bool>(std::cout);
  }
  if (impl_->file.is_open()) {  // a named writer has already closed its file
    impl_->file.flush();
    bool written = static_cast<bool>(impl_->file);
    impl_->file.close();
    if (!written || impl_->file.fail()) {
      error = "cannot write " + impl_->path + " (disk full?)";
      return false;
    }
  }
  if (std::rename(impl_->temp.c_str(), impl_->path.c_str()) != 0) {
    error = "cannot move the output into place at " + impl_->path + ": " + std::strerror(errno);
    return false;
  }
  impl_->committed = true;
  return true;
}

}  // namespace quanze
