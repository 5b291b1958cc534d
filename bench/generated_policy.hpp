// The generated policies of the load and analysis benchmarks: the
// baseline's schema, then families of four rules like a real campaign's
// policy (a general rule per department and level, exceptions for
// security, basis and volume). 2,500 families are the 10,000 rules of the
// issue 5 target; write_generated_policy puts one in a file for `quanze
// check` timings.
#pragma once

#include <fmt/format.h>

#include <string>

#include "quanze/engine.hpp"

namespace quanze::bench {

inline std::string generated_policy(int families) {
  std::string text(baseline_policy_text().substr(0, baseline_policy_text().find("# ── 取消")));
  const char* levels[] = {"county", "league", "region"};
  const char* kinds[] = {"licence", "penalty", "inspection", "confirmation", "payment"};
  for (int i = 0; i < families; ++i) {
    const char* level = levels[i % 3];
    const char* kind = kinds[i % 5];
    int limit = 10 + (i * 7) % 200;
    // Each family belongs to one department, as a campaign's rules often do.
    text += fmt::format("rule d{0}: when department = \"部门{0}\" and level = {1} and power_type = {2} and volume > {3} "
                        "then delegate to next level by entrustment\n", i, level, kind, limit);
    text += fmt::format("exception k{0} to d{0}: when department = \"部门{0}\" and (security has public or volume_3y > {1}) "
                        "then keep\n", i, limit * 3);
    text += fmt::format("exception c{0} to d{0}, k{0}: when department = \"部门{0}\" and basis.highest < gov_rule and "
                        "category = power then cancel\n", i);
    text += fmt::format("rule f{0}: when department = \"部门{0}\" and power_type = {1} and risk = low and level = {2} "
                        "and volume < {3} then filing\n", i, kind, level, limit);
  }
  return text + "default keep\n";
}

}  // namespace quanze::bench
