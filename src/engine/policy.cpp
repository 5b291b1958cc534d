#include <algorithm>

#include "check/compile_policy.hpp"
#include "check/policy_files.hpp"
#include "eval/program.hpp"
#include "quanze/engine.hpp"

namespace quanze {
namespace {

std::vector<RuleInfo> rule_infos(const Program& p) {
  std::vector<RuleInfo> infos;
  infos.reserve(p.rules.size() + p.requires_.size());  // 10,000 rules grown by doubling were 4 MB touched twice
  for (const CompiledRule& r : p.rules)
    infos.push_back({r.id, r.title, p.file_path(r.file), r.line, r.exception, false, r.overrides, r.effective, r.until});
  for (const CompiledRequire& r : p.requires_)
    infos.push_back({r.id, r.title, p.file_path(r.file), r.line, false, true, {}, r.effective, r.until});
  return infos;
}

PolicyLoad load(const std::vector<check::RootFile>& roots, const LoadOptions& options) {
  PolicyLoad result;
  auto program = std::make_shared<Program>();
  std::vector<ast::File> files = check::load_policy_files(roots, program->sources, result.diagnostics, options);
  if (result.diagnostics.has_errors()) return result;  // parse errors make later errors noise
  if (!check::compile_policy(files, *program, result.diagnostics)) return result;
  result.policy = std::make_shared<Policy>(std::move(program));
  return result;
}

}  // namespace

Policy::Policy(std::shared_ptr<const Program> program)
    : program_(std::move(program)), rules_(rule_infos(*program_)) {}
Policy::~Policy() = default;

std::string_view Policy::name() const { return program_->name; }
std::string_view Policy::version() const { return program_->version; }
std::string_view Policy::source() const { return program_->source; }

const std::vector<RuleInfo>& Policy::rules() const { return rules_; }

const RuleInfo* Policy::find_rule(std::string_view id) const {
  const auto& all = rules();
  auto it = std::find_if(all.begin(), all.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == all.end() ? nullptr : &*it;
}

std::vector<std::pair<std::string, std::string>> Policy::fields() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const FieldDef& f : program_->fields) out.emplace_back(f.name, f.header);
  return out;
}

std::vector<std::string> Policy::headers() const {
  std::vector<std::string> out;
  for (const std::vector<std::string>& names : field_headers()) out.insert(out.end(), names.begin(), names.end());
  return out;
}

std::vector<std::vector<std::string>> Policy::field_headers() const {
  std::vector<std::vector<std::string>> out;
  for (const FieldDef& f : program_->fields) {
    std::vector<std::string>& names = out.emplace_back();
    names.push_back(f.header);
    names.insert(names.end(), f.aliases.begin(), f.aliases.end());
  }
  return out;
}

PolicyLoad load_policy(const std::vector<std::string>& paths, const LoadOptions& options) {
  std::vector<check::RootFile> roots;
  for (const std::string& p : paths) roots.push_back({p, std::nullopt});
  return load(roots, options);
}

PolicyLoad load_policy_text(const std::string& path, const std::string& text, const LoadOptions& options) {
  return load({{path, text}}, options);
}

std::string_view baseline_policy_path() { return "rules/liangyou.qz"; }

PolicyLoad load_baseline_policy() {
  return load_policy_text(std::string(baseline_policy_path()), std::string(baseline_policy_text()));
}

}  // namespace quanze
