#include "quanze/explain.hpp"
#include "quanze/legal_basis.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

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

bool dated(const Policy& policy) {
  const auto& rules = policy.rules();
  return std::any_of(rules.begin(), rules.end(), [](const RuleInfo& r) { return r.effective || r.until; });
}

/// "生效 2023-01-01，有效至 2024-12-31" when `info` is out of force on `as_of`, else empty.
std::string out_of_force(const RuleInfo* info, std::string_view as_of) {
  auto day = Date::parse(as_of);
  if (!info || !day || ((!info->effective || *info->effective <= *day) && (!info->until || *day <= *info->until)))
    return {};
  std::string window;
  if (info->effective) window += "生效 " + info->effective->to_string();
  if (info->until) window += (window.empty() ? "" : "，") + std::string("有效至 ") + info->until->to_string();
  return window;
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

std::string values_text(const std::vector<EvidenceValue>& values) {
  std::string out;
  for (const EvidenceValue& v : values)
    out += (out.empty() ? "" : "，") + v.key + " = " + v.value.value_or("（空）");
  return out;
}

/// "basis.highest < gov_rule（rules/liangyou.qz:44:27；basis.highest = 行政法规 …）"
std::string condition_text(const ConditionTrace& c) {
  std::string values = values_text(c.values);
  std::string text = c.let.empty() ? c.text : fmt::format("{}（let {} = {}）", c.let, c.let, c.text);
  return fmt::format("{}（{}:{}:{}{}）", text, c.file, c.line, c.column, values.empty() ? "" : "；" + values);
}

std::string level_label_of(std::string_view id) {
  for (int l = 0; l < kLegalLevelCount; ++l)
    if (level_id(static_cast<LegalLevel>(l)) == id) return std::string(level_label(static_cast<LegalLevel>(l)));
  return std::string(id);
}

std::string citation_text(const CitationTrace& c) {
  std::string how = c.stated        ? "写明 " + c.how
                    : c.how.empty() ? std::string("未能推定，按规范性文件")
                                    : "推定，据“" + c.how + "”";
  if (!c.place.empty()) how += "与地名“" + c.place + "”";
  return fmt::format("《{}》{} → {}（{}）", c.title, c.article, level_label_of(c.level), how);
}

class Explainer {
 public:
  Explainer(const Derivation& d, const Policy& p) : d_(d), r_(d.record), p_(p) {}

  std::string run(std::string_view list) {
    line(fmt::format("事项：{}{}（{} 第 {} 行）", r_.item, r_.name.empty() ? "" : " " + r_.name, list, r_.row));
    line("结论：" + conclusion(r_));
    if (dated(p_)) line("日期：按 " + r_.as_of + " 有效的规则决定");
    if (!r_.rules.empty())
      section(r_.status == Status::conflict ? "仍有效的规则" : "决定规则", r_.rules, [&](const std::string& id) {
        if (id != "default") return rule_ref(p_, id);
        auto at = std::find_if(r_.source.begin(), r_.source.end(), [](const SourceRef& s) { return s.rule == "default"; });
        return at == r_.source.end() ? id : fmt::format("default（{}:{}）", at->file, at->line);
      });
    section("各规则的结论", r_.conflict, [](const LiveOutcome& o) {
      return fmt::format("{}：{}", o.rule, outcome_text(o.outcome, o.mode, o.target, o.receiver));
    });
    section("理由", r_.reasons, [](const std::string& s) { return s; });
    section("引用依据", r_.citations, [](const std::string& s) { return s; });
    section("被推翻的规则", d_.defeated, [&](const DefeatTrace& t) {
      std::string text = fmt::format("{} 被 {} 推翻", rule_ref(p_, t.rule), t.by);
      if (t.path.size() > 2) text += "（传递覆盖：" + joined(t.path, " → ") + "）";
      return text;
    });
    section("因优先级落选", r_.outranked, [&](const std::string& id) { return rule_ref(p_, id); });
    section("依据要求", d_.requirements, [&](const RequirementTrace& t) {
      if (t.held) return rule_ref(p_, t.rule) + " 满足：" + condition_text(t.condition);
      return rule_ref(p_, t.rule) + " 未满足 → 改为" + fallback_text(t.fallback) + "：不成立的是 " +
             condition_text(t.condition);
    });
    section("未适用的规则", d_.not_applied, [&](const NotApplied& n) { return not_applied_text(n); });
    section("数据问题", r_.problems, [](const RowProblem& p) {
      std::string where = p.column ? fmt::format("第 {} 列（{}）", p.column, p.header) : std::string();
      return fmt::format("[{}] {}{}", p.code, where.empty() ? "" : where + "：", p.message);
    });
    section("证据", r_.evidence, [](const auto& e) { return e.first + " = " + e.second.value_or("（空）"); });
    section("原始单元格", d_.cells, [](const CellTrace& c) {
      std::string text = fmt::format("{}（{}，第 {} 列）：{}", c.header, c.field, c.column, c.raw.empty() ? "（空）" : c.raw);
      for (const CitationTrace& t : c.citations) text += "\n      " + citation_text(t);
      return text;
    });
    return std::move(out_);
  }

  std::string not_applied_text(const NotApplied& n) const {
    if (n.not_in_force) return rule_ref(p_, n.rule) + " 不适用：" + n.condition.text;
    return rule_ref(p_, n.rule) + " 不适用：不成立的是 " + condition_text(n.condition);
  }

 private:
  static std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
  }
  template <typename List, typename Show>
  void section(std::string_view title, const List& list, Show show) {
    if (list.empty()) return;
    line(fmt::format("{}：", title));
    for (const auto& entry : list) item(show(entry));
  }
  void item(const std::string& text) { line("  · " + text); }
  void line(const std::string& text) { out_ += text + "\n"; }

  const Derivation& d_;
  const DecisionRecord& r_;
  const Policy& p_;
  std::string out_;
};

}  // namespace

