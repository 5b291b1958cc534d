#include "check/override_graph.hpp"

#include <algorithm>

namespace quanze::check {

std::optional<std::vector<std::uint32_t>> OverrideGraph::find_cycle() const {
  enum class Mark : std::uint8_t { white, grey, black };
  std::vector<Mark> mark(edges_.size(), Mark::white);
  std::vector<std::uint32_t> path;
  // Iterative DFS: policies may have thousands of rules in long chains.
  for (std::uint32_t root = 0; root < edges_.size(); ++root) {
    if (mark[root] != Mark::white) continue;
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{root, 0}};
    mark[root] = Mark::grey;
    path.assign(1, root);
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next == edges_[node].size()) {
        mark[node] = Mark::black;
        stack.pop_back();
        path.pop_back();
        continue;
      }
      std::uint32_t to = edges_[node][next++];
      if (mark[to] == Mark::grey) {
        auto from = std::find(path.begin(), path.end(), to);
        std::vector<std::uint32_t> cycle(from, path.end());
        cycle.push_back(to);
        return cycle;
      }
      if (mark[to] == Mark::white) {
        mark[to] = Mark::grey;
        path.push_back(to);
        stack.emplace_back(to, 0);
      }
    }
  }
  return std::nullopt;
}

std::vector<std::vector<std::uint32_t>> OverrideGraph::overriders() const {
  std::vector<std::vector<std::uint32_t>> result(edges_.size());
  std::vector<std::uint32_t> seen(edges_.size(), UINT32_MAX);
  std::vector<std::uint32_t> stack;
  for (std::uint32_t e = 0; e < edges_.size(); ++e) {
    if (edges_[e].empty()) continue;
    stack.assign(edges_[e].begin(), edges_[e].end());
    while (!stack.empty()) {
      std::uint32_t r = stack.back();
      stack.pop_back();
      if (seen[r] == e) continue;
      seen[r] = e;
      result[r].push_back(e);  // e ascends, so each list comes out sorted
      stack.insert(stack.end(), edges_[r].begin(), edges_[r].end());
    }
  }
  return result;
}

}  // namespace quanze::check
