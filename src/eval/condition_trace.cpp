#include "eval/condition_trace.hpp"

#include <algorithm>

namespace quanze {

std::uint32_t first_false(const Program& program, const Evaluator& evaluator, std::uint32_t node,
                          const ItemValues& item) {
  for (;;) {
    const Node& n = program.nodes[node];
    if (n.kind != NodeKind::and_) return node;
    const std::uint32_t* kids = program.children.data() + n.list_begin;
    const std::uint32_t* false_kid =
        std::find_if(kids, kids + n.list_count, [&](std::uint32_t k) { return !evaluator.test(k, item); });
    if (false_kid == kids + n.list_count) return node;  // not false after all
    node = *false_kid;
  }
}

namespace {

void collect(const Program& program, std::uint32_t node, std::vector<EvidenceKey>& out) {
  const Node& n = program.nodes[node];
  for (const Operand* op : {&n.a, &n.b}) {
    switch (op->source) {
      case Operand::Source::field: out.push_back({static_cast<std::uint16_t>(op->index)}); break;
      case Operand::Source::highest:
        out.push_back({static_cast<std::uint16_t>(op->index), EvidenceKey::Attr::highest});
        break;
      case Operand::Source::count:
        out.push_back({static_cast<std::uint16_t>(op->index), EvidenceKey::Attr::count});
        break;
      case Operand::Source::test: collect(program, op->index, out); break;
      case Operand::Source::constant: break;
    }
  }
  bool has_children = n.kind == NodeKind::not_ || n.kind == NodeKind::and_ || n.kind == NodeKind::or_;
  if (has_children)
    for (std::uint32_t i = 0; i < n.list_count; ++i) collect(program, program.children[n.list_begin + i], out);
}

}  // namespace

std::vector<EvidenceKey> fields_read(const Program& program, std::uint32_t node) {
  std::vector<EvidenceKey> out;
  collect(program, node, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace quanze
