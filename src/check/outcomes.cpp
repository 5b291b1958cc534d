#include "check/outcomes.hpp"

#include <fmt/format.h>

#include "check/templates.hpp"
#include "diag/codes.hpp"

namespace quanze::check {

Outcome to_outcome(ast::OutcomeKind kind) {
  switch (kind) {
    case ast::OutcomeKind::cancel: return Outcome::cancel;
    case ast::OutcomeKind::keep: return Outcome::keep;
    case ast::OutcomeKind::filing: return Outcome::filing;
    case ast::OutcomeKind::delegate: return Outcome::delegate;
  }
  return Outcome::keep;
}

Mode to_mode(ast::Mode mode) {
  switch (mode) {
    case ast::Mode::authorization: return Mode::authorization;
    case ast::Mode::entrustment: return Mode::entrustment;
    case ast::Mode::direct: return Mode::direct;
  }
  return Mode::direct;
}

std::optional<CompiledOutcome> compile_outcome(const ast::Outcome& outcome, CheckContext& ctx,
                                               std::vector<EvidenceKey>& reads) {
  CompiledOutcome out;
  out.reject = outcome.reject;
  out.kind = to_outcome(outcome.kind);
  if (outcome.mode) out.mode = to_mode(*outcome.mode);
  bool ok = true;
  if (outcome.to_string) {
    auto t = compile_template(*outcome.to_string, ctx, &reads);
    if (t) {
      out.target = CompiledOutcome::Target::text;
      out.target_template = *t;
    } else {
      ok = false;
    }
  } else if (outcome.to_next) {
    const std::string& name = outcome.to_next->text;
    auto it = ctx.fields.find(name);
    if (it == ctx.fields.end()) {
      ctx.error(code::unknown_field, outcome.to_next->range,
                fmt::format("unknown field {} after next", name));
      ok = false;
    } else {
      ctx.program.fields[it->second].used = true;
      const FieldDef& field = ctx.program.fields[it->second];
      bool ordered = field.type.kind == ValueKind::enumeration &&
                     ctx.program.enums[field.type.enum_id].ordered;
      if (!ordered) {
        ctx.error(code::next_not_ordered, outcome.to_next->range,
                  fmt::format("next needs an ordered enum, but {} is {}", name,
                              describe_type(ctx.program, field.type)));
        ok = false;
      } else {
        out.target = CompiledOutcome::Target::next;
        out.next_field = it->second;
        reads.push_back({it->second});
      }
    }
  }
  if (outcome.receiver) {
    auto t = compile_template(*outcome.receiver, ctx, &reads);
    if (t) out.receiver_template = *t;
    else ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace quanze::check
