#include "check/compile_policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "check/context.hpp"
#include "check/expressions.hpp"
#include "check/outcomes.hpp"
#include "check/override_graph.hpp"
#include "check/requirement_graph.hpp"
#include "check/schema.hpp"
#include "check/templates.hpp"
#include "diag/codes.hpp"

namespace quanze::check {
namespace {

class PolicyCompiler {
 public:
  PolicyCompiler(const std::vector<ast::File>& files, Program& program, Diagnostics& diags)
      : files_(files), ctx_{program, diags}, expressions_(ctx_) {}

  void run() {
    header();
    compile_schema(files_, ctx_);
    declare_lets();
    declare_ids();
    // Sized once: a vector grown by doubling touches twice the memory of
    // its 10,000 rules, and that memory is fresh pages in a new process.
    std::size_t rules = 0, requirements = 0, expressions = 0, literals = 0;
    for (const ast::File& f : files_) {
      rules += f.rules.size();
      requirements += f.requires_.size();
      expressions += f.expression_count;
      literals += f.literal_count;
    }
    ctx_.program.rules.reserve(rules);
    ast_rules_.reserve(rules);
    ctx_.program.requires_.reserve(requirements);
    // An expression node compiles to at most one node, and a literal to
    // about one constant.
    ctx_.program.nodes.reserve(expressions);
    ctx_.program.node_ranges.reserve(expressions);
    ctx_.program.children.reserve(expressions);
    ctx_.program.constants.reserve(literals);
    for (const ast::File& f : files_)
      for (const ast::Rule& r : f.rules) rule(r);
    overrides();
    for (const ast::File& f : files_)
      for (const ast::Require& r : f.requires_) requirement(r);
    check_requirement_loops(ctx_);
    for (const ast::File& f : files_) {
      for (const ast::Default& d : f.defaults) default_outcome(d);
      for (const ast::Precedence& p : f.precedences) precedence(p);
    }
    expressions_.compile_lets();
    for (const std::string& name : ctx_.let_order) {
      const LetBinding& let = ctx_.lets.at(name);
      ctx_.program.lets.push_back({name, let.let->name.range, let.used});
    }
    if (!ctx_.program.default_ && !files_.empty()) {
      ctx_.diags.warning(code::no_default, ctx_.sources(), SourceRange{files_.back().id, 0, 0},
                         "the policy has no default: items no rule decides will be undecided");
    }
  }

 private:
  std::uint32_t line_of(SourceRange r) const {
    return ctx_.sources().file(r.file).position(r.begin).line;
  }

  // The policy's name is the first root file's header (a file the user
  // named), else the first imported one's; others that differ get a warning.
  void header() {
    const ast::Header* first = nullptr;
    for (bool roots : {true, false})
      for (const ast::File& f : files_)
        if (!first && f.header && f.root == roots) first = &*f.header;
    if (!first) return;
    for (const ast::File& f : files_) {
      if (!f.header || &*f.header == first || f.header->name.value == first->name.value) continue;
      ctx_.diags.warning(code::duplicate_header, ctx_.sources(), f.header->name.range,
                         fmt::format("policy \"{}\" also calls itself \"{}\"; the name in the file you named, "
                                     "\"{}\", is used",
                                     first->name.value, f.header->name.value, first->name.value));
    }
    ctx_.program.name = first->name.value;
    if (first->version) ctx_.program.version = first->version->value;
    if (first->source) ctx_.program.source = first->source->value;
  }

  void declare_lets() {
    for (const ast::File& f : files_) {
      for (const ast::Let& let : f.lets) {
        const std::string& name = let.name.text;
        if (ctx_.fields.count(name) || ctx_.lets.count(name)) {
          ctx_.error(code::duplicate_field, let.name.range,
                     fmt::format("{} is already {}", name, ctx_.fields.count(name) ? "a field" : "a let"));
          continue;
        }
        ctx_.lets[name].let = &let;
        ctx_.let_order.push_back(name);
      }
    }
  }

