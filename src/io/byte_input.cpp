// Reading a list's bytes with read(2), a piece at a time, so that memory does
// not grow with the file; and its SHA-256 for the manifest.
#include "io/byte_input.hpp"

#include <fcntl.h>
#include <sys/mman.h>
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
    // Standard input redirected from a file (`< list.csv`) is that file
    // from its offset on (shared with whoever opened it: a script may
    // have read a line of it first), and may be mapped as one named is
    // when nothing of it was read before.
    const off_t at = in->own_fd_ ? 0 : lseek(in->fd_, 0, SEEK_CUR);
    in->size_ = at >= 0 && at < st.st_size ? static_cast<std::uint64_t>(st.st_size - at) : 0;
    in->mtime_ns_ = change_time(st);
    posix_fadvise(in->fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    in->mappable_ = at == 0;
  }
  return in;
}

std::unique_ptr<ByteInput> ByteInput::of_bytes(std::string_view bytes) {
  std::unique_ptr<ByteInput> in(new ByteInput);
  in->in_memory_ = true;
  in->memory_ = bytes;
  in->all_ = bytes;
  in->size_ = bytes.size();
  return in;
}

ByteInput::~ByteInput() {
  if (mapped_ && unmapped_to_ < *size_) munmap(mapped_ + unmapped_to_, *size_ - unmapped_to_);
  leave_offset();
  if (own_fd_) ::close(fd_);
}

void ByteInput::leave_offset() {
  // Read in place, standard input's offset did not move: where read(2)
  // would have left it, for a command after this one in the same shell
  // (`{ quanze classify -i -; cat; } < list.csv`).
  if (mapped_ && !own_fd_) lseek(fd_, static_cast<off_t>(consumed_), SEEK_SET);
}

std::string_view ByteInput::whole(bool map_file) {
  if (in_memory_) return all_;
  if (!mapped_ && map_file && mappable_ && size_ && *size_ > 0) {
    void* p = mmap(nullptr, *size_, PROT_READ, MAP_PRIVATE, fd_, 0);
    if (p == MAP_FAILED) return {};
    mapped_ = static_cast<char*>(p);
  }
  return mapped_ ? std::string_view(mapped_, *size_) : std::string_view{};
}

void ByteInput::read_up_to(std::uint64_t offset) {
  const std::string_view all = in_memory_ ? all_ : std::string_view(mapped_, mapped_ ? *size_ : 0);
  offset = std::min<std::uint64_t>(offset, all.size());
  if (offset <= consumed_) return;
  const std::uint64_t from = consumed_;
  took(all.substr(from, offset - from));
  if (in_memory_) memory_ = all_.substr(offset);
  if (offset == all.size()) {
    at_end_ = true;
    leave_offset();
  }
}

void ByteInput::release(std::uint64_t from, std::uint64_t to) {
  if (!mapped_ || from >= to) return;
  if (from != released_to_) {
    released_ahead_[from] = to;
    return;
  }
  released_to_ = to;
  for (auto next = released_ahead_.begin(); next != released_ahead_.end() && next->first == released_to_;
       next = released_ahead_.erase(next))
    released_to_ = next->second;
  // Unmapped a few megabytes at a time, not a batch's worth: each munmap
  // is a system call, and in a process with threads on other CPUs it
  // interrupts them to flush their TLBs.
  constexpr std::uint64_t kUnmapStep = std::uint64_t{4} << 20;
  static const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  const std::uint64_t end = released_to_ / page * page;
  if (end >= unmapped_to_ + kUnmapStep) {
    munmap(mapped_ + unmapped_to_, end - unmapped_to_);
    unmapped_to_ = end;
  }
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
