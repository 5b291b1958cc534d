// quanze check's analysis: each finding is a search for an item (see
// witness_search.hpp), confirmed by classifying that item for real, so a
// warning never shows an example that does not behave as it says.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/field_domains.hpp"
#include "analysis/witness_search.hpp"
#include "diag/codes.hpp"
#include "eval/describe.hpp"
#include "eval/in_force.hpp"
#include "quanze/analysis.hpp"

namespace quanze {
namespace {

bool same_template(const Program& p, std::uint32_t a, std::uint32_t b) {
  const auto& x = p.templates[a].pieces;
  const auto& y = p.templates[b].pieces;
  return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), [](const auto& l, const auto& r) {
           return l.kind == r.kind && l.text == r.text && l.field == r.field;
         });
}

/// Two rules whose outcomes are written alike decide alike on every item.
bool same_outcome(const Program& p, const CompiledOutcome& a, const CompiledOutcome& b) {
  if (a.kind != b.kind || a.mode != b.mode || a.target != b.target) return false;
  if (a.target == CompiledOutcome::Target::next && a.next_field != b.next_field) return false;
  if (a.target == CompiledOutcome::Target::text && !same_template(p, a.target_template, b.target_template))
    return false;
  if (a.receiver_template.has_value() != b.receiver_template.has_value()) return false;
  return !a.receiver_template || same_template(p, *a.receiver_template, *b.receiver_template);
}

std::string outcome_text(const Program& p, const CompiledOutcome& o) {
  std::string text = describe_fallback(o);
  if (o.target == CompiledOutcome::Target::next) text += " to next " + p.fields[o.next_field].name;
  return text;
}

/// The days on which the policy changes: one for each set of rules in force.
/// Without dated rules, the policy is the same every day: today stands for all.
std::vector<Date> periods(const Program& p) {
  if (!p.dated) return {Date::today()};
  std::vector<Date> starts;
  auto window = [&](const std::optional<Date>& effective, const std::optional<Date>& until) {
    if (effective) starts.push_back(*effective);
    if (until) starts.push_back(until->next());
  };
  for (const CompiledRule& r : p.rules) window(r.effective, r.until);
  for (const CompiledRequire& r : p.requires_) window(r.effective, r.until);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  starts.insert(starts.begin(), starts.front().previous());  // before any window opens
  return starts;
}

/// One period of the policy: the day it starts and what is in force.
struct Period {
  Date day;
  InForce in_force;
  std::unique_ptr<Classifier> classifier;
};

class PolicyAnalysis {
 public:
  explicit PolicyAnalysis(const Program& p)
      : p_(p), domains_(field_domains(p)), search_(p, domains_), table_(synthetic_table()) {}

