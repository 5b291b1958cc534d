#include "ast/arena.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <mutex>
#include <vector>

namespace quanze::ast {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t round_up(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

/// A fresh process pays a page fault for every 4 KiB it touches, and in a
/// virtual machine a fault is dear: for a 10,000-rule file the arena's
/// faults were a fifth of `quanze check`. A huge page is one fault.
class HugePageBlocks final : public std::pmr::memory_resource {
 public:
  HugePageBlocks() = default;
  HugePageBlocks(const HugePageBlocks&) = delete;
  HugePageBlocks& operator=(const HugePageBlocks&) = delete;
  ~HugePageBlocks() override {
    for (const Block& b : kept_) munmap(b.start, b.size);
  }

 private:
  struct Block {
    void* start;
    std::size_t size;
  };
  // Freed blocks are kept for the next arena, as malloc keeps what it is
  // given back: a process that reads the same files again (tests, a
  // benchmark) finds its pages in place, not faulted in anew.
  static constexpr std::size_t kKeptBlocks = 4;

  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    if (bytes < kHugePage || alignment > kHugePage) return std::pmr::new_delete_resource()->allocate(bytes, alignment);
    std::size_t size = round_up(bytes);
    if (void* kept = take_kept(size)) return kept;
    // Over-map by a huge page and cut off what lies outside the aligned span.
    void* mapped = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    auto start = reinterpret_cast<std::uintptr_t>(mapped);
    std::uintptr_t aligned = (start + kHugePage - 1) & ~std::uintptr_t{kHugePage - 1};
    if (aligned > start) munmap(mapped, aligned - start);
    if (std::uintptr_t end = aligned + size; end < start + size + kHugePage)
      munmap(reinterpret_cast<void*>(end), start + size + kHugePage - end);
#ifdef MADV_HUGEPAGE
    madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // a hint: without THP, plain pages
#endif
    return reinterpret_cast<void*>(aligned);
  }

  void do_deallocate(void* block, std::size_t bytes, std::size_t alignment) override {
    if (bytes < kHugePage || alignment > kHugePage)
      return std::pmr::new_delete_resource()->deallocate(block, bytes, alignment);
    std::size_t size = round_up(bytes);
    std::lock_guard lock(mutex_);
    if (kept_.size() == kKeptBlocks) {
      munmap(kept_.front().start, kept_.front().size);
      kept_.erase(kept_.begin());
    }
    kept_.push_back({block, size});
  }

  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  /// A kept block of exactly `size` bytes: arenas of the same file ask for
  /// the same sizes, and a bigger block would hold memory for nothing.
  void* take_kept(std::size_t size) {
    std::lock_guard lock(mutex_);
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
      if (it->size != size) continue;
      void* start = it->start;
      kept_.erase(it);
      return start;
    }
    return nullptr;
  }

  std::mutex mutex_;
  std::vector<Block> kept_;
};

}  // namespace

std::pmr::memory_resource* huge_page_blocks() {
  static HugePageBlocks blocks;
  return &blocks;
}

}  // namespace quanze::ast
