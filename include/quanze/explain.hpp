// A decision told for a person: the derivation an auditor reads, as text
// or as JSON.
#pragma once

#include <string>
#include <string_view>

#include "quanze/derivation.hpp"
#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"

namespace quanze {

/// Chinese-labelled, multi-line and deterministic: the item, the
/// conclusion, the deciding rules with file:line, reasons, citations, each
/// defeated rule with what defeated it (and the override path when it was
/// transitive), rules outranked by precedence, each requirement with its
/// condition, every rule that did not apply with the first condition that
/// was false and the values that made it false, input problems, and the
/// evidence with the raw cells and each legal citation's level. `list`
/// names the input in the first line.
std::string explain_text(const Derivation& derivation, const Policy& policy, std::string_view list);

/// Only why one rule did or did not apply to the item (`--why-not RULE`).
std::string explain_rule_text(const Derivation& derivation, const Policy& policy, std::string_view rule);

/// The record's keys (DESIGN.md part 5), then "derivation": defeated (with
/// path), requirements (with condition), not_applied (with the false
/// condition and its values) and cells (raw, citations). `indent` < 0
/// writes one line.
std::string derivation_to_json(const Derivation& derivation, const Policy& policy, int indent = -1,
                               const Manifest* manifest = nullptr);

}  // namespace quanze

namespace quanze {

/// The policy's exception hierarchy as a tree: rules no rule overrides at
/// the top, under each rule the rules its `to` names (with title and
/// file:line); a rule met again is referred to, not redrawn. Then each
/// override that holds only transitively.
std::string override_tree_text(const Policy& policy);

/// {"manifest", "rules": each rule with its direct and transitive overrides}.
std::string override_tree_json(const Policy& policy, const Manifest* manifest = nullptr);

}  // namespace quanze
