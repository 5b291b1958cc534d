// The counts a batch user reads after a run: per status, per outcome (with
// delegation modes) and per department, days saved, and how each rule fared
// — the campaign's "four results" and the policy's coverage.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "quanze/manifest.hpp"
#include "quanze/output.hpp"

namespace quanze {
namespace {

constexpr Status kStatuses[] = {Status::decided, Status::conflict, Status::undecided, Status::rejected,
                                Status::error};
constexpr Outcome kOutcomes[] = {Outcome::cancel, Outcome::delegate, Outcome::filing, Outcome::keep};
constexpr Mode kModes[] = {Mode::authorization, Mode::entrustment, Mode::direct};
// In enum order, so that a value indexes its key.
constexpr Outcome kOutcomesById[] = {Outcome::cancel, Outcome::keep, Outcome::filing, Outcome::delegate};
constexpr Mode kModesById[] = {Mode::authorization, Mode::entrustment, Mode::direct};

std::string key(std::string_view kind, std::string_view id) { return std::string(kind) + ":" + std::string(id); }

std::uint64_t get(const std::map<std::string, std::uint64_t>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

std::string days_text(double days) { return fmt::format("{}", days); }

/// "取消 3，下放 5，…" for one set of counts, listing only what occurred.
std::string breakdown(const std::map<std::string, std::uint64_t>& counts) {
  std::vector<std::string> parts;
  for (Outcome o : kOutcomes)
    if (auto n = get(counts, key("outcome", outcome_id(o)))) parts.push_back(fmt::format("{} {}", outcome_label(o), n));
  for (Status s : kStatuses)
    if (s != Status::decided)
      if (auto n = get(counts, key("status", status_id(s)))) parts.push_back(fmt::format("{} {}", status_label(s), n));
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "，") + p;
  return out;
}

}  // namespace

void Summary::set_rules(const std::vector<RuleInfo>& rules) {
  coverage_.clear();
  coverage_index_.clear();
  rule_list_ = rule_list_key(rules);
  for (const RuleInfo& r : rules) {
    coverage_index_.emplace(r.id, coverage_.size());
    coverage_.push_back({r.id, r.requirement});
  }
}

namespace {

// Summary's key indexes: statuses, then outcomes and modes in enum order, then "total".
constexpr std::size_t kOutcomeBase = std::size(kStatuses), kModeBase = kOutcomeBase + std::size(kOutcomesById),
                      kTotalIndex = kModeBase + std::size(kModesById);

const std::vector<std::string>& key_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (Status s : kStatuses) out.push_back(key("status", status_id(s)));
    for (Outcome o : kOutcomesById) out.push_back(key("outcome", outcome_id(o)));
    for (Mode m : kModesById) out.push_back(key("mode", mode_id(m)));
    out.push_back("total");
    return out;
  }();
  return names;
}

}  // namespace

void Summary::add(const DecisionRecord& r) {
  static_assert(kTotalIndex + 1 == kKeys);
  ++total_;
  // kStatuses is in enum order too.
  std::size_t keys[3] = {static_cast<std::size_t>(r.status), 0, 0};
  std::size_t n = 1;
  if (r.status == Status::decided && r.outcome) {
    keys[n++] = kOutcomeBase + static_cast<std::size_t>(*r.outcome);
    if (*r.outcome == Outcome::delegate && r.mode) keys[n++] = kModeBase + static_cast<std::size_t>(*r.mode);
  }
  static const std::string no_department = "（未填部门）";
  const std::string& name = r.department.empty() ? no_department : r.department;
  // Lists come sorted by department more often than not: the last one's
  // counts are at hand without hashing the name.
  auto*& last = last_department_.entry;
  if (!last || last->first != name) last = &*pending_departments_.try_emplace(name).first;
  auto& department = last->second;
  for (std::size_t i = 0; i < n; ++i) {
    ++pending_[keys[i]];
    ++department[keys[i]];
  }
  ++department[kTotalIndex];

  if (coverage_.empty() || r.status == Status::error) return;  // an error row ran no rule to the end
  const RuleIndexes& x = r.rule_indexes;
  if (x.list != 0 && x.list == rule_list_ && x.counts[0] == r.rules.size() && x.counts[1] == r.defeated.size() &&
      x.counts[2] == r.outranked.size() && x.counts[3] == r.requirements.size())
    add_rules_by_index(r);
  else
    add_rules_by_id(r);
}

