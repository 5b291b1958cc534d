// From the parse tree of one rule file to its typed AST.
#pragma once

#include <memory>

#include "ast/ast.hpp"
#include "quanze/diagnostics.hpp"
#include "syntax/parse_tree.hpp"

namespace quanze::syntax {

/// Adds every declaration under `root` to `out`. Reports what the grammar
/// cannot say (a header that is not first) to `diags`.
void build_ast(const Node& root, const SourceSet& sources, FileId file, Diagnostics& diags,
               ast::File& out);

class AstBuilder;

/// Builds the AST one declaration at a time, while the file is parsed, so
/// a declaration's parse-tree nodes are freed as soon as it is read (see
/// parse.cpp): the tree of a whole 10,000-rule file is never held at once.
class DeclarationSink {
 public:
  DeclarationSink(const SourceSet& sources, FileId file, ast::File& out);
  ~DeclarationSink();
  /// Adds the declaration node `declaration` (a header, rule, …) to the file.
  void add(const Node& declaration);
  /// What the builder reports (a header that is not first), kept apart
  /// from the parser's errors so it can follow them, as when the whole
  /// tree was built after the parse.
  Diagnostics diags;

 private:
  std::unique_ptr<AstBuilder> builder_;
  ast::File& out_;
};

}  // namespace quanze::syntax