  void declare_ids() {
    auto declare = [&](const ast::Name& id, bool requirement) {
      auto [it, fresh] = ids_.emplace(id.text, Id{requirement, 0, id.range});
      if (!fresh) {
        ctx_.error(code::duplicate_rule, id.range,
                   fmt::format("{} is already defined at line {}", id.text, line_of(it->second.range)));
        return;
      }
      it->second.index = requirement ? requirement_count_++ : rule_count_++;
    };
    for (const ast::File& f : files_) {
      for (const ast::Rule& r : f.rules) declare(r.id, false);
      for (const ast::Require& r : f.requires_) declare(r.id, true);
    }
  }

  template <typename Decl>
  void texts(const Decl& decl, std::optional<std::uint32_t>& because, std::vector<std::uint32_t>& cites,
             std::vector<EvidenceKey>& reads) {
    if (decl.because) because = compile_template(*decl.because, ctx_, &reads);
    for (const ast::StringLit& cite : decl.cites)
      if (auto t = compile_template(cite, ctx_, &reads)) cites.push_back(*t);
  }

  void rule(const ast::Rule& r) {
    CompiledRule c;
    c.id = r.id.text;
    c.title = r.title ? r.title->value : "";
    c.exception = r.exception;
    for (const ast::Name& target : r.overrides) c.overrides.push_back(target.text);
    c.file = r.range.file;
    c.line = line_of(r.range);
    c.id_range = r.id.range;
    if (r.when) {
      if (auto node = expressions_.condition(*r.when, c.reads)) c.when = *node;
    }
    no_reject(r.then);
    if (auto outcome = compile_outcome(r.then, ctx_, c.reads)) c.outcome = *outcome;
    window(r, c.effective, c.until);
    std::vector<EvidenceKey> text_reads;  // fields shown, not decided on
    texts(r, c.because, c.cites, text_reads);
    normalize(c.reads);
    ctx_.program.rules.push_back(std::move(c));
    ast_rules_.push_back(&r);
  }

  /// `effective "…"` and `until "…"`: real days, the first not after the last.
  template <typename Decl>
  void window(const Decl& decl, std::optional<Date>& effective, std::optional<Date>& until) {
    auto day = [&](const std::optional<ast::StringLit>& text, const char* clause) -> std::optional<Date> {
      if (!text) return std::nullopt;
      auto d = Date::parse(text->value);
      if (!d)
        ctx_.error(code::bad_date, text->range,
                   fmt::format("\"{}\" is not a day: {} takes a date written YYYY-MM-DD, e.g. \"2023-01-01\"",
                               text->value, clause));
      return d;
    };
    effective = day(decl.effective, "effective");
    until = day(decl.until, "until");
    if (effective && until && *effective > *until) {
      ctx_.error(code::empty_window, decl.until->range,
                 fmt::format("{} is never in force: until {} is before effective {}", decl.id.text,
                             until->to_string(), effective->to_string()));
    }
    if (effective || until) ctx_.program.dated = true;
  }

  void no_reject(const ast::Outcome& outcome) {
    if (!outcome.reject) return;
    ctx_.error(code::reject_outside_require, outcome.range,
               "reject is only a requirement's fallback (require … else reject); a rule or the "
               "default decides cancel, keep, filing or delegate");
  }

  void overrides() {
    OverrideGraph graph(ctx_.program.rules.size());
    for (std::uint32_t i = 0; i < ast_rules_.size(); ++i) {
      for (const ast::Name& target : ast_rules_[i]->overrides) {
        auto it = ids_.find(target.text);
        if (it == ids_.end()) {
          ctx_.error(code::unknown_rule, target.range, fmt::format("no rule is called {}", target.text));
        } else if (it->second.requirement) {
          ctx_.error(code::unknown_rule, target.range,
                     fmt::format("{} is a requirement; exceptions override rules", target.text));
        } else if (it->second.index == i) {
          ctx_.error(code::self_override, target.range,
                     fmt::format("{} cannot be an exception to itself", target.text));
        } else {
          graph.add(i, it->second.index);
          ctx_.program.rules[i].targets.push_back(it->second.index);
          edge_ranges_[{i, it->second.index}] = target.range;
        }
      }
    }
    if (auto cycle = graph.find_cycle()) {
      report_cycle(*cycle);
      return;
    }
    auto overriders = graph.overriders();
    for (std::size_t i = 0; i < overriders.size(); ++i)
      ctx_.program.rules[i].overridden_by = std::move(overriders[i]);
  }

