// The counts a batch user reads after a run: per status, per outcome (with
// delegation modes) and per department.
#include <fmt/format.h>

#include "quanze/output.hpp"

namespace quanze {
namespace {

constexpr Status kStatuses[] = {Status::decided, Status::conflict, Status::undecided, Status::rejected,
                                Status::error};
constexpr Outcome kOutcomes[] = {Outcome::cancel, Outcome::delegate, Outcome::filing, Outcome::keep};
constexpr Mode kModes[] = {Mode::authorization, Mode::entrustment, Mode::direct};

std::string key(std::string_view kind, std::string_view id) { return std::string(kind) + ":" + std::string(id); }

std::uint64_t get(const std::map<std::string, std::uint64_t>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

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

void Summary::add(const DecisionRecord& r) {
  ++total_;
  std::vector<std::string> keys{key("status", status_id(r.status))};
  if (r.status == Status::decided && r.outcome) {
    keys.push_back(key("outcome", outcome_id(*r.outcome)));
    if (*r.outcome == Outcome::delegate && r.mode) keys.push_back(key("mode", mode_id(*r.mode)));
  }
  auto& department = by_department_[r.department.empty() ? "（未填部门）" : r.department];
  for (const std::string& k : keys) {
    ++by_key_[k];
    ++department[k];
  }
  ++department["total"];
}

std::uint64_t Summary::count(Status s) const { return get(by_key_, key("status", status_id(s))); }

std::string Summary::render() const {
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
  if (by_department_.empty()) return out;
  out += "按部门：\n";
  for (const auto& [name, counts] : by_department_)
    out += fmt::format("  {}：{} 项，{}\n", name, get(counts, "total"), breakdown(counts));
  return out;
}

}  // namespace quanze
