// Which rule overrides which: `exception e to r` is an edge e -> r, and
// overriding is transitive along edges.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace quanze::check {

class OverrideGraph {
 public:
  explicit OverrideGraph(std::size_t rules) : edges_(rules) {}

  void add(std::uint32_t overrider, std::uint32_t overridden) { edges_[overrider].push_back(overridden); }

  /// A cycle as the rules along it (first == last), if the graph has one.
  std::optional<std::vector<std::uint32_t>> find_cycle() const;

  /// For every rule, the rules that override it directly or transitively,
  /// sorted. Only meaningful on an acyclic graph.
  std::vector<std::vector<std::uint32_t>> overriders() const;

 private:
  std::vector<std::vector<std::uint32_t>> edges_;
};

}  // namespace quanze::check
