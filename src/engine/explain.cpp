#include "quanze/explain.hpp"

#include <fmt/format.h>

namespace quanze {
namespace {

/// "delegate.authorize「依据允许授权的，法定授权下放」（rules/liangyou.qz:57）"
std::string rule_ref(const Policy& policy, const std::string& id) {
  const RuleInfo* info = policy.find_rule(id);
  if (!info) return id;  // "default"
  std::string out = id;
  if (!info->title.empty()) out += "「" + info->title + "」";
  return out + fmt::format("（{}:{}）", info->file, info->line);
}

std::string outcome_text(Outcome o, const std::optional<Mode>& mode, const std::optional<std::string>& target,
                         const std::optional<std::string>& receiver) {
  std::string out(outcome_label(o));
  if (mode) out += fmt::format("（{}）", mode_label(*mode));
  if (target) out += " → " + *target;
  if (receiver && !receiver->empty()) out += "，承接主体 " + *receiver;
  return out;
}

/// "delegate by entrustment" (the record's English form) → "下放（委托实施）".
std::string fallback_text(std::string_view fallback) {
  if (fallback == "reject") return "驳回";
  std::string_view kind = fallback.substr(0, fallback.find(" by "));
  std::string out;
  for (Outcome o : {Outcome::cancel, Outcome::keep, Outcome::filing, Outcome::delegate})
    if (outcome_id(o) == kind) out = outcome_label(o);
  if (kind.size() < fallback.size()) {
    std::string_view mode = fallback.substr(kind.size() + 4);
    for (Mode m : {Mode::authorization, Mode::entrustment, Mode::direct})
      if (mode_id(m) == mode) out += fmt::format("（{}）", mode_label(m));
  }
  return out.empty() ? std::string(fallback) : out;
}

std::string conclusion(const DecisionRecord& r) {
  switch (r.status) {
    case Status::decided: return outcome_text(*r.outcome, r.mode, r.target, r.receiver);
    case Status::conflict: return "冲突 — 仍有效的规则结论不一致，引擎不代为选择";
    case Status::undecided: return "未决定 — 没有适用的规则，政策也没有 default";
    case Status::rejected: return "驳回 — 依据要求未满足，其 else 为 reject";
    case Status::error: return "错误 — " + r.error;
  }
  return "";
}

class Explainer {
 public:
  Explainer(const DecisionRecord& r, const Policy& p) : r_(r), p_(p) {}

  std::string run(std::string_view list) {
    line(fmt::format("事项：{}{}（{} 第 {} 行）", r_.item, r_.name.empty() ? "" : " " + r_.name, list, r_.row));
    line("结论：" + conclusion(r_));
    if (!r_.rules.empty())
      section(r_.status == Status::conflict ? "仍有效的规则" : "决定规则", r_.rules,
              [&](const std::string& id) { return rule_ref(p_, id); });
    section("各规则的结论", r_.conflict, [](const LiveOutcome& o) {
      return fmt::format("{}：{}", o.rule, outcome_text(o.outcome, o.mode, o.target, o.receiver));
    });
    section("理由", r_.reasons, [](const std::string& s) { return s; });
    section("引用依据", r_.citations, [](const std::string& s) { return s; });
    section("被推翻的规则", r_.defeated,
            [&](const Defeat& d) { return fmt::format("{} 被 {} 推翻", rule_ref(p_, d.rule), d.by); });
    section("因优先级落选", r_.outranked, [&](const std::string& id) { return rule_ref(p_, id); });
    section("依据要求", r_.requirements, [&](const RequirementCheck& c) {
      return rule_ref(p_, c.rule) + (c.held ? " 满足" : " 未满足 → 改为" + fallback_text(c.fallback));
    });
    section("数据问题", r_.problems, [](const RowProblem& p) {
      std::string where = p.column ? fmt::format("第 {} 列（{}）", p.column, p.header) : std::string();
      return fmt::format("[{}] {}{}", p.code, where.empty() ? "" : where + "：", p.message);
    });
    section("证据", r_.evidence, [](const auto& e) { return e.first + " = " + e.second.value_or("（空）"); });
    return std::move(out_);
  }

 private:
  template <typename List, typename Show>
  void section(std::string_view title, const List& list, Show show) {
    if (list.empty()) return;
    line(fmt::format("{}：", title));
    for (const auto& entry : list) item(show(entry));
  }
  void item(const std::string& text) { line("  · " + text); }
  void line(const std::string& text) { out_ += text + "\n"; }

  const DecisionRecord& r_;
  const Policy& p_;
  std::string out_;
};

}  // namespace

std::string explain_text(const DecisionRecord& record, const Policy& policy, std::string_view list) {
  return Explainer(record, policy).run(list);
}

}  // namespace quanze
