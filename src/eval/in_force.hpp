// The policy as it stood on one day: which rules and requirements are in
// force, and who overrides whom among them.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/program.hpp"

namespace quanze {

/// A rule outside its effective/until window is absent that day, as if it
/// were not written: it never applies, and no override runs through it.
/// `exception f to e` with `exception e to r` still makes f override r
/// while e is in force, applicable or not; once e is out of force, f and r
/// are two rules that no `to` joins (docs/language.md §7.1).
struct InForce {
  Date as_of;
  std::vector<std::uint8_t> rule;         ///< per rule: 1 in force
  std::vector<std::uint8_t> requirement;  ///< per requirement: 1 in force
  /// Per rule, the rules in force that override it through rules in force,
  /// sorted by index. Empty for a rule out of force.
  std::vector<std::vector<std::uint32_t>> overridden_by;

  static InForce on(const Program& program, Date day);
};

/// Whether a window holds `day`, both ends included.
bool in_window(const std::optional<Date>& effective, const std::optional<Date>& until, Date day);

}  // namespace quanze
