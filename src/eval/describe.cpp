#include "eval/describe.hpp"

#include <algorithm>
#include <cstring>

#include "eval/interpolate.hpp"

namespace quanze {
namespace {

/// Elements a reused record's list gave up at finish() (a row with fewer
/// rules, reasons or citations than the one before), kept with their
/// strings' storage for the next list that grows: cutting the list would
/// free those strings and the next row's growing it allocate them again,
/// row after row. Per thread, as a reused record is.
template <class T>
std::vector<T>& spares() {
  static thread_local std::vector<T> spare;
  return spare;
}

/// One of a reused record's lists, written from the front: the elements a
/// previous record left are written over, so their strings keep their
/// storage (the allocations of a string per rule, reason and citation were
/// most of the record's cost); finish() sets aside what this record did
/// not use. Every caller of next() writes the whole element.
template <class T>
class Refill {
 public:
  explicit Refill(std::vector<T>& v) : v_(v) {}
  T& next() {
    if (n_ < v_.size()) return v_[n_++];
    ++n_;
    std::vector<T>& spare = spares<T>();
    if (spare.empty()) return v_.emplace_back();
    v_.push_back(std::move(spare.back()));
    spare.pop_back();
    return v_.back();
  }
  /// Takes back the element next() gave last.
  void drop_last() { --n_; }
  /// Starts the list over.
  void restart() { n_ = 0; }
  /// The elements written so far.
  std::size_t size() const { return n_; }
  const T& operator[](std::size_t i) const { return v_[i]; }
  void finish() {
    if (v_.size() == n_) return;  // the usual case: no thread-local look-up
    std::vector<T>& spare = spares<T>();
    while (v_.size() > n_) {
      spare.push_back(std::move(v_.back()));
      v_.pop_back();
    }
  }

 private:
  std::vector<T>& v_;
  std::size_t n_ = 0;
};

class RecordBuilder {
 public:
  RecordBuilder(const Program& p, const InForce& f, const Evaluation& e, const ItemValues& item, DecisionRecord& r,
                std::uint64_t rule_list, bool trail)
      : p_(p),
        f_(f),
        e_(e),
        item_(item),
        r_(r),
        rules_(r.rules),
        defeated_(r.defeated),
        outranked_(r.outranked),
        requirements_(r.requirements),
        reasons_(r.reasons),
        citations_(r.citations),
        source_(r.source),
        rule_list_(rule_list),
        trail_(trail),
        positions_ok_(trail) {}

  void build(bool with_evidence) {
    r_.rule_indexes.counts = {};
    r_.status = e_.status;
    if (e_.status == Status::decided) outcome();
    deciding();
    if (trail_) {
      defeated();
      for (std::uint32_t o : e_.outranked) {
        outranked_.next() = p_.rules[o].id;
        position(2, o);
      }
    }
    r_.conflict.clear();
    if (e_.status == Status::conflict) conflict();
    requirements();
    if (e_.status == Status::error) error();
    rules_.finish(), defeated_.finish(), outranked_.finish(), requirements_.finish();
    reasons_.finish(), citations_.finish(), source_.finish();
    if (with_evidence) evidence();
    else r_.evidence.clear();
    r_.rule_indexes.list = positions_ok_ ? rule_list_ : 0;
  }

 private:
  /// Appends a position to list `k` of the record's RuleIndexes; the lists
  /// are written in their order (rules, defeated, outranked,
  /// requirements), one after another.
  void position(std::size_t k, std::uint32_t at) {
    if (!positions_ok_) return;
    RuleIndexes& x = r_.rule_indexes;
    if (used_ == RuleIndexes::kCapacity) {
      positions_ok_ = false;
      return;
    }
    x.positions[used_++] = at;
    ++x.counts[k];
  }

  void outcome() {
    const ComputedOutcome& o = e_.outcome;
    r_.outcome = o.kind;
    r_.mode = o.mode;
    if (o.has_target) r_.target = o.target;
    if (o.has_receiver) r_.receiver = o.receiver;
  }

  void add_texts(const std::optional<std::uint32_t>& because, const std::vector<std::uint32_t>& cites) {
    if (because) render(p_.templates[*because], reasons_.next());
    for (std::uint32_t c : cites) {
      std::string& text = citations_.next();
      render(p_.templates[c], text);
      // Each citation once: a repeat gives its slot back.
      for (std::size_t i = 0; i + 1 < citations_.size(); ++i)
        if (citations_[i] == text) {
          citations_.drop_last();
          break;
        }
    }
  }

