#include "eval/evaluator.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>

#include "diag/codes.hpp"
#include "eval/interpolate.hpp"

namespace quanze {

void Evaluation::clear() {
  status = Status::undecided;
  outcome.kind = Outcome::keep;
  outcome.mode.reset();
  outcome.has_target = outcome.has_receiver = false;
  outcome.target.clear();  // keeps the capacity: no allocation per item
  outcome.receiver.clear();
  by_default = false;
  applicable.clear();
  live.clear();
  deciding.clear();
  outranked.clear();
  outcomes.clear();
  checks.clear();
  error.clear();
  error_code = nullptr;
  error_source = ErrorSource::none;
  error_index = 0;
}

template <typename T>
static bool ordered_compare(ast::CompareOp op, const T& a, const T& b) {
  switch (op) {
    case ast::CompareOp::eq: return a == b;
    case ast::CompareOp::ne: return a != b;
    case ast::CompareOp::lt: return a < b;
    case ast::CompareOp::le: return a <= b;
    case ast::CompareOp::gt: return a > b;
    case ast::CompareOp::ge: return a >= b;
  }
  return false;
}

Evaluator::Evaluator(const Program& program, const InForce& in_force)
    : program_(program),
      in_force_(in_force),
      applicable_(program.rules.size()),
      requirement_(program.requires_.size()) {
  PackedLayout layout(program);
  for (const Node& n : program.nodes) fast_.push_back(fast_form(program, layout, n));
  for (const CompiledRule& r : program.rules) when_.push_back(r.when);
  std::vector<std::uint8_t> seen(program.nodes.size());
  for (std::uint32_t r = 0; r < program.rules.size(); ++r)
    if (in_force.rule[r]) add_leaves(program.rules[r].when, seen);
  for (std::uint32_t i = 0; i < program.requires_.size(); ++i)
    if (in_force.requirement[i]) add_leaves(program.requires_[i].condition, seen);
  member_leaves_ = static_cast<std::size_t>(
      std::stable_partition(leaves_.begin(), leaves_.end(),
                            [](const LeafTest& t) { return t.kind == LeafTest::Kind::members; }) -
      leaves_.begin());
  if (leaves_.size() < 64) {
    for (std::size_t k = 0; k < member_leaves_; ++k) {
      const LeafTest& t = leaves_[k];
      auto same = [&](const MemberField& m) { return m.field == t.field && m.always_present == t.always_present; };
      auto it = std::find_if(member_fields_.begin(), member_fields_.end(), same);
      if (it == member_fields_.end()) {
        it = member_fields_.insert(member_fields_.end(), {t.field, t.always_present, t.members, {}});
        it->bits.assign(t.members + 1, 0);  // the last: a missing value, which no test holds for
      }
      for (std::uint32_t v = 0; v < t.members; ++v)
        if ((t.mask >> v) & 1) it->bits[v] |= std::uint64_t{1} << k;
    }
  }
  if (program.rules.size() <= 64) {
    for (std::uint32_t r = 0; r < program.rules.size(); ++r) {
      std::uint64_t mask = 0;
      for (std::uint32_t o : in_force.overridden_by[r]) mask |= std::uint64_t{1} << o;
      overriders_.push_back(mask);
    }
  }
}

Evaluator::FastTest Evaluator::fast_form(const Program& program, const PackedLayout& layout, const Node& n) {
  FastTest t;
  const Operand& a = n.a;
  bool field = a.source == Operand::Source::field;
  t.field = static_cast<std::uint16_t>(a.index);
  t.negated = n.negated;
  t.op = n.op;
  t.list_begin = n.list_begin;
  t.list_count = n.list_count;
  bool reads_field = a.source == Operand::Source::field || a.source == Operand::Source::highest ||
                     a.source == Operand::Source::count;
  bool bits_kind = (field && (a.type.kind == ValueKind::enumeration || a.type.kind == ValueKind::boolean)) ||
                   a.source == Operand::Source::highest;
  auto bits_slot = [&] { return layout.slots[t.field].bits; };
  auto number_slot = [&] { return layout.slots[t.field].number; };
  switch (n.kind) {
    case NodeKind::compare: {
      if (n.b.source != Operand::Source::constant) break;
      const Value& c = program.constants[n.b.index];
      if (bits_kind) {
        t.kind = FastTest::Kind::bits;
        t.bits = c.bits;
        t.always_present = a.source == Operand::Source::highest;
        t.slot = bits_slot();
      } else if ((field && a.type.kind == ValueKind::number) || a.source == Operand::Source::count) {
        t.kind = FastTest::Kind::number;
        t.number = c.number;
        t.always_present = a.source == Operand::Source::count;
        t.slot = number_slot();
      }
      break;
    }
    case NodeKind::in: {
      // Enum members and levels are small integers: the list is a mask.
      if (!bits_kind) break;
      std::uint64_t mask = 0;
      for (std::uint32_t i = 0; i < n.list_count; ++i) {
        std::uint64_t b = program.constants[n.list_begin + i].bits;
        if (b >= 64) return t;  // not representable: the general path
        mask |= std::uint64_t{1} << b;
      }
      t.kind = FastTest::Kind::in_bits;
      t.bits = mask;
      t.always_present = a.source == Operand::Source::highest;
      t.slot = bits_slot();
      break;
    }
    case NodeKind::truth:
      if (field) t.kind = FastTest::Kind::truth, t.slot = bits_slot();
      break;
    case NodeKind::has_all:
    case NodeKind::has_any:
      if (field) {
        t.kind = n.kind == NodeKind::has_all ? FastTest::Kind::has_all : FastTest::Kind::has_any;
        t.bits = n.mask;
        t.slot = bits_slot();
      }
      break;
    case NodeKind::is_empty:
      if (field) t.kind = FastTest::Kind::empty;
      break;
    case NodeKind::and_: t.kind = FastTest::Kind::and_; break;
    case NodeKind::or_: t.kind = FastTest::Kind::or_; break;
    case NodeKind::not_: t.kind = FastTest::Kind::not_; break;
    default: break;
  }
  (void)reads_field;
  return t;
}

namespace {

// The value a fast test reads: a packed item's word resolved when the
// evaluator was made, or the ItemValues accessor.
template <class Item>
std::uint64_t fast_bits(const Item& item, std::uint16_t field, std::uint32_t slot) {
  if constexpr (std::is_same_v<Item, PackedItem>) return item.word(slot);
  else return item.bits(field);
}

template <class Item>
double fast_number(const Item& item, std::uint16_t field, std::uint32_t slot) {
  if constexpr (std::is_same_v<Item, PackedItem>) {
    std::uint64_t w = item.word(slot);
    double d;
    std::memcpy(&d, &w, sizeof d);
    return d;
  } else {
    return item.number(field);
  }
}

}  // namespace

// Leaves inline, junctions by a call: a call per leaf (registers saved and
// restored) was most of the time per item.
template <class Item>
[[gnu::always_inline]] inline bool Evaluator::fast(std::uint32_t index, const Item& item) const {
  const FastTest& t = fast_[index];
  switch (t.kind) {
    case FastTest::Kind::bits:
      return (t.always_present || item.present(t.field)) &&
             ordered_compare(t.op, fast_bits(item, t.field, t.slot), t.bits);
    case FastTest::Kind::number:
      return (t.always_present || item.present(t.field)) &&
             ordered_compare(t.op, fast_number(item, t.field, t.slot), t.number);
    case FastTest::Kind::in_bits: {
      // As membership(): a missing value is in no list, `not in` included.
      if (!t.always_present && !item.present(t.field)) return false;
      std::uint64_t v = fast_bits(item, t.field, t.slot);
      bool found = v < 64 && ((t.bits >> v) & 1);
      return found != t.negated;
    }
    case FastTest::Kind::truth: return item.present(t.field) && fast_bits(item, t.field, t.slot) != 0;
    case FastTest::Kind::has_all:
      return item.present(t.field) && (fast_bits(item, t.field, t.slot) & t.bits) == t.bits;
    case FastTest::Kind::has_any: return item.present(t.field) && (fast_bits(item, t.field, t.slot) & t.bits) != 0;
    case FastTest::Kind::empty: return !item.present(t.field) != t.negated;
    case FastTest::Kind::general: return test_item(index, item);
    default: return junction(t, item);
  }
}

template <class Item>
bool Evaluator::junction(const FastTest& t, const Item& item) const {
  const std::uint32_t* kids = program_.children.data() + t.list_begin;
  switch (t.kind) {
    case FastTest::Kind::not_: return !fast(kids[0], item);
    case FastTest::Kind::and_:
      for (std::uint32_t i = 0; i < t.list_count; ++i)
        if (!fast(kids[i], item)) return false;
      return true;
    case FastTest::Kind::or_:
      for (std::uint32_t i = 0; i < t.list_count; ++i)
        if (fast(kids[i], item)) return true;
      return false;
    default: return false;  // fast() takes every other kind
  }
}

template <class Item>
Value Evaluator::operand(const Operand& op, const Item& item) const {
  switch (op.source) {
    case Operand::Source::constant: return program_.constants[op.index];
    case Operand::Source::field: {
      Value v;
      v.present = item.present(op.index);
      v.number = item.number(op.index);
      v.bits = item.bits(op.index);
      v.text = item.text(op.index);
      return v;
    }
    case Operand::Source::highest: {
      Value v;  // a basis always has a highest level: none for an empty cell
      v.present = true;
      v.bits = item.bits(op.index);
      return v;
    }
    case Operand::Source::count: {
      Value v;
      v.present = true;
      v.number = item.number(op.index);
      return v;
    }
    case Operand::Source::test: {
      Value v;
      v.present = true;
      v.bits = test_item(op.index, item);
      return v;
    }
  }
  return {};
}

template <class Item>
bool Evaluator::compare(const Node& n, const Item& item) const {
  Value a = operand(n.a, item);
  Value b = operand(n.b, item);
  if (!a.present || !b.present) return false;  // every test on a missing value is false
  switch (n.a.type.kind) {
    case ValueKind::number: return ordered_compare(n.op, a.number, b.number);
    case ValueKind::text: return ordered_compare(n.op, a.text, b.text);
    default: return ordered_compare(n.op, a.bits, b.bits);
  }
}

template <class Item>
bool Evaluator::membership(const Node& n, const Item& item) const {
  Value a = operand(n.a, item);
  if (!a.present) return false;
  bool found = false;
  for (std::uint32_t i = 0; i < n.list_count && !found; ++i) {
    const Value& c = program_.constants[n.list_begin + i];
    switch (n.a.type.kind) {
      case ValueKind::number: found = a.number == c.number; break;
      case ValueKind::text: found = a.text == c.text; break;
      default: found = a.bits == c.bits; break;
    }
  }
  return found != n.negated;
}

template <class Item>
bool Evaluator::text_test(const Node& n, const Item& item) const {
  Value a = operand(n.a, item);
  if (!a.present) return false;
  std::string_view needle = program_.constants[n.list_begin].text;
  auto matches = [&](std::string_view s) {
    switch (n.kind) {
      case NodeKind::starts: return s.substr(0, needle.size()) == needle;
      case NodeKind::ends: return s.size() >= needle.size() && s.substr(s.size() - needle.size()) == needle;
      default: return s.find(needle) != std::string_view::npos;
    }
  };
  if (n.a.type.kind != ValueKind::basis) return matches(a.text);
  for (std::size_t i = 0, count = item.title_count(n.a.index); i < count; ++i)
    if (matches(item.title(n.a.index, i))) return true;
  return false;
}

bool Evaluator::test(std::uint32_t index, const ItemValues& item) const { return test_item(index, item); }

Evaluator::LeafTest Evaluator::leaf_form(std::uint32_t index) const {
  const Node& n = program_.nodes[index];
  const FastTest& t = fast_[index];
  LeafTest leaf;
  leaf.node = index;
  leaf.field = t.field;
  leaf.op = t.op;
  leaf.negated = t.negated;
  leaf.always_present = t.always_present;
  // The members an enum, bool or level value can be: its bits are below.
  std::size_t members = 0;
  if (n.a.type.kind == ValueKind::boolean) members = 2;
  else if (n.a.type.kind == ValueKind::enumeration) members = program_.enums[n.a.type.enum_id].labels.size();
  auto holds_for = [&](auto holds) {
    for (std::uint64_t v = 0; v < members; ++v)
      if (holds(v)) leaf.mask |= std::uint64_t{1} << v;
    leaf.kind = LeafTest::Kind::members;
    leaf.members = static_cast<std::uint32_t>(members);
  };
  const bool small = members > 0 && members <= 64;
  switch (t.kind) {
    case FastTest::Kind::bits:
      if (small) holds_for([&](std::uint64_t v) { return ordered_compare(t.op, v, t.bits); });
      break;
    case FastTest::Kind::in_bits:
      if (small) holds_for([&](std::uint64_t v) { return ((t.bits >> v) & 1) != t.negated; });
      break;
    case FastTest::Kind::truth:
      if (n.a.type.kind == ValueKind::boolean) holds_for([](std::uint64_t v) { return v != 0; });
      break;
    case FastTest::Kind::number:
      leaf.kind = LeafTest::Kind::number;
      leaf.number = t.number;
      break;
    case FastTest::Kind::has_all: leaf.kind = LeafTest::Kind::has_all, leaf.mask = t.bits; break;
    case FastTest::Kind::has_any: leaf.kind = LeafTest::Kind::has_any, leaf.mask = t.bits; break;
    case FastTest::Kind::empty: leaf.kind = LeafTest::Kind::empty; break;
    default: break;
  }
  return leaf;
}

void Evaluator::add_leaves(std::uint32_t index, std::vector<std::uint8_t>& seen) {
  if (seen[index]) return;
  seen[index] = 1;
  const FastTest& t = fast_[index];
  if (t.kind == FastTest::Kind::and_ || t.kind == FastTest::Kind::or_ || t.kind == FastTest::Kind::not_) {
    for (std::uint32_t i = 0; i < t.list_count; ++i) add_leaves(program_.children[t.list_begin + i], seen);
    return;
  }
  leaves_.push_back(leaf_form(index));
}

void Evaluator::test_leaves(const ItemValues& item, std::uint64_t* words) const {
  // Bits gather in a register, a word stored per 64 tests. Most tests are
  // of members: they come first, and take no branch.
  const Value* values = item.values.data();
  std::uint64_t word = 0;
  std::size_t k = 0;
  // In line always: the profile-guided build moved the loop over the
  // other tests out of line and called this for each (26 instructions a
  // row of the baseline more).
  auto put = [&](bool holds) __attribute__((always_inline)) {
    word |= std::uint64_t{holds} << (k & 63);
    if ((++k & 63) == 0) *words++ = std::exchange(word, 0);
  };
  const LeafTest* t = leaves_.data();
  if (!member_fields_.empty()) {  // a look-up a field; fewer than 64 tests in all
    for (const MemberField& m : member_fields_) {
      const Value& v = values[m.field];
      word |= m.bits[(m.always_present || v.present) && v.bits < m.members ? v.bits : m.members];
    }
    k = member_leaves_;
    t += member_leaves_;
  }
  for (const LeafTest* end = leaves_.data() + member_leaves_; t != end; ++t) {
    const Value& v = values[t->field];
    put(((t->always_present | v.present) & (v.bits < 64) & (t->mask >> (v.bits & 63))) != 0);
  }
  for (const LeafTest* end = leaves_.data() + leaves_.size(); t != end; ++t) {
    if (t->kind == LeafTest::Kind::node) {  // any other node, `when true` among them: it may read no field
      put(fast(t->node, item));
      continue;
    }
    const Value& v = values[t->field];
    switch (t->kind) {
      case LeafTest::Kind::members: break;  // above
      case LeafTest::Kind::number:
        put((t->always_present || v.present) && ordered_compare(t->op, v.number, t->number));
        break;
      case LeafTest::Kind::has_all: put(v.present && (v.bits & t->mask) == t->mask); break;
      case LeafTest::Kind::has_any: put(v.present && (v.bits & t->mask) != 0); break;
      case LeafTest::Kind::empty: put(!v.present != t->negated); break;
      case LeafTest::Kind::node: break;  // above
    }
  }
  if (k & 63) *words = word;
}

template <class Item>
bool Evaluator::test_item(std::uint32_t index, const Item& item) const {
  const Node& n = program_.nodes[index];
  const std::uint32_t* kids = program_.children.data() + n.list_begin;
  switch (n.kind) {
    case NodeKind::truth: {
      Value a = operand(n.a, item);
      return a.present && a.bits != 0;
    }
    case NodeKind::not_: return !test_item(kids[0], item);
    case NodeKind::and_:
      for (std::uint32_t i = 0; i < n.list_count; ++i)
        if (!test_item(kids[i], item)) return false;
      return true;
    case NodeKind::or_:
      for (std::uint32_t i = 0; i < n.list_count; ++i)
        if (test_item(kids[i], item)) return true;
      return false;
    case NodeKind::compare: return compare(n, item);
    case NodeKind::in: return membership(n, item);
    case NodeKind::has_all: {
      Value a = operand(n.a, item);
      return a.present && (a.bits & n.mask) == n.mask;
    }
    case NodeKind::has_any: {
      Value a = operand(n.a, item);
      return a.present && (a.bits & n.mask) != 0;
    }
    case NodeKind::is_empty: {
      bool empty = !operand(n.a, item).present;
      return empty != n.negated;
    }
    case NodeKind::contains:
    case NodeKind::starts:
    case NodeKind::ends: return text_test(n, item);
  }
  return false;
}

template <class Item>
bool Evaluator::compute(const CompiledOutcome& outcome, const Item& item, ComputedOutcome& out,
                        Evaluation& failure) const {
  out.kind = outcome.kind;
  out.mode = outcome.mode;
  out.has_target = outcome.target != CompiledOutcome::Target::none;
  out.target.clear();
  if (outcome.target == CompiledOutcome::Target::text) {
    render_template(program_, program_.templates[outcome.target_template], item, out.target);
  } else if (outcome.target == CompiledOutcome::Target::next) {
    const FieldDef& field = program_.fields[outcome.next_field];
    const EnumDef& e = program_.enums[field.type.enum_id];
    std::uint64_t bits = item.bits(outcome.next_field);
    if (!item.present(outcome.next_field)) {
      failure.error_code = code::next_missing;
      failure.error = "next " + field.name + ": " + field.name + " is empty, so there is no level below it";
      return false;
    }
    if (bits == 0) {
      failure.error_code = code::next_at_lowest;
      failure.error = "next " + field.name + ": " + e.labels[0] + " is the lowest " + field.name +
              "; there is no level below it";
      return false;
    }
    out.target = e.labels[bits - 1];
  }
  out.has_receiver = outcome.receiver_template.has_value();
  out.receiver.clear();
  if (out.has_receiver) render_template(program_, program_.templates[*outcome.receiver_template], item, out.receiver);
  return true;
}

void Evaluator::evaluate(const ItemValues& item, Evaluation& out) { evaluate_item(item, out); }
void Evaluator::evaluate(const PackedItem& item, Evaluation& out) { evaluate_item(item, out); }

template <class Item>
void Evaluator::evaluate_item(const Item& item, Evaluation& out) {
  out.clear();
  const auto& rules = program_.rules;
  if (!overriders_.empty()) {  // at most 64 rules: overrides are one AND per rule
    std::uint64_t applicable = 0;
    for (std::uint32_t r = 0; r < rules.size(); ++r)
      if (in_force_.rule[r] && fast(when_[r], item)) {
        applicable |= std::uint64_t{1} << r;
        out.applicable.push_back(r);
      }
    for (std::uint32_t r : out.applicable)
      if ((overriders_[r] & applicable) == 0) out.live.push_back(r);
  } else {
    for (std::uint32_t r = 0; r < rules.size(); ++r) {
      applicable_[r] = in_force_.rule[r] && fast(when_[r], item);
      if (applicable_[r]) out.applicable.push_back(r);
    }
    for (std::uint32_t r : out.applicable) {
      const auto& by = in_force_.overridden_by[r];
      bool defeated = std::any_of(by.begin(), by.end(), [&](std::uint32_t o) { return applicable_[o] != 0; });
      if (!defeated) out.live.push_back(r);
    }
  }
  if (out.live.empty()) {
    if (!program_.default_) return;  // undecided
    out.by_default = true;
    if (!compute(program_.default_->outcome, item, out.outcome, out)) {
      out.status = Status::error;
      out.error_source = Evaluation::ErrorSource::fallback_default;
      return;
    }
    out.status = Status::decided;
  } else {
    decide_live(item, out);
    if (out.status != Status::decided) return;
  }
  apply_requirements(item, out);
}

template <class Item>
void Evaluator::decide_live(const Item& item, Evaluation& out) {
  if (out.live.size() == 1) {  // the usual case: one rule decides, nothing to compare
    if (!compute(program_.rules[out.live[0]].outcome, item, out.outcome, out)) {
      out.status = Status::error;
      out.error_source = Evaluation::ErrorSource::rule;
      out.error_index = out.live[0];
      return;
    }
    out.deciding.push_back(out.live[0]);
    out.status = Status::decided;
    return;
  }
  out.outcomes.resize(out.live.size());
  for (std::size_t i = 0; i < out.live.size(); ++i) {
    if (!compute(program_.rules[out.live[i]].outcome, item, out.outcomes[i], out)) {
      out.status = Status::error;
      out.error_source = Evaluation::ErrorSource::rule;
      out.error_index = out.live[i];
      return;
    }
  }
  // Precedence picks a kind when one declaration lists every live kind.
  std::optional<Outcome> winner;
  for (const std::vector<Outcome>& order : program_.precedences) {
    bool lists_all = std::all_of(out.outcomes.begin(), out.outcomes.end(), [&](const ComputedOutcome& o) {
      return std::find(order.begin(), order.end(), o.kind) != order.end();
    });
    if (!lists_all) continue;
    for (Outcome kind : order) {
      bool present = std::any_of(out.outcomes.begin(), out.outcomes.end(),
                                 [&](const ComputedOutcome& o) { return o.kind == kind; });
      if (present) {
        winner = kind;
        break;
      }
    }
    break;
  }
  bool all_equal = std::all_of(out.outcomes.begin(), out.outcomes.end(),
                               [&](const ComputedOutcome& o) { return o == out.outcomes.front(); });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.live.size(); ++i) {
    if (all_equal || !winner || out.outcomes[i].kind == *winner) {
      out.deciding.push_back(out.live[i]);
      out.outcomes[kept++] = out.outcomes[i];
    } else {
      out.outranked.push_back(out.live[i]);
    }
  }
  out.outcomes.resize(kept);
  bool agree = std::all_of(out.outcomes.begin(), out.outcomes.end(),
                           [&](const ComputedOutcome& o) { return o == out.outcomes.front(); });
  if (!agree) {
    out.status = Status::conflict;
    return;
  }
  out.status = Status::decided;
  out.outcome = out.outcomes.front();
}

template <class Item>
void Evaluator::apply_requirements(const Item& item, Evaluation& out) {
  std::fill(requirement_.begin(), requirement_.end(), 0);
  const auto& reqs = program_.requires_;
  for (std::uint32_t i = 0; i < reqs.size();) {
    const CompiledRequire& r = reqs[i];
    bool matches = in_force_.requirement[i] && requirement_[i] != 2 && r.pattern_kind == out.outcome.kind &&
                   (!r.pattern_mode || r.pattern_mode == out.outcome.mode);
    if (!matches) {
      ++i;
      continue;
    }
    bool held = fast(r.condition, item);
    if (requirement_[i] == 0) out.checks.push_back({i, held});
    requirement_[i] = held ? 1 : 2;
    if (held) {
      ++i;
      continue;
    }
    if (r.otherwise.reject) {
      out.status = Status::rejected;
      return;
    }
    if (!compute(r.otherwise, item, out.outcome, out)) {
      out.status = Status::error;
      out.error_source = Evaluation::ErrorSource::requirement;
      out.error_index = i;
      return;
    }
    i = 0;  // the new outcome is checked again from the first requirement
  }
}

}  // namespace quanze
