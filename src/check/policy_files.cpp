#include "check/policy_files.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "diag/codes.hpp"
#include "syntax/parse.hpp"

namespace quanze::check {
namespace {

namespace fs = std::filesystem;

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  out = std::move(buf).str();
  return !in.bad();
}

std::string normalize(const std::string& path) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(fs::path(path), ec);
  return ec ? fs::path(path).lexically_normal().string() : canonical.string();
}

class Loader {
 public:
  Loader(SourceSet& sources, Diagnostics& diags) : sources_(sources), diags_(diags) {}

  void load(const std::string& path, const std::string& text, bool root = false) {
    FileId id = sources_.add(path, text);
    ast::File file = syntax::parse_file(sources_, id, diags_);
    file.root = root;
    std::string key = normalize(path);
    active_.push_back(key);
    loaded_.insert(key);
    for (const ast::Import& import : file.imports) follow(path, import);
    active_.pop_back();
    files_.push_back(std::move(file));
  }

  std::vector<ast::File> take() { return std::move(files_); }

 private:
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
    std::string text;
    if (!read_file(path, text)) {
      diags_.error(code::import_failed, sources_, import.path.range,
                   "cannot read imported file \"" + path + "\"");
      return;
    }
    load(path, text);
  }

  SourceSet& sources_;
  Diagnostics& diags_;
  std::vector<std::string> active_;
  std::set<std::string> loaded_;
  std::vector<ast::File> files_;
};

}  // namespace

std::vector<ast::File> load_policy_files(const std::vector<RootFile>& roots, SourceSet& sources,
                                         Diagnostics& diags) {
  Loader loader(sources, diags);
  for (const RootFile& root : roots) {
    std::string text;
    if (root.text) {
      text = *root.text;
    } else if (!read_file(root.path, text)) {
      Diagnostic d;
      d.code = code::import_failed;
      d.file = root.path;
      d.message = "cannot read rule file \"" + root.path + "\"";
      diags.add(std::move(d));
      continue;
    }
    loader.load(root.path, text, true);
  }
  return loader.take();
}

}  // namespace quanze::check
