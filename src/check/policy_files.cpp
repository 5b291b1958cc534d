#include "check/policy_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "diag/codes.hpp"
#include "syntax/parse.hpp"

namespace quanze::check {
namespace {

namespace fs = std::filesystem;

enum class Read { ok, unreadable, too_large };

/// Reads a whole file, unless it is larger than `limit`: a rule file of
/// gigabytes is refused by its size before any of it is held in memory.
Read read_file(const std::string& path, std::uint64_t limit, std::string& out, std::uint64_t& size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Read::unreadable;
  // A FIFO or /dev/stdin has no size: read at most limit + 1 bytes of it.
  std::error_code ec;
  std::uint64_t known = fs::file_size(path, ec);
  if (!ec && known > limit) {
    size = known;
    return Read::too_large;
  }
  out.clear();
  // Grown by doubling, a 1.3 MB file would touch twice its size in fresh pages.
  if (!ec) out.reserve(static_cast<std::size_t>(known));
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > limit) {
      size = out.size();
      return Read::too_large;
    }
  }
  size = out.size();
  return in.bad() ? Read::unreadable : Read::ok;
}

/// The file a path names, absolute, with `..` and symbolic links resolved
/// as far as the path exists: one key per file, however it was reached.
std::string normalize(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec) return fs::path(path).lexically_normal().string();
  auto canonical = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal().string() : canonical.string();
}

/// Whether `path` is `folder` or inside it; both canonical.
bool inside(const fs::path& path, const fs::path& folder) {
  auto p = path.begin();
  for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
    if (f->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *f) return false;
  }
  return true;
}

/// "16 MiB" for the default limits, bytes for a limit a caller set lower.
std::string mib(std::uint64_t bytes) {
  return bytes % (1u << 20) == 0 ? fmt::format("{} MiB", bytes >> 20) : fmt::format("{} bytes", bytes);
}

class Loader {
 public:
  Loader(SourceSet& sources, Diagnostics& diags, const LoadOptions& options)
      : sources_(sources), diags_(diags), options_(options) {}

  /// A root file: its folder bounds what it may import.
  void load_root(const std::string& path, std::string text) {
    root_path_ = path;
    root_folder_ = fs::path(normalize(path)).parent_path();
    load(path, std::move(text), true);
  }

  std::vector<ast::File> take() { return std::move(files_); }

  /// Counted before parsing: a root given as text is held to the same
  /// limits as one read from disk.
  bool admit(std::uint64_t size) {
    total_bytes_ += size;
    return total_bytes_ <= options_.max_total_bytes;
  }

  const LoadOptions& options() const { return options_; }

 private:
  /// `text` is moved into the source set: the file is held once.
  void load(const std::string& path, std::string text, bool root) {
    FileId id = sources_.add(path, std::move(text));
    ast::File file = syntax::parse_file(sources_, id, diags_);
    file.root = root;
    std::string key = normalize(path);
    active_.push_back(key);
    loaded_.insert(key);
    for (const ast::Import& import : file.imports) follow(path, import);
    active_.pop_back();
    count_rules(file);  // after its imports: in the order the policy is read
    files_.push_back(std::move(file));
  }

  /// The checker's work grows faster than the number of rules (overrides,
  /// requirement graphs, the analysis): past the limit the policy is
  /// refused at the first rule too many, and nothing is checked.
  void count_rules(const ast::File& file) {
    if (rules_ > options_.max_rules) return;  // reported once
    for (const ast::Declaration& d : file.order) {
      const ast::Name* id = d.kind == ast::Declaration::Kind::rule      ? &file.rules[d.index].id
                            : d.kind == ast::Declaration::Kind::require ? &file.requires_[d.index].id
                                                                        : nullptr;
      if (!id || ++rules_ <= options_.max_rules) continue;
      diags_.error(code::too_many_rules, sources_, id->range,
                   fmt::format("{} is rule or requirement number {}; a policy has at most {}, "
                               "split it into several policies",
                               id->text, rules_, options_.max_rules));
      return;
    }
  }

