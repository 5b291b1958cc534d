#include "eval/in_force.hpp"

#include <algorithm>

namespace quanze {

bool in_window(const std::optional<Date>& effective, const std::optional<Date>& until, Date day) {
  return (!effective || *effective <= day) && (!until || day <= *until);
}

InForce InForce::on(const Program& p, Date day) {
  InForce f;
  f.as_of = day;
  for (const CompiledRule& r : p.rules) f.rule.push_back(in_window(r.effective, r.until, day));
  for (const CompiledRequire& r : p.requires_) f.requirement.push_back(in_window(r.effective, r.until, day));
  if (std::all_of(f.rule.begin(), f.rule.end(), [](std::uint8_t in) { return in != 0; })) {
    for (const CompiledRule& r : p.rules) f.overridden_by.push_back(r.overridden_by);  // the checker's closure
    return f;
  }
  // Close `to` edges again, walking only rules in force.
  f.overridden_by.assign(p.rules.size(), {});
  std::vector<std::uint8_t> seen(p.rules.size());
  std::vector<std::uint32_t> stack;
  for (std::uint32_t from = 0; from < p.rules.size(); ++from) {
    if (!f.rule[from]) continue;
    std::fill(seen.begin(), seen.end(), 0);
    stack.assign(1, from);
    while (!stack.empty()) {
      std::uint32_t at = stack.back();
      stack.pop_back();
      for (std::uint32_t next : p.rules[at].targets) {
        if (!f.rule[next] || seen[next] || next == from) continue;
        seen[next] = 1;
        f.overridden_by[next].push_back(from);
        stack.push_back(next);
      }
    }
  }
  return f;  // each list was filled in increasing `from`: sorted
}

}  // namespace quanze