  /// Writes `t` over `text`. Most citations are one literal: copied at its
  /// size, not appended to.
  void render(const Template& t, std::string& text) {
    if (t.pieces.size() == 1 && t.pieces[0].kind == Template::Piece::Kind::literal) {
      text = t.pieces[0].text;
    } else {
      text.clear();
      render_template(p_, t, item_, text);
    }
  }

  void source(const std::string& rule, FileId file, std::uint32_t line) {
    if (!trail_) return;
    SourceRef& s = source_.next();
    s.rule = rule;
    s.file = p_.file_path(file);
    s.line = line;
  }

  void deciding() {
    if (e_.by_default) {
      static const std::string kDefault = "default";
      const CompiledDefault& d = *p_.default_;
      rules_.next() = kDefault;
      position(0, RuleIndexes::kDefault);
      source(kDefault, d.file, d.line);
      add_texts(d.because, {});
      return;
    }
    for (std::uint32_t i : e_.deciding) {
      const CompiledRule& rule = p_.rules[i];
      rules_.next() = rule.id;
      position(0, i);
      source(rule.id, rule.file, rule.line);
      add_texts(rule.because, rule.cites);
    }
  }

  void defeated() {
    // Membership by bit when the policy has at most 64 rules (the baseline
    // has 9): every overrider of every defeated rule is looked for in the
    // live and applicable lists.
    const bool by_bit = p_.rules.size() <= 64;
    std::uint64_t live = 0, applicable = 0;
    if (by_bit) {
      for (std::uint32_t o : e_.live) live |= std::uint64_t{1} << o;
      for (std::uint32_t o : e_.applicable) applicable |= std::uint64_t{1} << o;
    }
    auto is_live = [&](std::uint32_t o) {
      return by_bit ? (live >> o & 1) != 0 : std::find(e_.live.begin(), e_.live.end(), o) != e_.live.end();
    };
    auto is_applicable = [&](std::uint32_t o) {
      return by_bit ? (applicable >> o & 1) != 0
                    : std::find(e_.applicable.begin(), e_.applicable.end(), o) != e_.applicable.end();
    };
    for (std::uint32_t a : e_.applicable) {
      if (is_live(a)) continue;
      const auto& by = f_.overridden_by[a];
      auto it = std::find_if(by.begin(), by.end(), is_live);
      if (it == by.end()) it = std::find_if(by.begin(), by.end(), is_applicable);
      Defeat& d = defeated_.next();
      d.rule = p_.rules[a].id;
      d.by = p_.rules[*it].id;
      position(1, a);
    }
  }

  void conflict() {
    for (std::size_t i = 0; i < e_.deciding.size() && i < e_.outcomes.size(); ++i) {
      const ComputedOutcome& o = e_.outcomes[i];
      LiveOutcome live;
      live.rule = p_.rules[e_.deciding[i]].id;
      live.outcome = o.kind;
      live.mode = o.mode;
      if (o.has_target) live.target = o.target;
      if (o.has_receiver) live.receiver = o.receiver;
      r_.conflict.push_back(std::move(live));
    }
  }

  void requirements() {
    for (const Evaluation::Check& check : e_.checks) {
      const CompiledRequire& req = p_.requires_[check.requirement];
      RequirementCheck& c = requirements_.next();
      c.rule = req.id;
      c.held = check.held;
      // Requirements follow the rules in a policy's rule list.
      position(3, static_cast<std::uint32_t>(p_.rules.size() + check.requirement));
      c.fallback.clear();
      if (!check.held) {
        c.fallback = describe_fallback(req.otherwise);
        source(req.id, req.file, req.line);
        add_texts(req.because, req.cites);
      }
    }
  }

  void error() {
    switch (e_.error_source) {
      case Evaluation::ErrorSource::rule: {
        const CompiledRule& rule = p_.rules[e_.error_index];
        rules_.restart();
        rules_.next() = rule.id;
        positions_ok_ = false;  // the rules list starts over: a summary counts no rule of an error
        r_.error = "rule " + rule.id + ": " + e_.error;
        break;
      }
      case Evaluation::ErrorSource::requirement:
        r_.error = "requirement " + p_.requires_[e_.error_index].id + ": " + e_.error;
        break;
      default: r_.error = "default: " + e_.error; break;
    }
    r_.problems.push_back({e_.error_code ? e_.error_code : "", 0, "", "", r_.error});
  }

