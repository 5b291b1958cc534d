// quanze explain: the derivation of one item's decision, or of every item,
// for an auditor.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/explain.hpp"
#include "quanze/output.hpp"
#include "quanze/what_if.hpp"

namespace quanze::cli {
namespace {

struct ExplainOptions {
  std::vector<std::string> rules;
  InputOptions input;
  std::string item;
  bool all = false;
  std::string why_not;
  bool what_if = false;
  std::string format = "text";
  std::string as_of;
};

std::size_t common_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

/// Up to five names that share the longest prefix with the one asked for.
std::string similar(const std::vector<std::string>& names, const std::string& wanted) {
  std::vector<std::string> sorted = names;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const std::string& a, const std::string& b) {
    return common_prefix(a, wanted) > common_prefix(b, wanted);
  });
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < 5; ++i) out += (i ? ", " : "") + sorted[i];
  return out;
}

int run_explain(const ExplainOptions& o) {
  Session session;
  if (!open_session(o.rules, o.input, session, o.as_of)) return kFailure;
  const Table& table = session.table;
  const Policy& policy = *session.policy;
  if (!o.why_not.empty() && !policy.find_rule(o.why_not)) {
    std::vector<std::string> ids;
    for (const RuleInfo& r : policy.rules()) ids.push_back(r.id);
    std::cerr << fmt::format("quanze: the policy has no rule or requirement \"{}\"; similar: {}\n", o.why_not,
                             similar(ids, o.why_not));
    return kFailure;
  }
  std::vector<std::string> ids;
  std::size_t shown = 0;
  Manifest manifest = session_manifest(session);
  // One item: its object carries the manifest. Every item: JSON Lines,
  // the manifest first, as classify writes them.
  if (o.all && o.format == "json") std::cout << "{\"manifest\": " << manifest_to_json(manifest) << "}\n";
  for (const Row& row : table.rows) {
    // Derivations cost more than records: only for the items asked for.
    if (!o.all) {
      DecisionRecord record = session.classifier->classify(row);
      if (record.item != o.item) {
        ids.push_back(record.item);
        continue;
      }
    }
    if (o.what_if) {
      WhatIf w = what_if(policy, *session.classifier, row);
      std::cout << (o.format == "json" ? what_if_json(w) + "\n" : what_if_text(w, policy));
      ++shown;
      continue;
    }
    Derivation d = session.classifier->derive(row);
    if (o.format == "json") {
      std::cout << (o.all ? derivation_to_json(d, policy) : derivation_to_json(d, policy, 2, &manifest)) << "\n";
    } else {
      if (shown) std::cout << "\n";
      std::cout << (o.why_not.empty() ? explain_text(d, policy, table.source)
                                      : explain_rule_text(d, policy, o.why_not));
    }
    ++shown;
  }
  if (!o.all && shown == 0) {
    std::cerr << fmt::format("quanze: no item \"{}\" in {} ({} items); similar: {}\n", o.item, table.source,
                             table.rows.size(), similar(ids, o.item));
    return kFailure;
  }
  return kSuccess;
}

}  // namespace

Command add_explain(CLI::App& app) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* sub = app.add_subcommand("explain", "Explain how an item was decided, rule by rule");
  sub->add_option("-r,--rules", o->rules, "Rule file (.qz); repeat for several. Without it: the baseline")
      ->type_name("FILE");
  add_input_options(*sub, o->input);
  sub->add_option("--as-of", o->as_of, kAsOfHelp)->type_name("DATE")->check(check_date);
  auto* item = sub->add_option("--item", o->item, "The item's id (the schema's id field), e.g. GA-001");
  auto* all = sub->add_flag("--all", o->all, "Every item of the list, in list order");
  item->excludes(all);
  auto* why_not = sub->add_option("--why-not", o->why_not, "Only why this rule (or requirement) did or did not apply")
                      ->type_name("RULE");
  sub->add_flag("--what-if", o->what_if,
                "The smallest changes to the item's cells that would change its decision, with the new decision")
      ->excludes(all)
      ->excludes(why_not);
  sub->add_option("-f,--format", o->format,
                  "text (readable, Chinese labels) or json (the record and its derivation; with --all, "
                  "one object per line)")
      ->check(CLI::IsMember({"text", "json"}));
  sub->footer("Exit codes: 0 explained; 1 an error, or no such item or rule; 2 a wrong command line.");
  return {sub, [o, sub] {
            if (o->item.empty() && !o->all) {
              std::cerr << "quanze explain: give --item ID or --all\n" << sub->help();
              return static_cast<int>(kUsage);
            }
            return run_explain(*o);
          }};
}

}  // namespace quanze::cli