  void follow(const std::string& importer, const ast::Import& import) {
    fs::path target = fs::path(importer).parent_path() / import.path.value;
    std::string path = target.lexically_normal().string();
    std::string key = normalize(path);
    for (const std::string& open : active_) {
      if (open == key) {
        diags_.error(code::import_failed, sources_, import.path.range,
                     "import cycle: \"" + import.path.value + "\" is already being imported");
        return;
      }
    }
    if (loaded_.count(key)) return;  // imported twice: once is enough
    if (!options_.allow_imports_outside && !inside(fs::path(key), root_folder_)) {
      // A policy from elsewhere must not read /etc/passwd or ~/.ssh into
      // its error messages; `..` and symbolic links count where they lead.
      diags_.error(code::import_outside, sources_, import.path.range,
                   fmt::format("\"{}\" is outside the folder of {}, where the policy's imports must stay; "
                               "run quanze --allow-imports-outside to allow it",
                               import.path.value, root_path_));
      return;
    }
    if (active_.size() >= options_.max_import_depth) {
      diags_.error(code::too_many_imports, sources_, import.path.range,
                   fmt::format("imports nested more than {} files deep; a policy this deep is almost certainly "
                               "generated wrongly",
                               options_.max_import_depth));
      return;
    }
    if (loaded_.size() >= options_.max_files) {
      diags_.error(code::too_many_imports, sources_, import.path.range,
                   fmt::format("\"{}\" would be file number {} of the policy; a policy has at most {} files",
                               import.path.value, loaded_.size() + 1, options_.max_files));
      return;
    }
    std::string text;
    std::uint64_t size = 0;
    switch (read_file(path, options_.max_file_bytes, text, size)) {
      case Read::unreadable:
        diags_.error(code::import_failed, sources_, import.path.range,
                     "cannot read imported file \"" + path + "\"");
        return;
      case Read::too_large:
        diags_.error(code::file_too_large, sources_, import.path.range,
                     fmt::format("\"{}\" is larger than {}, the most a rule file may be", import.path.value,
                                 mib(options_.max_file_bytes)));
        return;
      case Read::ok:
        break;
    }
    if (!admit(size)) {
      diags_.error(code::file_too_large, sources_, import.path.range,
                   fmt::format("with \"{}\" the policy's files are larger than {} together, the most a policy "
                               "may be",
                               import.path.value, mib(options_.max_total_bytes)));
      return;
    }
    load(path, std::move(text), false);
  }

  SourceSet& sources_;
  Diagnostics& diags_;
  const LoadOptions& options_;
  std::string root_path_;
  fs::path root_folder_;
  std::vector<std::string> active_;
  std::set<std::string> loaded_;
  std::vector<ast::File> files_;
  std::size_t rules_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// A root file that cannot be loaded has no line to point at: the
/// diagnostic names the file alone, as the command line gave it.
void report_root(Diagnostics& diags, const char* code, const std::string& path, std::string message) {
  Diagnostic d;
  d.code = code;
  d.file = path;
  d.message = std::move(message);
  diags.add(std::move(d));
}

}  // namespace

std::vector<ast::File> load_policy_files(const std::vector<RootFile>& roots, SourceSet& sources, Diagnostics& diags,
                                         const LoadOptions& options) {
  Loader loader(sources, diags, options);
  for (const RootFile& root : roots) {
    std::string text;
    std::uint64_t size = 0;
    if (root.text) {
      text = *root.text;
      size = text.size();
      if (size > options.max_file_bytes) {
        report_root(diags, code::file_too_large, root.path,
                    fmt::format("rule file \"{}\" is larger than {}, the most a rule file may be", root.path,
                                mib(options.max_file_bytes)));
        continue;
      }
    } else {
      switch (read_file(root.path, options.max_file_bytes, text, size)) {
        case Read::unreadable:
          report_root(diags, code::import_failed, root.path, "cannot read rule file \"" + root.path + "\"");
          continue;
        case Read::too_large:
          report_root(diags, code::file_too_large, root.path,
                      fmt::format("rule file \"{}\" is larger than {}, the most a rule file may be", root.path,
                                  mib(options.max_file_bytes)));
          continue;
        case Read::ok:
          break;
      }
    }
    if (!loader.admit(size)) {
      report_root(diags, code::file_too_large, root.path,
                  fmt::format("with \"{}\" the policy's files are larger than {} together, the most a policy may be",
                              root.path, mib(options.max_total_bytes)));
      continue;
    }
    loader.load_root(root.path, std::move(text));
  }
  return loader.take();
}

}  // namespace quanze::check
