#include "cli/common.hpp"

#include <iostream>

namespace quanze::cli {

namespace {
std::vector<std::string>& arguments() {
  static std::vector<std::string> args;
  return args;
}
}  // namespace

void set_command_line(int argc, char** argv) { arguments().assign(argv, argv + argc); }
const std::vector<std::string>& command_line() { return arguments(); }

Manifest session_manifest(const Session& session) {
  Manifest m = make_manifest(*session.policy, &session.table, command_line());
  m.as_of = session.as_of.to_string();
  return m;
}

std::string check_date(const std::string& text) {
  if (Date::parse(text)) return {};
  return "\"" + text + "\" is not a day: write YYYY-MM-DD, e.g. 2024-06-30";
}

void print_diagnostics(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.items()) std::cerr << render(d);
}

namespace {

std::shared_ptr<const Policy> load_rules(const std::vector<std::string>& rules) {
  PolicyLoad load = rules.empty() ? load_baseline_policy() : load_policy(rules);
  print_diagnostics(load.diagnostics);
  return load.policy;
}

bool load_list(const std::string& path, const std::string& format, Table& out) {
  TableFormat f = format_for_path(path);
  if (format == "csv") f = TableFormat::csv;
  else if (format == "json") f = TableFormat::json;
  else if (format == "jsonl") f = TableFormat::jsonl;
  Diagnostics diags;
  bool ok = read_table(path, f, out, diags);
  print_diagnostics(diags);
  return ok;
}

}  // namespace

bool open_session(const std::vector<std::string>& rules, const std::string& input,
                  const std::string& input_format, Session& out, const std::string& as_of) {
  out.as_of = as_of.empty() ? Date::today() : Date::parse(as_of).value_or(Date::today());
  out.policy = load_rules(rules);
  if (!out.policy || !load_list(input, input_format, out.table)) return false;
  Diagnostics diags;
  out.classifier = Classifier::bind(out.policy, out.table, diags, out.as_of);
  print_diagnostics(diags);
  return out.classifier != nullptr;
}

}  // namespace quanze::cli
