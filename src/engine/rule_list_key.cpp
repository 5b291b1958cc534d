// The key that ties a record's rule positions to the rule list they index,
// so that a summary never counts positions against another policy's list.
#include "quanze/engine.hpp"

namespace quanze {

std::uint64_t rule_list_key(const std::vector<RuleInfo>& rules) {
  // FNV-1a over each id's length, bytes and kind: the content, not an
  // address, so a policy loaded twice (or a summary copied or merged) keys
  // alike, and a freed list's address reused by another cannot match.
  std::uint64_t h = 0xCBF29CE484222325ULL;
  auto mix = [&](std::uint64_t byte) { h = (h ^ byte) * 0x100000001B3ULL; };
  mix(rules.size());
  for (const RuleInfo& r : rules) {
    if (r.id == "default") return 0;
    mix(r.id.size());
    for (char c : r.id) mix(static_cast<unsigned char>(c));
    mix(r.requirement ? 1 : 2);
  }
  return h == 0 ? 1 : h;
}

}  // namespace quanze