  Diagnostics run(std::shared_ptr<const Policy> policy) {
    // A finding on any day is a finding: the policy is searched as it stands
    // in each of its periods, and an example says on which day it holds.
    for (Date day : periods(p_)) {
      Diagnostics bind_diags;
      periods_.push_back({day, InForce::on(p_, day), Classifier::bind(policy, table_, bind_diags, day)});
    }
    unused();
    requirements();
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) rule_reach(r);
    conflicts();
    gap();
    return std::move(out_);
  }

 private:
  /// ", on 2024-01-01" for a dated policy; nothing when every day is alike.
  std::string on(const Period& period) const {
    return p_.dated ? fmt::format(" (on {})", period.day.to_string()) : "";
  }

  Table synthetic_table() const {
    Table t;
    t.source = "(example item)";
    for (const FieldDef& f : p_.fields) t.headers.push_back(f.header);
    return t;
  }

  Row row_of(const WitnessSearch::Assignment& a) const {
    Row row;
    row.line = 2;
    for (std::size_t f = 0; f < a.size(); ++f) row.cells.push_back(a[f] < 0 ? "" : domains_[f].cells[a[f]]);
    return row;
  }

  /// 行使层级 = "盟市", 设定依据 = "" — the cells the example sets.
  std::string witness(const WitnessSearch::Assignment& a) const {
    std::string out;
    for (std::size_t f = 0; f < a.size(); ++f) {
      if (a[f] < 0) continue;
      out += fmt::format("{}{} = \"{}\"", out.empty() ? "" : ", ", p_.fields[f].header, domains_[f].cells[a[f]]);
    }
    return out.empty() ? "every cell empty" : out;
  }

  std::optional<WitnessSearch::Assignment> find(const std::vector<WitnessSearch::Literal>& literals,
                                                const WitnessSearch::Confirm& confirm, const std::string& what) {
    auto found = search_.find(literals, confirm);
    if (!found && search_.exhausted())
      warn(code::analysis_incomplete, SourceRange{},
           fmt::format("the analysis gave up on {} after too many steps; there may be findings it did not report", what));
    return found;
  }

  void warn(const char* code, SourceRange range, std::string message) {
    out_.warning(code, p_.sources, range, std::move(message));
  }

  void unused() {
    // Records and the attachment forms read these by name (include/quanze/report.hpp).
    static constexpr std::string_view kReadByName[] = {"id",    "name",      "department",     "category",
                                                       "steps", "materials", "statutory_days", "promised_days"};
    for (const FieldDef& f : p_.fields) {
      bool read_by_name = std::find(std::begin(kReadByName), std::end(kReadByName), f.name) != std::end(kReadByName);
      if (!f.used && !read_by_name)
        warn(code::unused_field, f.range,
             fmt::format("field {} is declared but no rule, requirement or text reads it", f.name));
    }
    for (const LetInfo& let : p_.lets)
      if (!let.used) warn(code::unused_let, let.range, fmt::format("let {} is never used", let.name));
  }

  void requirements() {
    auto produces = [&](const CompiledRequire& r, const CompiledOutcome& o) {
      return !o.reject && o.kind == r.pattern_kind && (!r.pattern_mode || r.pattern_mode == o.mode);
    };
    for (const CompiledRequire& r : p_.requires_) {
      bool produced = std::any_of(p_.rules.begin(), p_.rules.end(), [&](const CompiledRule& rule) { return produces(r, rule.outcome); }) ||
                      (p_.default_ && produces(r, p_.default_->outcome)) ||
                      std::any_of(p_.requires_.begin(), p_.requires_.end(),
                                  [&](const CompiledRequire& other) { return &other != &r && produces(r, other.otherwise); });
      if (!produced) {
        std::string pattern(outcome_id(r.pattern_kind));
        if (r.pattern_mode) pattern += " by " + std::string(mode_id(*r.pattern_mode));
        warn(code::requirement_never_applies, r.id_range,
             fmt::format("requirement {} is for {}, which no rule, default or fallback decides; it never applies",
                         r.id, pattern));
      }
    }
  }

  /// A rule that can never apply, or that applies only where it is overridden.
  void rule_reach(std::uint32_t r) {
    const CompiledRule& rule = p_.rules[r];
    auto yes = [](const WitnessSearch::Assignment&) { return true; };
    if (!find({{rule.when, true}}, yes, rule.id)) {
      if (!search_.exhausted())
        warn(code::dead_rule, rule.id_range, fmt::format("{} can never apply: no item satisfies its condition", rule.id));
      return;
    }
    // Live on some day: in force, applying, and no rule overriding it that
    // day applying too.
    bool in_force_some_day = false;
    for (const Period& period : periods_) {
      if (!period.in_force.rule[r]) continue;
      in_force_some_day = true;
      const auto& overriders = period.in_force.overridden_by[r];
      if (overriders.empty()) return;
      std::vector<WitnessSearch::Literal> live = {{rule.when, true}};
      for (std::uint32_t o : overriders) live.push_back({p_.rules[o].when, false});
      if (find(live, yes, rule.id) || search_.exhausted()) return;
    }
    if (!in_force_some_day) return;
    {
      std::string by;
      for (std::uint32_t o : rule.overridden_by) by += (by.empty() ? "" : ", ") + p_.rules[o].id;
      warn(code::never_live, rule.id_range,
           fmt::format("{} never decides anything: whenever it applies, a rule overriding it applies too ({})",
                       rule.id, by));
    }
  }

  static bool related(const InForce& in_force, std::uint32_t a, std::uint32_t b) {
    auto overrides = [&](std::uint32_t x, std::uint32_t y) {
      const auto& by = in_force.overridden_by[y];
      return std::binary_search(by.begin(), by.end(), x);
    };
    return overrides(a, b) || overrides(b, a);
  }

  bool ranked(Outcome a, Outcome b) const {
    if (a == b) return false;
    return std::any_of(p_.precedences.begin(), p_.precedences.end(), [&](const std::vector<Outcome>& order) {
      return std::count(order.begin(), order.end(), a) && std::count(order.begin(), order.end(), b);
    });
  }

  /// Rules that need different cells of one field cannot both apply.
  static bool disjoint(const WitnessSearch::PossibleCells& a, const WitnessSearch::PossibleCells& b) {
    for (const auto& [f, cells_a] : a)
      for (const auto& [g, cells_b] : b) {
        if (f != g) continue;
        bool shared = false;
        for (std::size_t c = 0; c < cells_a.size() && !shared; ++c) shared = cells_a[c] && cells_b[c];
        if (!shared) return true;
      }
    return false;
  }

  void conflicts() {
    std::vector<WitnessSearch::PossibleCells> possible;
    for (const CompiledRule& r : p_.rules) possible.push_back(search_.possible_cells(r.when));
    for (std::uint32_t a = 0; a < p_.rules.size(); ++a) {
      for (std::uint32_t b = a + 1; b < p_.rules.size(); ++b) {
        const CompiledRule& ra = p_.rules[a];
        const CompiledRule& rb = p_.rules[b];
        if (same_outcome(p_, ra.outcome, rb.outcome) || ranked(ra.outcome.kind, rb.outcome.kind) ||
            disjoint(possible[a], possible[b]))
          continue;
        for (const Period& period : periods_) {
          const InForce& in_force = period.in_force;
          if (!in_force.rule[a] || !in_force.rule[b] || related(in_force, a, b)) continue;
          std::vector<WitnessSearch::Literal> both = {{ra.when, true}, {rb.when, true}};
          for (std::uint32_t o : in_force.overridden_by[a]) both.push_back({p_.rules[o].when, false});
          for (std::uint32_t o : in_force.overridden_by[b]) both.push_back({p_.rules[o].when, false});
          auto confirm = [&](const WitnessSearch::Assignment& w) {
            DecisionRecord record = period.classifier->classify(row_of(w));
            auto in = [&](const std::string& id) { return std::count(record.rules.begin(), record.rules.end(), id) > 0; };
            return record.status == Status::conflict && in(ra.id) && in(rb.id);
          };
          auto found = find(both, confirm, ra.id + " and " + rb.id);
          if (!found) continue;
          warn(code::possible_conflict, ra.id_range,
               fmt::format("{} ({}) and {} ({}, line {}) can both decide one item and neither overrides the other, "
                           "so the item is in conflict; for example {}{}. Add an exception, or a precedence",
                           ra.id, outcome_text(p_, ra.outcome), rb.id, outcome_text(p_, rb.outcome), rb.line,
                           witness(*found), on(period)));
          break;  // one example is enough
        }
      }
    }
  }

  void gap() {
    if (p_.default_ || p_.rules.empty()) return;  // without a default QZ5001 already warns; this shows an item
    for (const Period& period : periods_) {
      std::vector<WitnessSearch::Literal> none;
      for (std::uint32_t r = 0; r < p_.rules.size(); ++r)
        if (period.in_force.rule[r]) none.push_back({p_.rules[r].when, false});
      auto confirm = [&](const WitnessSearch::Assignment& w) {
        return period.classifier->classify(row_of(w)).status == Status::undecided;
      };
      if (auto found = find(none, confirm, "items no rule decides")) {
        warn(code::gap, SourceRange{p_.rules.front().file, 0, 0},
             fmt::format("no rule decides some items, and there is no default; for example {}{}", witness(*found),
                         on(period)));
        return;
      }
    }
  }

  const Program& p_;
  std::vector<FieldDomain> domains_;
  WitnessSearch search_;
  Table table_;
  std::vector<Period> periods_;
  Diagnostics out_;
};

}  // namespace

Diagnostics analyze_policy(const Policy& policy) {
  // The classifier that confirms examples shares the policy; the caller keeps it alive.
  std::shared_ptr<const Policy> alias(std::shared_ptr<const Policy>{}, &policy);
  return PolicyAnalysis(policy.program()).run(alias);
}

}  // namespace quanze