  void evidence() {
    // Scratch reused across records of a thread: one allocation per thread,
    // not per record.
    static thread_local std::vector<EvidenceKey> keys;
    keys.clear();
    auto take = [&](const std::vector<EvidenceKey>& reads) { keys.insert(keys.end(), reads.begin(), reads.end()); };
    for (std::uint32_t a : e_.applicable) take(p_.rules[a].reads);
    for (const Evaluation::Check& c : e_.checks) take(p_.requires_[c.requirement].reads);
    if (e_.applicable.empty()) {
      for (std::uint32_t r = 0; r < p_.rules.size(); ++r)
        if (f_.rule[r]) take(p_.rules[r].reads);  // why nothing applied
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    // Written over what a reused record held: its strings keep their storage.
    r_.evidence.resize(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto& [name, value] = r_.evidence[i];
      evidence_name_into(keys[i], name);
      evidence_value_into(keys[i], value);
    }
  }

  void evidence_name_into(const EvidenceKey& key, std::string& name) {
    name = p_.fields[key.field].name;
    if (key.attr == EvidenceKey::Attr::highest) name += ".highest";
    else if (key.attr == EvidenceKey::Attr::count) name += ".count";
  }

  void evidence_value_into(const EvidenceKey& key, std::optional<std::string>& value) {
    if (key.attr == EvidenceKey::Attr::highest) {
      if (!value) value.emplace();
      describe_highest(item_.bases[key.field], *value);
      return;
    }
    if (key.attr == EvidenceKey::Attr::none && !item_.values[key.field].present) {
      value.reset();
      return;
    }
    Template::Piece piece;
    piece.field = key.field;
    piece.kind = key.attr == EvidenceKey::Attr::count ? Template::Piece::Kind::count : Template::Piece::Kind::field;
    if (value) value->clear();
    else value.emplace();
    append_value(p_, piece, item_, *value);
  }

  const Program& p_;
  const InForce& f_;
  const Evaluation& e_;
  const ItemValues& item_;
  DecisionRecord& r_;
  Refill<std::string> rules_;
  Refill<Defeat> defeated_;
  Refill<std::string> outranked_;
  Refill<RequirementCheck> requirements_;
  Refill<std::string> reasons_;
  Refill<std::string> citations_;
  Refill<SourceRef> source_;
  std::uint64_t rule_list_;
  std::size_t used_ = 0;  // positions written
  bool trail_;
  bool positions_ok_;
};

/// describe_key's bytes: fixed-size values as they lie in memory, texts
/// after their length, so no two different sequences run together. Written
/// at a position in a buffer that only grows, not appended (a key is a few
/// dozen values, and each append would check and set the size).
class KeyWriter {
 public:
  explicit KeyWriter(std::string& buffer) : buffer_(buffer) {}
  template <class T>
  void put(const T& v) {
    room(sizeof v);
    std::memcpy(buffer_.data() + size_, &v, sizeof v);
    size_ += sizeof v;
  }
  void put_text(std::string_view t) {
    put(t.size());
    room(t.size());
    if (!t.empty()) std::memcpy(buffer_.data() + size_, t.data(), t.size());
    size_ += t.size();
  }
  std::string_view key() const { return {buffer_.data(), size_}; }
  /// The value a hole would show (render_template reads no more).
  void put_hole(const Program& p, KeyHole hole, const ItemValues& item) {
    using Kind = Template::Piece::Kind;
    const std::size_t f = hole.field;
    switch (hole.kind) {
      case Kind::literal: break;
      case Kind::highest: put(item.bits(f)); break;
      case Kind::count: put(item.number(f)); break;
      case Kind::field:
        put(item.present(f));
        if (!item.present(f)) break;
        switch (p.fields[f].type.kind) {
          case ValueKind::text:
          case ValueKind::basis: put_text(item.text(f)); break;
          case ValueKind::number: put(item.number(f)); break;
          default: put(item.bits(f)); break;
        }
        break;
    }
  }
  void put_holes(const Program& p, const Template& t, const ItemValues& item) {
    for (const Template::Piece& piece : t.pieces) put_hole(p, {piece.kind, piece.field}, item);
  }
  void put_outcome(const ComputedOutcome& o) {
    put(o.kind);
    put(o.mode ? static_cast<int>(*o.mode) : -1);
    put(o.has_target);
    if (o.has_target) put_text(o.target);
    put(o.has_receiver);
    if (o.has_receiver) put_text(o.receiver);
  }

 private:
  void room(std::size_t n) {
    if (size_ + n > buffer_.size()) [[unlikely]]
      grow(n);
  }
  [[gnu::noinline]] void grow(std::size_t n) { buffer_.resize(std::max(2 * buffer_.size(), size_ + n + 256)); }

