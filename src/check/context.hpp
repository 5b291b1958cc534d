// State shared by the checking passes: the program being built, the names
// in scope, and where problems go.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.hpp"
#include "eval/program.hpp"
#include "quanze/diagnostics.hpp"

namespace quanze::check {

struct LetBinding {
  const ast::Let* let = nullptr;
  enum class State { unvisited, visiting, done, failed } state = State::unvisited;
  Operand value;  // a boolean test, or an alias of a value
  std::vector<EvidenceKey> reads;
  bool used = false;  // referred to by a condition or another let
};

struct CheckContext {
  Program& program;
  Diagnostics& diags;
  std::unordered_map<std::string, std::uint16_t> fields;
  std::unordered_map<std::string, LetBinding> lets;
  std::vector<std::string> let_order;  // file order, for deterministic messages
  std::vector<SourceRange> require_ranges;  // each requirement's id, by index

  const SourceSet& sources() const { return program.sources; }
  void error(const char* code, SourceRange range, std::string message) {
    diags.error(code, program.sources, range, std::move(message));
  }
  const FieldDef* field(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : &program.fields[it->second];
  }
};

/// How a type reads in a message: "text", "a number", "an ordered enum".
std::string describe_type(const Program& program, ValueType type);

}  // namespace quanze::check
