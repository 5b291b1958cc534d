#include "eval/interpolate.hpp"

#include <fmt/format.h>

#include <cmath>

namespace quanze {

void append_number(double value, std::string& out) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<long long>(value));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", value);
  }
}

template <class Item>
void append_value(const Program& program, const Template::Piece& piece, const Item& item, std::string& out) {
  using Kind = Template::Piece::Kind;
  const std::size_t f = piece.field;
  if (piece.kind == Kind::highest) {
    out += program.enums[Program::kLevelEnum].labels[item.bits(f)];
    return;
  }
  if (piece.kind == Kind::count) {
    append_number(item.number(f), out);
    return;
  }
  if (!item.present(f)) return;
  const FieldDef& field = program.fields[piece.field];
  switch (field.type.kind) {
    case ValueKind::text:
    case ValueKind::basis: out += item.text(f); break;
    case ValueKind::number: append_number(item.number(f), out); break;
    case ValueKind::boolean: out += item.bits(f) ? "是" : "否"; break;
    case ValueKind::enumeration: out += program.enums[field.type.enum_id].labels[item.bits(f)]; break;
    case ValueKind::set: {
      const EnumDef& e = program.enums[field.type.enum_id];
      const std::uint64_t bits = item.bits(f);
      bool first = true;
      for (std::size_t m = 0; m < e.labels.size(); ++m) {
        if (!(bits >> m & 1)) continue;
        if (!first) out += "、";
        out += e.labels[m];
        first = false;
      }
      break;
    }
  }
}

template <class Item>
void render_template(const Program& program, const Template& t, const Item& item, std::string& out) {
  for (const Template::Piece& piece : t.pieces) {
    if (piece.kind == Template::Piece::Kind::literal) out += piece.text;
    else append_value(program, piece, item, out);
  }
}

template void append_value(const Program&, const Template::Piece&, const ItemValues&, std::string&);
template void append_value(const Program&, const Template::Piece&, const PackedItem&, std::string&);
template void render_template(const Program&, const Template&, const ItemValues&, std::string&);
template void render_template(const Program&, const Template&, const PackedItem&, std::string&);

}  // namespace quanze
