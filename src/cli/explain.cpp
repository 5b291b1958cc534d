// quanze explain: the derivation of one item's decision, for an auditor.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/explain.hpp"
#include "quanze/output.hpp"

namespace quanze::cli {
namespace {

struct ExplainOptions {
  std::vector<std::string> rules;
  std::string input;
  std::string input_format;
  std::string item;
  std::string format = "text";
};

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

/// Up to five ids that share the longest prefix with the one asked for.
std::string similar_ids(const std::vector<std::string>& ids, const std::string& wanted) {
  std::vector<std::string> sorted = ids;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const std::string& a, const std::string& b) {
    return common_prefix(a, wanted) > common_prefix(b, wanted);
  });
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < 5; ++i) out += (i ? ", " : "") + sorted[i];
  return out;
}

int run_explain(const ExplainOptions& o) {
  Session session;
  if (!open_session(o.rules, o.input, o.input_format, session)) return kFailure;
  const Table& table = session.table;
  std::vector<std::string> ids;
  bool found = false;
  for (const Row& row : table.rows) {
    DecisionRecord record = session.classifier->classify(row);
    if (record.item != o.item) {
      ids.push_back(record.item);
      continue;
    }
    if (found) std::cout << "\n";
    found = true;
    if (o.format == "json") std::cout << record_to_json(record, 2) << "\n";
    else std::cout << explain_text(record, *session.policy, table.source);
  }
  if (!found) {
    std::cerr << fmt::format("quanze: no item \"{}\" in {} ({} items); similar: {}\n", o.item, table.source,
                             table.rows.size(), similar_ids(ids, o.item));
    return kFailure;
  }
  return kSuccess;
}

}  // namespace

Command add_explain(CLI::App& app) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* sub = app.add_subcommand("explain", "Explain how one item was decided, rule by rule");
  sub->add_option("-r,--rules", o->rules, "Rule file (.qz); repeat for several. Without it: the baseline")
      ->type_name("FILE");
  sub->add_option("-i,--input", o->input, "The list: CSV, JSON array or JSON Lines")->required()->type_name("LIST");
  sub->add_option("--input-format", o->input_format, "csv, json or jsonl (default: from the file name)")
      ->check(CLI::IsMember({"csv", "json", "jsonl"}));
  sub->add_option("--item", o->item, "The item's id (the schema's id field), e.g. GA-001")->required();
  sub->add_option("-f,--format", o->format, "text (readable, Chinese labels) or json (the record)")
      ->check(CLI::IsMember({"text", "json"}));
  sub->footer("Exit codes: 0 explained; 1 an error, or no such item; 2 a wrong command line.");
  return {sub, [o] { return run_explain(*o); }};
}

}  // namespace quanze::cli