  std::string& buffer_;
  std::size_t size_ = 0;
};

/// The templates RecordBuilder renders into reasons and citations, in its
/// order: the deciding rules' (or the default's), then each failed
/// requirement's.
template <class Each>
void for_each_rendered(const Program& program, const Evaluation& eval, Each each) {
  auto texts = [&](const std::optional<std::uint32_t>& because, const std::vector<std::uint32_t>& cites) {
    if (because) each(program.templates[*because]);
    for (std::uint32_t c : cites) each(program.templates[c]);
  };
  if (eval.by_default) texts(program.default_->because, {});
  else
    for (std::uint32_t i : eval.deciding) texts(program.rules[i].because, program.rules[i].cites);
  for (const Evaluation::Check& check : eval.checks)
    if (!check.held) texts(program.requires_[check.requirement].because, program.requires_[check.requirement].cites);
}

/// What RecordBuilder::build reads of the evaluation without evidence: a
/// change there is a change here.
void put_evaluation(KeyWriter& w, const Evaluation& eval, bool trail) {
  w.put(eval.status);
  w.put(eval.by_default);
  w.put(trail);
  if (trail) {
    // The defeated rules are the applicable ones not live, each with the
    // first live (else applicable) rule that overrides it.
    for (const std::vector<std::uint32_t>* list : {&eval.applicable, &eval.live, &eval.outranked}) {
      w.put(list->size());
      for (std::uint32_t r : *list) w.put(r);
    }
  }
  if (eval.status == Status::decided) w.put_outcome(eval.outcome);
  w.put(eval.deciding.size());
  for (std::uint32_t i : eval.deciding) w.put(i);
  w.put(eval.checks.size());
  for (const Evaluation::Check& check : eval.checks) {
    w.put(check.requirement);
    w.put(check.held);
  }
}

/// The first byte of a decision key: the evaluation's bytes follow, or the
/// number EvaluationMemo gave them.
constexpr std::uint8_t kWholePrefix = 0, kNumberedPrefix = 1;

bool has_key(const Evaluation& eval) { return eval.status != Status::conflict && eval.status != Status::error; }

}  // namespace

std::string_view describe_key(const Program& program, const Evaluation& eval, const ItemValues& item, bool trail,
                              std::string& buffer) {
  if (!has_key(eval)) return {};
  KeyWriter w(buffer);
  w.put(kWholePrefix);
  put_evaluation(w, eval, trail);
  for_each_rendered(program, eval, [&](const Template& t) { w.put_holes(program, t, item); });
  return w.key();
}

void describe_key_prefix(const Program& program, const Evaluation& eval, bool trail, std::string& prefix,
                         KeyHoles& holes) {
  prefix.clear();
  holes.clear();
  if (!has_key(eval)) return;
  KeyWriter w(prefix);
  put_evaluation(w, eval, trail);
  prefix.resize(w.key().size());
  for_each_rendered(program, eval, [&](const Template& t) {
    for (const Template::Piece& piece : t.pieces)
      if (piece.kind != Template::Piece::Kind::literal) holes.push_back({piece.kind, piece.field});
  });
}

std::string_view describe_key(const Program& program, std::uint64_t prefix_id, const KeyHoles& holes,
                              const ItemValues& item, std::string& buffer) {
  KeyWriter w(buffer);
  w.put(kNumberedPrefix);
  w.put(prefix_id);
  for (KeyHole hole : holes) w.put_hole(program, hole, item);
  return w.key();
}

std::string evidence_name(const Program& program, const EvidenceKey& key) {
  const std::string& name = program.fields[key.field].name;
  switch (key.attr) {
    case EvidenceKey::Attr::highest: return name + ".highest";
    case EvidenceKey::Attr::count: return name + ".count";
    default: return name;
  }
}

std::optional<std::string> evidence_value(const Program& program, const ItemValues& item, const EvidenceKey& key) {
  const Value& v = item.values[key.field];
  if (key.attr == EvidenceKey::Attr::highest) return describe_highest(item.bases[key.field]);
  if (key.attr == EvidenceKey::Attr::none && !v.present) return std::nullopt;
  Template::Piece piece;
  piece.field = key.field;
  piece.kind = key.attr == EvidenceKey::Attr::count ? Template::Piece::Kind::count : Template::Piece::Kind::field;
  std::string text;
  append_value(program, piece, item, text);
  return text;
}

std::string describe_fallback(const CompiledOutcome& outcome) {
  if (outcome.reject) return "reject";
  std::string text(outcome_id(outcome.kind));
  if (outcome.mode) {
    text += " by ";
    text += mode_id(*outcome.mode);
  }
  return text;
}

void describe(const Program& program, const InForce& in_force, const Evaluation& eval, const ItemValues& item,
              DecisionRecord& record, bool evidence, std::uint64_t rule_list, bool trail) {
  RecordBuilder(program, in_force, eval, item, record, rule_list, trail).build(evidence);
}

}  // namespace quanze