// The counts of add_rules_by_id, by position: the record's rules are the
// rules of this summary's list, in the same order, as its key says.
void Summary::add_rules_by_index(const DecisionRecord& r) {
  const RuleIndexes& x = r.rule_indexes;
  // Bounds checked all the same: two lists keyed alike by chance must not
  // write past the end.
  auto at = [&](std::uint32_t i) { return i < coverage_.size() ? &coverage_[i] : nullptr; };
  const std::uint32_t* p = x.positions.data();
  for (std::size_t k = 0; k < x.counts[0]; ++k, ++p) {
    if (*p == RuleIndexes::kDefault) {
      ++by_default_;
      continue;
    }
    if (RuleCoverage* c = at(*p)) {
      ++c->applied;
      ++(r.status == Status::conflict ? c->conflict : c->decided);
    }
  }
  for (std::size_t k = 0; k < x.counts[1]; ++k, ++p)
    if (RuleCoverage* c = at(*p)) ++c->applied, ++c->defeated;
  for (std::size_t k = 0; k < x.counts[2]; ++k, ++p)
    if (RuleCoverage* c = at(*p)) ++c->applied, ++c->outranked;
  for (std::size_t k = 0; k < x.counts[3]; ++k, ++p)
    if (RuleCoverage* c = at(*p)) ++c->checked, c->fired += !r.requirements[k].held;
}

void Summary::add_rules_by_id(const DecisionRecord& r) {
  auto at = [&](std::string_view id) -> RuleCoverage* {
    auto it = coverage_index_.find(id);
    return it == coverage_index_.end() ? nullptr : &coverage_[it->second];
  };
  for (const std::string& id : r.rules) {
    if (id == "default") {
      ++by_default_;
      continue;
    }
    if (RuleCoverage* c = at(id)) {
      ++c->applied;
      ++(r.status == Status::conflict ? c->conflict : c->decided);
    }
  }
  for (const Defeat& d : r.defeated)
    if (RuleCoverage* c = at(d.rule)) ++c->applied, ++c->defeated;
  for (const std::string& id : r.outranked)
    if (RuleCoverage* c = at(id)) ++c->applied, ++c->outranked;
  for (const RequirementCheck& check : r.requirements)
    if (RuleCoverage* c = at(check.rule)) ++c->checked, c->fired += !check.held;
}

void Summary::flush() const {
  const std::vector<std::string>& names = key_names();
  for (std::size_t k = 0; k < kKeys; ++k)
    if (pending_[k]) by_key_[names[k]] += pending_[k];
  pending_.fill(0);
  for (const auto& [department, counts] : pending_departments_) {
    auto& m = by_department_[department];
    for (std::size_t k = 0; k < kKeys; ++k)
      if (counts[k]) m[names[k]] += counts[k];
  }
  pending_departments_.clear();
  last_department_.entry = nullptr;
}

void Summary::merge(const Summary& other) {
  // A batch's counts are still in its arrays: added as arrays, with no
  // map built for them, since a run merges a summary every thousand rows.
  for (std::size_t k = 0; k < kKeys; ++k) pending_[k] += other.pending_[k];
  for (const auto& [department, counts] : other.pending_departments_) {
    auto& mine = pending_departments_.try_emplace(department).first->second;
    for (std::size_t k = 0; k < kKeys; ++k) mine[k] += counts[k];
  }
  total_ += other.total_;
  compressed_days_ += other.compressed_days_;
  for (const auto& [k, n] : other.by_key_) by_key_[k] += n;
  for (const auto& [department, counts] : other.by_department_)
    for (const auto& [k, n] : counts) by_department_[department][k] += n;
  for (const auto& [department, days] : other.compressed_by_department_) compressed_by_department_[department] += days;
  if (coverage_.empty()) set_rules_from(other);
  for (std::size_t i = 0; i < coverage_.size() && i < other.coverage_.size(); ++i) {
    RuleCoverage& c = coverage_[i];
    const RuleCoverage& o = other.coverage_[i];
    c.applied += o.applied, c.decided += o.decided, c.defeated += o.defeated, c.outranked += o.outranked;
    c.conflict += o.conflict, c.checked += o.checked, c.fired += o.fired;
  }
  by_default_ += other.by_default_;
}

void Summary::clear() {
  total_ = 0;
  compressed_days_ = 0;
  pending_.fill(0);
  pending_departments_.clear();
  last_department_.entry = nullptr;
  by_key_.clear();
  by_department_.clear();
  compressed_by_department_.clear();
  for (RuleCoverage& c : coverage_) c.applied = c.decided = c.defeated = c.outranked = c.conflict = c.checked = c.fired = 0;
  by_default_ = 0;
}

