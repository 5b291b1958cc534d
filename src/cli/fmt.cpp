// quanze fmt: rule files in the canonical layout, optionally with their
// keywords translated to the other dialect.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/format.hpp"
#include "quanze/output.hpp"

namespace quanze::cli {
namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool write = false;
  bool check = false;
  std::string lang;
};

bool read_text(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  out = std::move(buf).str();
  return !in.bad();
}

/// Replaces `path` with `text` all at once; a failure leaves it as it was.
bool rewrite(const std::string& path, const std::string& text) {
  AtomicOutput output(path);
  std::string error;
  if (output.open(error)) {
    output.stream() << text;
    if (output.commit(error)) return true;
  }
  std::cerr << "quanze: " << error << "\n";
  return false;
}

int run_fmt(const FmtOptions& o) {
  std::optional<Dialect> dialect;
  if (o.lang == "zh") dialect = Dialect::zh;
  else if (o.lang == "en") dialect = Dialect::en;
  bool failed = false;
  for (const std::string& path : o.files) {
    std::string text;
    if (!read_text(path, text)) {
      std::cerr << fmt::format("quanze: cannot read rule file \"{}\"\n", path);
      failed = true;
      continue;
    }
    FormatResult result = format_rule_text(path, text, dialect);
    print_diagnostics(result.diagnostics);
    if (!result.ok) {
      failed = true;
      continue;
    }
    if (o.check) {
      if (result.text != text) {
        std::cout << path << "\n";
        failed = true;
      }
    } else if (o.write && path != "-") {
      if (result.text != text && !rewrite(path, result.text)) failed = true;
    } else {
      std::cout << result.text;
    }
  }
  return failed ? kFailure : kSuccess;
}

}  // namespace

Command add_fmt(CLI::App& app) {
  auto o = std::make_shared<FmtOptions>();
  CLI::App* sub = app.add_subcommand(
      "fmt", "Print rule files in the canonical layout, keeping every comment; -w rewrites them");
  sub->add_option("files", o->files, "Rule files (.qz); - reads standard input")->required()->type_name("FILE.qz");
  auto* write = sub->add_flag("-w,--write", o->write, "Rewrite each file in place (whole or not at all) instead of printing it");
  auto* check = sub->add_flag("--check", o->check, "Print the files that are not formatted, and exit 1 if there are any");
  write->excludes(check);
  sub->add_option("--lang", o->lang,
                  "Write keywords in this dialect: zh (规则, 当, 则 …) or en (rule, when, then …); default: the "
                  "dialect most of each file's keywords use")
      ->check(CLI::IsMember({"zh", "en"}));
  sub->footer("Names, strings and comments are never translated; translating to one dialect and back gives\n"
              "the same rules. Only the syntax is checked: a file with other errors is still formatted.\n"
              "Exit codes: 0 done (with --check: every file is formatted); 1 a file could not be read or parsed,\n"
              "or (with --check) is not formatted; 2 a wrong command line.");
  return {sub, [o] { return run_fmt(*o); }};
}

}  // namespace quanze::cli
