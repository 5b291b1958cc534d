#include "check/requirement_graph.hpp"

#include <fmt/format.h>

#include "diag/codes.hpp"

namespace quanze::check {
namespace {

bool matches(const CompiledOutcome& outcome, const CompiledRequire& r) {
  if (outcome.reject || outcome.kind != r.pattern_kind) return false;
  return !r.pattern_mode || outcome.mode == r.pattern_mode;
}

}  // namespace

void check_requirement_loops(CheckContext& ctx) {
  const auto& reqs = ctx.program.requires_;
  std::size_t n = reqs.size();
  std::vector<std::vector<std::uint32_t>> next(n);
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::uint32_t b = 0; b < n; ++b)
      if (matches(reqs[a].otherwise, reqs[b])) next[a].push_back(b);
  // Report each cycle once, at its first requirement in file order.
  std::vector<bool> reported(n, false);
  for (std::uint32_t start = 0; start < n; ++start) {
    if (reported[start]) continue;
    // Breadth-first search back to `start`, keeping parents for the path.
    std::vector<int> parent(n, -1);
    std::vector<std::uint32_t> queue(next[start].begin(), next[start].end());
    for (std::uint32_t q : queue) parent[q] = static_cast<int>(start);
    bool found = false;
    for (std::size_t i = 0; i < queue.size() && !found; ++i) {
      std::uint32_t at = queue[i];
      if (at == start) {
        found = true;
        break;
      }
      for (std::uint32_t to : next[at]) {
        if (parent[to] == -1) {
          parent[to] = static_cast<int>(at);
          queue.push_back(to);
        }
      }
    }
    if (!found) continue;
    std::vector<std::uint32_t> path{start};
    for (int at = parent[start]; at != static_cast<int>(start); at = parent[at]) path.push_back(at);
    std::string text = reqs[start].id;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      text += " → " + reqs[*it].id;
      reported[*it] = true;
    }
    ctx.error(code::requirement_loop, ctx.require_ranges[start],
              fmt::format("requirement fallbacks can loop: {}; a fallback must satisfy the "
                          "requirements it leads to",
                          text));
  }
}

}  // namespace quanze::check
