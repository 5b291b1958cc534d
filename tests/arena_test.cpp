// The syntax tree's arena: what it hands out stays put and keeps its
// contents while the arena lives, across small blocks, huge-page blocks and
// blocks kept from an arena before.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ast/arena.hpp"

namespace {

std::string label(std::size_t i) {
  std::string out = std::to_string(i);
  out.resize(16, '.');
  return out;
}

/// Copies `count` distinct 1 KiB texts into an arena, then counts the
/// copies that no longer read as they were written.
std::size_t damaged_copies(quanze::ast::Arena& arena, std::size_t count) {
  std::vector<std::string_view> copies;
  std::string text(1024, ' ');
  for (std::size_t i = 0; i < count; ++i) {
    text.replace(0, 16, label(i));
    copies.push_back(arena.copy(text));
  }
  std::size_t damaged = 0;
  for (std::size_t i = 0; i < count; ++i)
    damaged += copies[i].size() != 1024 || copies[i].substr(0, 16) != label(i) || copies[i][1023] != ' ';
  return damaged;
}

}  // namespace

TEST_CASE("arena: copies keep their contents from small blocks into huge-page blocks") {
  quanze::ast::Arena arena;  // 4 KiB first, growing past 2 MiB
  CHECK(damaged_copies(arena, 12 * 1024) == 0);
}

TEST_CASE("arena: a first block of many MiB, freed and reused by the next arena of that size") {
  for (int round = 0; round < 3; ++round) {
    quanze::ast::Arena arena(5u << 20);
    CHECK(damaged_copies(arena, 6 * 1024) == 0);  // spills into a second block
    auto* number = arena.make<std::uint64_t>(std::uint64_t{0x0123456789ABCDEF});
    CHECK(*number == 0x0123456789ABCDEF);
    CHECK(reinterpret_cast<std::uintptr_t>(number) % alignof(std::uint64_t) == 0);
  }
}
