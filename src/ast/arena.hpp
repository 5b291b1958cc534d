// Where a rule file's expressions live. A 10,000-rule file has some 120,000
// expression nodes; allocated one by one they cost a malloc each and, in a
// fresh process, a page fault every few dozen. The arena hands out memory
// from a few large blocks and frees it all with the file; blocks of 2 MiB
// and more are transparent huge pages, a page fault per 2 MiB rather than
// per 4 KiB (a 10,000-rule file's arena is ~18 MB).
#pragma once

#include <cstring>
#include <memory_resource>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

namespace quanze::ast {

/// A bump allocator for trivially destructible objects: nothing in it is
/// destroyed, only released when the arena is. Not copyable nor movable;
/// what points into it stays valid while it lives.
/// Blocks of 2 MiB and more aligned to 2 MiB and advised as transparent
/// huge pages (where the kernel has them); smaller ones from operator new.
std::pmr::memory_resource* huge_page_blocks();

class Arena {
 public:
  /// `first_block`: the bytes the first block holds; a caller that knows
  /// roughly how much the arena will hold says so, and gets it in one block.
  explicit Arena(std::size_t first_block = 4096) : memory_(first_block, huge_page_blocks()) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "the arena never runs destructors");
    return new (memory_.allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  /// A copy of `items` in the arena.
  template <typename T>
  std::span<const T> copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    if (items.empty()) return {};
    void* at = memory_.allocate(items.size_bytes(), alignof(T));
    std::memcpy(at, items.data(), items.size_bytes());
    return {static_cast<const T*>(at), items.size()};
  }

  /// A copy of `text` in the arena.
  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    char* at = static_cast<char*>(memory_.allocate(text.size(), 1));
    std::memcpy(at, text.data(), text.size());
    return {at, text.size()};
  }

  /// Room for `size` characters, for text that is rewritten as it is copied.
  char* text_buffer(std::size_t size) { return static_cast<char*>(memory_.allocate(size, 1)); }

 private:
  // Blocks grow geometrically from the first: a small file takes little.
  std::pmr::monotonic_buffer_resource memory_;
};

}  // namespace quanze::ast
