// Reading a policy's rule files and the files they import.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "quanze/diagnostics.hpp"
#include "quanze/engine.hpp"
#include "quanze/source.hpp"

namespace quanze::check {

/// A root file: read from disk, or given as text (the embedded baseline,
/// tests). `text` is used when set.
struct RootFile {
  std::string path;
  std::optional<std::string> text;
};

/// Parses every root file and, depth first, every file it imports (relative
/// to the importing file), each once. Imported declarations come before the
/// importer's, as if the import were pasted at the top. Unreadable files and
/// import cycles are reported as QZ2008; the limits of `options` (file
/// size, rule count, import depth and count, imports outside the root
/// file's folder) by their own codes, at the import or rule concerned.
std::vector<ast::File> load_policy_files(const std::vector<RootFile>& roots, SourceSet& sources,
                                         Diagnostics& diags, const LoadOptions& options = {});

}  // namespace quanze::check