void Summary::set_rules_from(const Summary& other) {
  rule_list_ = other.rule_list_;
  for (const RuleCoverage& c : other.coverage_) {
    coverage_index_.emplace(c.rule, coverage_.size());
    coverage_.push_back({c.rule, c.requirement});
  }
}

void Summary::add_compressed_days(const std::string& department, double days) {
  compressed_days_ += days;
  compressed_by_department_[department.empty() ? "（未填部门）" : department] += days;
}

std::uint64_t Summary::count(Status s) const {
  flush();
  return get(by_key_, key("status", status_id(s))); }

std::string Summary::render() const {
  flush();
  std::string out = fmt::format("共 {} 项", total_);
  for (Status s : kStatuses) out += fmt::format("，{} {}", status_label(s), count(s));
  out += "\n";
  for (Outcome o : kOutcomes) {
    out += fmt::format("  {} {}", outcome_label(o), get(by_key_, key("outcome", outcome_id(o))));
    if (o == Outcome::delegate) {
      out += "（";
      for (std::size_t i = 0; i < std::size(kModes); ++i)
        out += fmt::format("{}{} {}", i ? "，" : "", mode_label(kModes[i]), get(by_key_, key("mode", mode_id(kModes[i]))));
      out += "）";
    }
    out += "\n";
  }
  if (compressed_days_ != 0) out += fmt::format("  压缩时限 {} 个工作日\n", days_text(compressed_days_));
  if (!by_department_.empty()) {
    out += "按部门：\n";
    for (const auto& [name, counts] : by_department_) {
      out += fmt::format("  {}：{} 项，{}", name, get(counts, "total"), breakdown(counts));
      if (auto days = compressed_by_department_.find(name); days != compressed_by_department_.end() && days->second != 0)
        out += fmt::format("，压缩时限 {} 个工作日", days_text(days->second));
      out += "\n";
    }
  }
  if (coverage_.empty()) return out;
  out += "按规则（适用 = 条件成立的事项数）：\n";
  for (const RuleCoverage& c : coverage_) {
    if (c.requirement) {
      out += fmt::format("  {}：检查 {}，未满足 {}{}\n", c.rule, c.checked, c.fired, c.fired ? "" : "  ← 从未触发");
      continue;
    }
    out += fmt::format("  {}：适用 {}，决定 {}，被推翻 {}", c.rule, c.applied, c.decided, c.defeated);
    if (c.outranked) out += fmt::format("，优先级落选 {}", c.outranked);
    if (c.conflict) out += fmt::format("，冲突 {}", c.conflict);
    out += c.applied ? "\n" : "  ← 从未适用\n";
  }
  out += fmt::format("  default：决定 {}\n", by_default_);
  return out;
}

std::string Summary::to_json(const Manifest* manifest) const {
  flush();
  using Json = nlohmann::ordered_json;
  auto counts = [](const std::map<std::string, std::uint64_t>& m) {
    Json j;
    j["items"] = get(m, "total");
    for (Status s : kStatuses) j[std::string(status_id(s))] = get(m, key("status", status_id(s)));
    Json outcomes;
    for (Outcome o : kOutcomes) outcomes[std::string(outcome_id(o))] = get(m, key("outcome", outcome_id(o)));
    Json modes;
    for (Mode md : kModes) modes[std::string(mode_id(md))] = get(m, key("mode", mode_id(md)));
    j["outcomes"] = outcomes;
    j["delegate_modes"] = modes;
    return j;
  };
  std::map<std::string, std::uint64_t> overall = by_key_;
  overall["total"] = total_;
  Json out = counts(overall);
  out["compressed_days"] = compressed_days_;
  out["departments"] = Json::array();
  for (const auto& [name, m] : by_department_) {
    Json d = {{"department", name}};
    d.update(counts(m));
    auto days = compressed_by_department_.find(name);
    d["compressed_days"] = days == compressed_by_department_.end() ? 0.0 : days->second;
    out["departments"].push_back(std::move(d));
  }
  out["rules"] = Json::array();
  out["requirements"] = Json::array();
  for (const RuleCoverage& c : coverage_) {
    if (c.requirement) {
      out["requirements"].push_back({{"rule", c.rule}, {"checked", c.checked}, {"fired", c.fired}, {"never_fired", c.fired == 0}});
    } else {
      out["rules"].push_back({{"rule", c.rule}, {"applied", c.applied}, {"decided", c.decided}, {"defeated", c.defeated},
                              {"outranked", c.outranked}, {"conflict", c.conflict}, {"never_applied", c.applied == 0}});
    }
  }
  if (!coverage_.empty()) out["default"] = by_default_;
  if (manifest) out["manifest"] = Json::parse(manifest_to_json(*manifest));
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace quanze
