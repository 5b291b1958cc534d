#include "check/schema.hpp"

#include <fmt/format.h>

#include <map>

#include "diag/codes.hpp"
#include "eval/cell_decoder.hpp"
#include "quanze/legal_basis.hpp"

namespace quanze::check {
namespace {

EnumDef legal_levels() {
  EnumDef levels;
  levels.name = "legal level";
  levels.ordered = true;
  for (int i = 0; i < kLegalLevelCount; ++i) {
    auto level = static_cast<LegalLevel>(i);
    levels.ids.emplace_back(level_id(level));
    levels.labels.emplace_back(level_label(level));
  }
  return levels;
}

// Members must differ by id and by label, or a cell could name two.
std::uint16_t add_enum(const ast::Field& field, CheckContext& ctx) {
  EnumDef e;
  e.name = field.name.text;
  e.ordered = field.type.ordered;
  std::map<std::string, std::size_t> owner;  // id or label -> member
  for (const ast::Member& m : field.type.members) {
    std::string label = m.label ? m.label->value : m.id.text;
    std::size_t index = e.ids.size();
    for (const std::string& key : {m.id.text, label}) {
      auto [it, fresh] = owner.emplace(key, index);
      if (!fresh && it->second != index) {
        ctx.error(code::duplicate_member, m.id.range,
                  fmt::format("\"{}\" names two members of {}", key, field.name.text));
        break;
      }
    }
    e.ids.push_back(m.id.text);
    e.labels.push_back(std::move(label));
  }
  if (field.type.kind == ast::TypeKind::set && e.ids.size() > 64) {
    ctx.error(code::too_many_members, field.type.range,
              fmt::format("set {} has {} members; a set holds at most 64", field.name.text,
                          e.ids.size()));
  }
  ctx.program.enums.push_back(std::move(e));
  return static_cast<std::uint16_t>(ctx.program.enums.size() - 1);
}

ValueType resolve_type(const ast::Field& field, CheckContext& ctx) {
  switch (field.type.kind) {
    case ast::TypeKind::text: return {ValueKind::text};
    case ast::TypeKind::number: return {ValueKind::number};
    case ast::TypeKind::boolean: return {ValueKind::boolean};
    case ast::TypeKind::basis: return {ValueKind::basis};
    case ast::TypeKind::enumeration: return {ValueKind::enumeration, add_enum(field, ctx)};
    case ast::TypeKind::set: return {ValueKind::set, add_enum(field, ctx)};
  }
  return {};
}

std::string literal_text(const ast::Literal& lit) {
  switch (lit.kind) {
    case ast::Literal::Kind::boolean: return lit.boolean ? "true" : "false";
    default: return std::string(lit.text);
  }
}

// A default is checked by decoding it exactly as a cell would be.
void check_default(const ast::Field& ast_field, FieldDef& field, CheckContext& ctx) {
  const ast::Literal& lit = *ast_field.default_value;
  std::string text = literal_text(lit);
  bool kind_fits = lit.kind == ast::Literal::Kind::string ||
                   (lit.kind == ast::Literal::Kind::number && field.type.kind == ValueKind::number) ||
                   (lit.kind == ast::Literal::Kind::boolean && field.type.kind == ValueKind::boolean);
  Value value;
  LegalBasis basis;
  CellProblem problem;
  if (!kind_fits) {
    ctx.error(code::bad_default, lit.range,
              fmt::format("default {} does not fit field {}, which is {}", text, field.name,
                          describe_type(ctx.program, field.type)));
  } else if (!decode_cell(ctx.program, field, trim_cell(text), value, basis, problem)) {
    ctx.error(code::bad_default, lit.range,
              fmt::format("default of {} is not one of its values: {}", field.name, problem.message));
  } else {
    field.default_text = text;
  }
}

}  // namespace

void compile_schema(const std::vector<ast::File>& files, CheckContext& ctx) {
  ctx.program.enums.push_back(legal_levels());
  for (const ast::File& file : files) {
    for (const ast::Field& f : file.fields) {
      if (ctx.fields.count(f.name.text)) {
        ctx.error(code::duplicate_field, f.name.range,
                  fmt::format("field {} is declared twice", f.name.text));
        continue;
      }
      FieldDef def;
      def.name = f.name.text;
      def.header = f.from ? f.from->value : f.name.text;
      for (const ast::StringLit& alias : f.aliases) def.aliases.push_back(alias.value);
      def.range = f.range;
      def.type = resolve_type(f, ctx);
      if (f.default_value) check_default(f, def, ctx);
      auto index = static_cast<std::uint16_t>(ctx.program.fields.size());
      ctx.fields.emplace(def.name, index);
      ctx.program.fields.push_back(std::move(def));
    }
  }
  auto find = [&](const char* name) -> std::optional<std::uint16_t> {
    auto it = ctx.fields.find(name);
    if (it == ctx.fields.end()) return std::nullopt;
    return it->second;
  };
  ctx.program.id_field = find("id");
  ctx.program.name_field = find("name");
  ctx.program.department_field = find("department");
}

std::string describe_type(const Program& program, ValueType type) {
  switch (type.kind) {
    case ValueKind::text: return "text";
    case ValueKind::number: return "a number";
    case ValueKind::boolean: return "a yes/no value (bool)";
    case ValueKind::basis: return "a legal basis";
    case ValueKind::set: return "a set";
    case ValueKind::enumeration:
      if (type.enum_id == Program::kLevelEnum) return "a legal level";
      return program.enums[type.enum_id].ordered ? "an ordered enum" : "an enum";
  }
  return "a value";
}

}  // namespace quanze::check
