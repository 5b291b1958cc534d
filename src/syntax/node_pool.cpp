// Where parse-tree nodes come from: a free list per thread. A parse makes
// and drops nodes by the million (one for each rule tried, see
// parse_tree.hpp) but holds only a few hundred at once, since each
// declaration's tree is dropped once it is built: the same few hundred
// blocks serve the whole file.
#include <new>

#include "syntax/parse_tree.hpp"

namespace quanze::syntax {
namespace {

/// Freed nodes, linked through their own first bytes.
class FreeNodes {
 public:
  FreeNodes() = default;
  FreeNodes(const FreeNodes&) = delete;
  FreeNodes& operator=(const FreeNodes&) = delete;
  ~FreeNodes() {
    while (head_) ::operator delete(take());
  }

  bool empty() const { return head_ == nullptr; }

  void* take() {
    Free* block = head_;
    head_ = block->next;
    --count_;
    return block;
  }

  /// False when the list is full: a whole file's tree (built only when
  /// probing a syntax error) is not kept for later.
  bool give(void* block) {
    if (count_ == kMaxFree) return false;
    head_ = new (block) Free{head_};
    ++count_;
    return true;
  }

 private:
  struct Free {
    Free* next;
  };
  static_assert(sizeof(Free) <= sizeof(Node));
  static constexpr std::size_t kMaxFree = 4096;

  Free* head_ = nullptr;
  std::size_t count_ = 0;
};

thread_local FreeNodes free_nodes;

// Under AddressSanitizer every node goes to the allocator and back: a node
// used after it was dropped must be reported, not find itself reused.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPooled = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kPooled = false;
#else
constexpr bool kPooled = true;
#endif
#else
constexpr bool kPooled = true;
#endif

}  // namespace

void* Node::operator new(std::size_t size) {
  if (kPooled && size == sizeof(Node) && !free_nodes.empty()) return free_nodes.take();
  return ::operator new(size);
}

void Node::operator delete(void* node, std::size_t size) noexcept {
  if (kPooled && size == sizeof(Node) && free_nodes.give(node)) return;
  ::operator delete(node);
}

}  // namespace quanze::syntax
