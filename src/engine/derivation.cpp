// Classifier::derive: the record, then the traces an auditor needs. Runs
// after the same evaluation as classify, on the item values it left.
#include <algorithm>
#include <deque>
#include <unordered_map>

#include "engine/classifier_impl.hpp"
#include "eval/condition_trace.hpp"
#include "eval/describe.hpp"

namespace quanze {
namespace {

class DerivationBuilder {
 public:
  DerivationBuilder(const Classifier::Impl& s, const Row& row, Derivation& out)
      : s_(s), p_(s.program), row_(row), out_(out) {
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) index_[p_.rules[r].id] = r;
  }

  void build() {
    const Evaluation& e = s_.evaluated->evaluation;
    for (const Defeat& d : out_.record.defeated) out_.defeated.push_back({d.rule, d.by, override_path(d.by, d.rule)});
    for (const Evaluation::Check& c : e.checks) requirement(c);
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) {
      if (std::find(e.applicable.begin(), e.applicable.end(), r) != e.applicable.end()) continue;
      if (!s_.in_force.rule[r]) out_.not_applied.push_back(out_of_force(p_.rules[r]));
      else out_.not_applied.push_back({p_.rules[r].id, trace(first_false(p_, s_.evaluator, p_.rules[r].when, s_.item))});
    }
    cells();
  }

 private:
  /// Breadth-first along `to` clauses, so the path shown is a shortest one;
  /// ties go to the override written first.
  std::vector<std::string> override_path(const std::string& from, const std::string& to) const {
    std::unordered_map<std::uint32_t, std::uint32_t> parent;
    std::deque<std::uint32_t> queue;
    std::uint32_t start = index_.at(from), goal = index_.at(to);
    parent[start] = start;
    queue.push_back(start);
    while (!queue.empty() && !parent.count(goal)) {
      std::uint32_t at = queue.front();
      queue.pop_front();
      for (std::uint32_t next : p_.rules[at].targets) {
        if (parent.count(next) || !s_.in_force.rule[next]) continue;  // no override runs through a rule out of force
        parent[next] = at;
        queue.push_back(next);
      }
    }
    std::vector<std::string> path;
    if (!parent.count(goal)) return {from, to};  // cannot happen: overridden_by is this closure
    for (std::uint32_t at = goal;; at = parent[at]) {
      path.push_back(p_.rules[at].id);
      if (at == start) break;
    }
    std::reverse(path.begin(), path.end());
    return path;
  }

  NotApplied out_of_force(const CompiledRule& rule) const {
    NotApplied n;
    n.rule = rule.id;
    NotApplied::Window w;
    std::string window;
    if (rule.effective) {
      w.effective = rule.effective->to_string();
      window += "生效 " + *w.effective;
    }
    if (rule.until) {
      w.until = rule.until->to_string();
      window += (window.empty() ? "" : "，") + std::string("有效至 ") + *w.until;
    }
    n.not_in_force = std::move(w);
    n.condition.text = s_.in_force.as_of.to_string() + " 不在有效期内（" + window + "）";
    n.condition.file = p_.file_path(rule.file);
    n.condition.line = rule.line;
    n.condition.column = 1;
    return n;
  }

  void requirement(const Evaluation::Check& check) {
    const CompiledRequire& req = p_.requires_[check.requirement];
    RequirementTrace t;
    t.rule = req.id;
    t.held = check.held;
    if (!check.held) t.fallback = describe_fallback(req.otherwise);
    t.condition = trace(check.held ? req.condition : first_false(p_, s_.evaluator, req.condition, s_.item));
    out_.requirements.push_back(std::move(t));
  }

  ConditionTrace trace(std::uint32_t node) const {
    ConditionTrace t;
    SourceRange range = p_.node_ranges[node];
    const SourceFile& file = p_.sources.file(range.file);
    LineColumn at = file.position(range.begin);
    t.file = file.path();
    t.line = at.line;
    t.column = at.column;
    t.text = file.text().substr(range.begin, range.end - range.begin);
    collapse_whitespace(t.text);
    if (auto let = p_.node_lets.find(node); let != p_.node_lets.end()) t.let = let->second;
    for (const EvidenceKey& key : fields_read(p_, node))
      t.values.push_back({evidence_name(p_, key), evidence_value(p_, s_.item, key)});
    return t;
  }

  /// A condition written over several lines reads as one.
  static void collapse_whitespace(std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    text = std::move(out);
  }

  void cells() {
    std::vector<std::uint16_t> fields;
    for (const auto& [key, value] : out_.record.evidence) {
      std::string name = key.substr(0, key.find('.'));
      for (std::uint16_t f = 0; f < p_.fields.size(); ++f)
        if (p_.fields[f].name == name && std::find(fields.begin(), fields.end(), f) == fields.end())
          fields.push_back(f);
    }
    std::sort(fields.begin(), fields.end());
    for (std::uint16_t f : fields) {
      CellTrace cell;
      cell.field = p_.fields[f].name;
      cell.header = p_.fields[f].header;
      std::size_t col = s_.decoder.column(f);
      cell.column = static_cast<std::uint32_t>(col + 1);
      cell.raw = col < row_.cells.size() ? row_.cells[col] : std::string();
      if (p_.fields[f].type.kind == ValueKind::basis) {
        // The decoded item's citations have no articles: the cell as decoded, again, with them.
        LegalBasis basis;
        parse_legal_basis(s_.item.values[f].text, basis);
        for (const Citation& c : basis.citations) cell.citations.push_back(citation(c));
      }
      out_.cells.push_back(std::move(cell));
    }
  }

  static CitationTrace citation(const Citation& c) {
    CitationTrace t;
    t.title = std::string(c.title);
    t.article = std::string(c.article);
    t.level = std::string(level_id(c.level));
    t.stated = !c.stated.empty();
    t.how = std::string(t.stated ? c.stated : c.inferred_from);
    t.place = std::string(c.place);
    return t;
  }

  const Classifier::Impl& s_;
  const Program& p_;
  const Row& row_;
  Derivation& out_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

}  // namespace

Derivation Classifier::derive(const Row& row) {
  // The record in full whatever this classifier was told to leave out: an
  // explanation shows the evidence and the rules behind the decision.
  const bool evidence = impl_->evidence, trail = impl_->trail, identity = impl_->identity;
  const bool unread_checked_only = impl_->decoder.unread_checked_only();
  set_evidence(true);  // which has the legal bases decoded with their citations
  impl_->trail = impl_->identity = true;
  if (unread_checked_only) set_unread_checked_only(false);
  Derivation out;
  out.record = classify(row);
  set_evidence(evidence);
  impl_->trail = trail;
  impl_->identity = identity;
  if (unread_checked_only) set_unread_checked_only(true);
  if (impl_->evaluated) DerivationBuilder(*impl_, row, out).build();
  return out;
}

}  // namespace quanze