std::string explain_text(const Derivation& derivation, const Policy& policy, std::string_view list) {
  return Explainer(derivation, policy).run(list);
}

std::string explain_rule_text(const Derivation& d, const Policy& policy, std::string_view rule) {
  const DecisionRecord& r = d.record;
  std::string id(rule);
  std::string head = fmt::format("事项：{}{}\n", r.item, r.name.empty() ? "" : " " + r.name);
  for (const NotApplied& n : d.not_applied)
    if (n.rule == rule) return head + Explainer(d, policy).not_applied_text(n) + "\n";
  auto has = [&](const auto& list, auto get) {
    return std::any_of(list.begin(), list.end(), [&](const auto& e) { return get(e) == rule; });
  };
  std::string ref = rule_ref(policy, id);
  for (const DefeatTrace& t : d.defeated)
    if (t.rule == rule)
      return head + fmt::format("{} 适用，但被 {} 推翻（{}）\n", ref, t.by,
                                fmt::join(t.path, " → "));
  if (has(r.outranked, [](const std::string& s) { return s; }))
    return head + ref + " 适用且有效，但因 precedence 落选\n";
  if (has(r.rules, [](const std::string& s) { return s; }))
    return head + ref + (r.status == Status::conflict ? " 适用且有效，与其他有效规则冲突\n" : " 适用，作出了决定\n");
  for (const RequirementTrace& t : d.requirements)
    if (t.rule == rule)
      return head + ref + (t.held ? " 满足：" : " 未满足 → 改为" + fallback_text(t.fallback) + "：不成立的是 ") +
             condition_text(t.condition) + "\n";
  if (r.status == Status::error) return head + "这一行有错误，没有逐条计算规则：" + r.error + "\n";
  const RuleInfo* info = policy.find_rule(id);
  if (std::string window = out_of_force(info, r.as_of); !window.empty())
    return head + ref + " 没有检查：" + r.as_of + " 不在有效期内（" + window + "）\n";
  if (info && info->requirement) return head + ref + " 没有检查：这个事项的结果不归它管\n";
  return head + ref + " 不是这个政策的规则或依据要求\n";
}

}  // namespace quanze
