// Reading a list's bytes with read(2), a piece at a time, so that memory does
// not grow with the file; and its SHA-256 for the manifest.
#include "io/byte_input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "quanze/manifest.hpp"

namespace quanze {

struct ByteInput::Hash : Sha256 {};

namespace {

std::int64_t change_time(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

std::unique_ptr<ByteInput> ByteInput::open_file(const std::string& path, std::string& error) {
  std::unique_ptr<ByteInput> in(new ByteInput);
  if (path == "-") {
    in->fd_ = 0;
  } else {
    in->fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in->fd_ < 0) {
      error = std::strerror(errno);
      return nullptr;
    }
    in->own_fd_ = true;
  }
  struct stat st;
  if (fstat(in->fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
    error = std::strerror(EISDIR);
    return nullptr;
  }
  if (fstat(in->fd_, &st) == 0 && S_ISREG(st.st_mode)) {
    in->size_ = static_cast<std::uint64_t>(st.st_size);
    in->mtime_ns_ = change_time(st);
    posix_fadvise(in->fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  return in;
}

std::unique_ptr<ByteInput> ByteInput::of_bytes(std::string_view bytes) {
  std::unique_ptr<ByteInput> in(new ByteInput);
  in->in_memory_ = true;
  in->memory_ = bytes;
  in->size_ = bytes.size();
  return in;
}

ByteInput::~ByteInput() {
  if (own_fd_) ::close(fd_);
}

std::ptrdiff_t ByteInput::fill(char* to, std::size_t n, std::string& error) {
  std::size_t got = 0;
  while (got < n) {  // a pipe gives what it has; fill the piece
    ssize_t r = ::read(fd_, to + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      error = std::strerror(errno);
      return -1;
    }
    if (r == 0) {
      at_end_ = true;
      break;
    }
    got += static_cast<std::size_t>(r);
  }
  return static_cast<std::ptrdiff_t>(got);
}

void ByteInput::took(std::string_view bytes) {
  consumed_ += bytes.size();
  if (hash_ && !hashed_ahead_) hash_->add(bytes);
}

bool ByteInput::next(std::size_t n, std::string_view& out, std::string& error) {
  out = {};
  if (at_end_) return true;
  if (in_memory_) {
    out = memory_.substr(0, n);
    memory_.remove_prefix(out.size());
    at_end_ = memory_.empty();
  } else {
    buffer_.resize(n);
    const std::ptrdiff_t got = fill(buffer_.data(), n, error);
    if (got < 0) return false;
    out = std::string_view(buffer_.data(), static_cast<std::size_t>(got));
  }
  took(out);
  return true;
}

bool ByteInput::append_next(std::size_t n, std::string& to, std::string& error) {
  if (at_end_) return true;
  const std::size_t old = to.size();
  if (in_memory_) {
    to.append(memory_.substr(0, n));
    memory_.remove_prefix(to.size() - old);
    at_end_ = memory_.empty();
  } else {
    to.resize(old + n);
    const std::ptrdiff_t got = fill(to.data() + old, n, error);
    to.resize(old + static_cast<std::size_t>(std::max<std::ptrdiff_t>(got, 0)));
    if (got < 0) return false;
  }
  took(std::string_view(to).substr(old));
  return true;
}

std::string ByteInput::hash_ahead(std::string& error) {
  if (consumed_ > 0) return {};
  if (in_memory_) {
    Hash h;
    h.add(memory_);
    return h.hex();
  }
  if (!size_ || lseek(fd_, 0, SEEK_CUR) != 0) return {};  // a pipe, or stdin part-read: unknown
  Hash h;
  std::string piece(std::size_t{1} << 20, '\0');
  for (;;) {
    ssize_t r = ::read(fd_, piece.data(), piece.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      error = std::strerror(errno);
      return {};
    }
    if (r == 0) break;
    h.add(std::string_view(piece.data(), static_cast<std::size_t>(r)));
  }
  if (lseek(fd_, 0, SEEK_SET) != 0) {
    error = std::strerror(errno);
    return {};
  }
  hashed_ahead_ = true;
  return h.hex();
}

void ByteInput::hash_as_read() {
  if (!hash_) hash_ = std::make_unique<Hash>();
}

std::string ByteInput::digest() { return hash_ ? hash_->hex() : std::string(); }

bool ByteInput::unchanged() const {
  if (!hashed_ahead_ || in_memory_) return true;
  struct stat st;
  return fstat(fd_, &st) == 0 && static_cast<std::uint64_t>(st.st_size) == size_ && change_time(st) == mtime_ns_ &&
         consumed_ == *size_;
}

}  // namespace quanze
