// quanze report: the campaign's attachment forms, ready to hand in.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "quanze/html_report.hpp"
#include "quanze/report.hpp"

namespace quanze::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> rules;
  InputOptions input;
  std::string out_dir;
  std::vector<std::string> formats = {"csv", "xlsx", "html"};
  std::string as_of;
  bool no_bom = false;
};

/// Items on neither form need a person: say how many, why, and which.
void tell_left_out(const std::vector<LeftOut>& left_out) {
  if (left_out.empty()) return;
  std::map<Status, std::size_t> by_status;
  for (const LeftOut& l : left_out) ++by_status[l.status];
  std::string why;
  for (const auto& [status, n] : by_status) why += fmt::format("{}{} {}", why.empty() ? "" : "，", status_label(status), n);
  constexpr std::size_t kShown = 20;
  std::string items;
  for (std::size_t i = 0; i < left_out.size() && i < kShown; ++i)
    items += fmt::format("{}{}（{}）", i ? "、" : "", left_out[i].item, status_label(left_out[i].status));
  if (left_out.size() > kShown) items += fmt::format(" … and {} more", left_out.size() - kShown);
  std::cerr << fmt::format("quanze: {} item{} left out of both forms ({}); a person must decide: {}\n",
                           left_out.size(), left_out.size() == 1 ? "" : "s", why, items);
}

int run_report(const ReportOptions& o) {
  Session session;
  if (!open_session(o.rules, o.input, session, o.as_of)) return kFailure;
  auto wants = [&](std::string_view f) {
    return std::find(o.formats.begin(), o.formats.end(), f) != o.formats.end() ||
           std::find(o.formats.begin(), o.formats.end(), "all") != o.formats.end() ||
           (f != "html" && std::find(o.formats.begin(), o.formats.end(), "both") != o.formats.end());
  };
  // One pass over the list feeds the forms, the summary and, when wanted,
  // the audit report with every item's derivation.
  const Policy& policy = *session.policy;
  ReportBuilder builder(policy, session.table, *session.classifier);
  Summary summary;
  summary.set_rules(policy.rules());
  Manifest manifest = session_manifest(session);
  std::ostringstream html_text;
  std::optional<HtmlReportWriter> html;
  if (wants("html")) html.emplace(html_text, policy, manifest);
  for (const Row& row : session.table.rows) {
    Derivation d = html ? session.classifier->derive(row) : Derivation{session.classifier->classify(row)};
    builder.add(row, d.record);
    summary.add(d.record);
    if (d.record.status == Status::decided && d.record.outcome == Outcome::keep)
      if (auto days = builder.compressed_days(row)) summary.add_compressed_days(d.record.department, *days);
    if (html) html->add(d);
  }
  Report report = builder.finish();
  std::string html_document;
  if (html) {
    html->finish(summary);
    html_document = std::move(html_text).str();
  }
  ReportFormats formats = wants("csv") && wants("xlsx") ? ReportFormats::both
                          : wants("csv")                ? ReportFormats::csv
                          : wants("xlsx")               ? ReportFormats::xlsx
                                                        : ReportFormats::none;
  std::vector<std::string> written;
  std::string error;
  if (!write_report(report, o.out_dir, formats, written, error, html ? &html_document : nullptr,
                    o.no_bom ? Bom::omit : Bom::write)) {
    std::cerr << "quanze: " << error << "\n";
    return kFailure;
  }
  std::cerr << fmt::format("附件2：{} 项，附件3：{} 项\n", report.attachment2.rows.size(),
                           report.attachment3.rows.size());
  for (const std::string& path : written) std::cerr << "wrote " << path << "\n";
  tell_left_out(report.left_out);
  return kSuccess;
}

}  // namespace

Command add_report(CLI::App& app) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report", "Write the attachment forms (附件2, 附件3) as CSV and XLSX, and the HTML audit report");
  sub->add_option("-r,--rules", o->rules,
                  "Rule file (.qz); repeat for several. Without it: the shipped baseline policy")
      ->type_name("FILE");
  add_input_options(*sub, o->input);
  sub->add_option("--as-of", o->as_of, kAsOfHelp)->type_name("DATE")->check(check_date);
  sub->add_option("-d,--out-dir", o->out_dir, "Directory for the forms, created if missing")
      ->required()
      ->type_name("DIR");
  sub->add_option("-f,--format", o->formats,
                  "Any of csv, xlsx, html, comma-separated; both = csv,xlsx; all (the default) = csv,xlsx,html")
      ->delimiter(',')
      ->check(CLI::IsMember({"csv", "xlsx", "html", "both", "all"}));
  sub->add_flag("--no-bom", o->no_bom,
                "CSV forms without the UTF-8 byte-order mark (Excel and WPS need it to read UTF-8; a loader or "
                "script reading the file next may not)");
  sub->footer(
      "Writes 附件2-取消和下放职权事项清单 (items cancelled, delegated or changed to filing) and\n"
      "附件3-保留职权事项及减环节减材料减时限清单 (items kept), as .csv (all departments, UTF-8 with BOM unless --no-bom)\n"
      "and .xlsx (a sheet 全部, then one sheet per department). Items in conflict, undecided, rejected\n"
      "or in error are on neither form: they are counted and named on stderr.\n"
      "html writes 审计报告.html: one self-contained file with the summary, charts, every item in a\n"
      "filterable table and each item's derivation; open it by double-click.\n"
      "Exit codes: 0 the forms were written; 1 an error in the rules, the list or the output (no file is\n"
      "written); 2 a wrong command line.");
  return {sub, [o] { return run_report(*o); }};
}

}  // namespace quanze::cli
