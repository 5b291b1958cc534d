#include "eval/packed_items.hpp"

namespace quanze {
namespace {

struct Needs {
  bool bits = false, number = false, text = false, titles = false;
};

void need_kind(Needs& n, ValueKind kind) {
  switch (kind) {
    case ValueKind::text: n.text = true; break;
    case ValueKind::number: n.number = true; break;
    case ValueKind::boolean:
    case ValueKind::enumeration:
    case ValueKind::set: n.bits = true; break;
    case ValueKind::basis: n.bits = n.number = n.text = n.titles = true; break;
  }
}

void need_operand(const Program& p, std::vector<Needs>& needs, const Operand& op) {
  switch (op.source) {
    case Operand::Source::field: need_kind(needs[op.index], p.fields[op.index].type.kind); break;
    case Operand::Source::highest: needs[op.index].bits = true; break;
    case Operand::Source::count: needs[op.index].number = true; break;
    default: break;
  }
}

void need_outcome(const Program& p, std::vector<Needs>& needs, const CompiledOutcome& o) {
  if (o.target == CompiledOutcome::Target::next) needs[o.next_field].bits = true;
  (void)p;
}

}  // namespace

PackedLayout::PackedLayout(const Program& program) : slots(program.fields.size()) {
  // Templates are few; every one is counted, whether rendered during
  // evaluation (targets, receivers) or not.
  std::vector<Needs> needs(program.fields.size());
  for (const Node& n : program.nodes) {
    need_operand(program, needs, n.a);
    need_operand(program, needs, n.b);
  }
  for (const Template& t : program.templates)
    for (const Template::Piece& piece : t.pieces) {
      using Kind = Template::Piece::Kind;
      if (piece.kind == Kind::field) {
        ValueKind k = program.fields[piece.field].type.kind;
        need_kind(needs[piece.field], k == ValueKind::basis ? ValueKind::text : k);
      } else if (piece.kind == Kind::highest) {
        needs[piece.field].bits = true;
      } else if (piece.kind == Kind::count) {
        needs[piece.field].number = true;
      }
    }
  for (const CompiledRule& r : program.rules) need_outcome(program, needs, r.outcome);
  for (const CompiledRequire& r : program.requires_) need_outcome(program, needs, r.otherwise);
  if (program.default_) need_outcome(program, needs, program.default_->outcome);

  std::uint32_t word = static_cast<std::uint32_t>((program.fields.size() + 63) / 64);  // presence bits first
  for (std::size_t f = 0; f < needs.size(); ++f) {
    if (needs[f].bits) slots[f].bits = word++;
    if (needs[f].number) slots[f].number = word++;
    if (needs[f].text) slots[f].text = word, word += 2;
    if (needs[f].titles) slots[f].titles = word, word += 2;
  }
  stride = word;
}

void PackedItems::add(const ItemValues& item) {
  std::size_t at = words_.size();
  words_.resize(at + layout_.stride, 0);
  std::uint64_t* row = words_.data() + at;
  for (std::size_t f = 0; f < layout_.slots.size(); ++f) {
    const PackedLayout::Slots& s = layout_.slots[f];
    const Value& v = item.values[f];
    if (v.present) row[f >> 6] |= std::uint64_t{1} << (f & 63);
    if (s.bits != kNone) row[s.bits] = v.bits;
    if (s.number != kNone) std::memcpy(&row[s.number], &v.number, sizeof v.number);
    if (s.text != kNone) {
      row[s.text] = arena_.size();
      row[s.text + 1] = v.text.size();
      arena_ += v.text;
    }
    if (s.titles != kNone) {
      const LegalBasis& b = item.bases[f];
      row[s.titles] = spans_.size() / 2;
      row[s.titles + 1] = b.citations.size();
      for (const Citation& c : b.citations) {
        spans_.push_back(arena_.size());
        spans_.push_back(c.title.size());
        arena_ += c.title;
      }
    }
  }
}

}  // namespace quanze
