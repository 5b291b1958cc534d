// The bytes of a list, from a file, standard input or memory, a piece at a
// time, with their SHA-256.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace quanze {

class ByteInput {
 public:
  /// "-" is standard input. Null, with `error`, when it cannot be opened.
  static std::unique_ptr<ByteInput> open_file(const std::string& path, std::string& error);
  /// Bytes in memory, which must outlive the input.
  static std::unique_ptr<ByteInput> of_bytes(std::string_view bytes);
  ~ByteInput();

  /// Up to `n` more bytes (fewer only at the end; empty at the end), valid
  /// until the next call. False, with `error`, when reading failed.
  bool next(std::size_t n, std::string_view& out, std::string& error);
  /// The same, the bytes appended to `to` instead: read straight into the
  /// text that is parsed (TextDecoder::decode_in_place), not copied there.
  bool append_next(std::size_t n, std::string& to, std::string& error);
  bool at_end() const { return at_end_; }

  /// All the input as one piece of memory, for a reader that reads it where
  /// it lies rather than a piece at a time into its own buffer: the bytes
  /// given to of_bytes, or a regular file mapped into memory — one named by
  /// path, or standard input redirected from one when none of it was read
  /// before, whose offset is then left where reading it would have left it
  /// (a file cut short while mapped raises SIGBUS when its lost pages are
  /// read: only for a caller that handles it). Null when the input is
  /// neither (a pipe, a terminal) or cannot be mapped; the reader then
  /// reads pieces as before.
  std::string_view whole(bool map_file);
  /// The bytes of whole() before `offset` are read: counted, and hashed
  /// when hashing as read, as next() does with the bytes it hands out. An
  /// offset at or before what was read already changes nothing.
  void read_up_to(std::uint64_t offset);
  /// The bytes of whole() in [from, to) will not be read again: a mapped
  /// file's pages there go, so memory stays bounded, not the file's size.
  /// Ranges may come in any order; pages are unmapped as the ranges from
  /// the start join up (what is read in batches is released in order, as
  /// batches are written).
  void release(std::uint64_t from, std::uint64_t to);
  std::uint64_t consumed() const { return consumed_; }
  /// The size of a regular file (or of memory), else unknown.
  std::optional<std::uint64_t> size() const { return size_; }

  /// SHA-256 of everything, computed before reading: a regular file is read
  /// through once and rewound. Empty when it cannot be (a pipe), or when
  /// called after reading began.
  std::string hash_ahead(std::string& error);
  /// Hashes the bytes as they are read; the digest is ready at the end.
  void hash_as_read();
  std::string digest();
  /// For a file hashed ahead: true when it still has the size and time of
  /// change it had then, so the hash is of the bytes that were read.
  bool unchanged() const;

 private:
  ByteInput() = default;
  /// Reads up to `n` bytes of the file into `to`, fewer only at its end;
  /// how many, or -1 with `error`.
  std::ptrdiff_t fill(char* to, std::size_t n, std::string& error);
  /// Counts and hashes the bytes just handed out.
  void took(std::string_view bytes);
  /// Moves standard input's offset past what was read in place.
  void leave_offset();
  struct Hash;
  int fd_ = -1;
  bool own_fd_ = false;
  bool mappable_ = false;  ///< a regular file, and standard input only from its start
  std::string_view memory_;
  bool in_memory_ = false;
  std::string buffer_;
  bool at_end_ = false;
  std::uint64_t consumed_ = 0;
  std::optional<std::uint64_t> size_;
  std::int64_t mtime_ns_ = 0;
  std::unique_ptr<Hash> hash_;
  std::string_view all_;   ///< of_bytes' bytes, for whole()
  char* mapped_ = nullptr;  ///< the file's mapping, its size size_
  std::uint64_t unmapped_to_ = 0;  ///< the mapping's bytes before this are unmapped (a page boundary)
  std::uint64_t released_to_ = 0;  ///< every range before this was released
  std::map<std::uint64_t, std::uint64_t> released_ahead_;  ///< ranges released past released_to_
  bool hashed_ahead_ = false;
};

}  // namespace quanze