  void report_cycle(const std::vector<std::uint32_t>& cycle) {
    std::string path;
    for (std::uint32_t r : cycle) path += (path.empty() ? "" : " → ") + ctx_.program.rules[r].id;
    SourceRange where = edge_ranges_.at({cycle[cycle.size() - 2], cycle.back()});
    ctx_.error(code::override_cycle, where,
               fmt::format("override cycle: {}; an exception cannot, even through others, override "
                           "a rule that overrides it",
                           path));
  }

  void requirement(const ast::Require& r) {
    CompiledRequire c;
    c.id = r.id.text;
    c.title = r.title ? r.title->value : "";
    c.pattern_kind = to_outcome(r.pattern.kind);
    if (r.pattern.mode) c.pattern_mode = to_mode(*r.pattern.mode);
    c.file = r.range.file;
    c.line = line_of(r.range);
    c.id_range = r.id.range;
    if (r.condition) {
      if (auto node = expressions_.condition(*r.condition, c.reads)) c.condition = *node;
    }
    if (auto outcome = compile_outcome(r.otherwise, ctx_, c.reads)) c.otherwise = *outcome;
    window(r, c.effective, c.until);
    std::vector<EvidenceKey> text_reads;
    texts(r, c.because, c.cites, text_reads);
    normalize(c.reads);
    ctx_.program.requires_.push_back(std::move(c));
    ctx_.require_ranges.push_back(r.id.range);
  }

  void default_outcome(const ast::Default& d) {
    if (ctx_.program.default_) {
      ctx_.error(code::duplicate_default, d.range,
                 fmt::format("a second default; the first is at line {}", ctx_.program.default_->line));
      return;
    }
    std::vector<EvidenceKey> reads;
    CompiledDefault c;
    c.file = d.range.file;
    c.line = line_of(d.range);
    no_reject(d.outcome);
    if (auto outcome = compile_outcome(d.outcome, ctx_, reads)) c.outcome = *outcome;
    if (d.because) c.because = compile_template(*d.because, ctx_, &reads);
    ctx_.program.default_ = std::move(c);
  }

  void precedence(const ast::Precedence& p) {
    std::vector<Outcome> kinds;
    for (std::size_t i = 0; i < p.kinds.size(); ++i) {
      Outcome kind = to_outcome(p.kinds[i]);
      if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) {
        ctx_.error(code::precedence_repeat, p.ranges[i],
                   fmt::format("{} is listed twice in this precedence", outcome_id(kind)));
        return;
      }
      kinds.push_back(kind);
    }
    ctx_.program.precedences.push_back(std::move(kinds));
  }

  static void normalize(std::vector<EvidenceKey>& keys) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }

  struct Id {
    bool requirement = false;
    std::uint32_t index = 0;
    SourceRange range;
  };

  const std::vector<ast::File>& files_;
  CheckContext ctx_;
  ExpressionCompiler expressions_;
  std::map<std::string, Id> ids_;
  std::uint32_t rule_count_ = 0, requirement_count_ = 0;
  std::vector<const ast::Rule*> ast_rules_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, SourceRange> edge_ranges_;
};

}  // namespace

bool compile_policy(const std::vector<ast::File>& files, Program& program, Diagnostics& diags) {
  std::size_t errors_before = diags.error_count();
  PolicyCompiler(files, program, diags).run();
  return diags.error_count() == errors_before;
}

}  // namespace quanze::check
