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

void append_value(const Program& program, const Template::Piece& piece, const ItemValues& item,
                  std::string& out) {
  using Kind = Template::Piece::Kind;
  const Value& v = item.values[piece.field];
  if (piece.kind == Kind::highest) {
    out += program.enums[Program::kLevelEnum].labels[v.bits];
    return;
  }
  if (piece.kind == Kind::count) {
    append_number(v.number, out);
    return;
  }
  if (!v.present) return;
  const FieldDef& field = program.fields[piece.field];
  switch (field.type.kind) {
    case ValueKind::text:
    case ValueKind::basis: out += v.text; break;
    case ValueKind::number: append_number(v.number, out); break;
    case ValueKind::boolean: out += v.bits ? "是" : "否"; break;
    case ValueKind::enumeration: out += program.enums[field.type.enum_id].labels[v.bits]; break;
    case ValueKind::set: {
      const EnumDef& e = program.enums[field.type.enum_id];
      bool first = true;
      for (std::size_t m = 0; m < e.labels.size(); ++m) {
        if (!(v.bits >> m & 1)) continue;
        if (!first) out += "、";
        out += e.labels[m];
        first = false;
      }
      break;
    }
  }
}

void render_template(const Program& program, const Template& t, const ItemValues& item,
                     std::string& out) {
  for (const Template::Piece& piece : t.pieces) {
    if (piece.kind == Template::Piece::Kind::literal) out += piece.text;
    else append_value(program, piece, item, out);
  }
}

}  // namespace quanze
