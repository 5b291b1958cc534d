// The HTML audit report's document: self-contained, deterministic, and no
// list cell ever becomes markup.
#include <doctest/doctest.h>

#include <sstream>

#include "quanze/html_report.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

std::string report_for(const Table& table) {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  Manifest manifest = make_manifest(*load.policy, &table, {"quanze", "report"});
  std::ostringstream out;
  HtmlReportWriter writer(out, *load.policy, manifest);
  Summary summary;
  summary.set_rules(load.policy->rules());
  for (const Row& row : table.rows) {
    Derivation d = classifier->derive(row);
    summary.add(d.record);
    writer.add(d);
  }
  writer.finish(summary);
  return out.str();
}

Table hostile_table() {
  Table table;
  Diagnostics diags;
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, table, diags));
  table.source = "<b>list</b>.csv";
  table.rows[0].cells.set(1, "</script><script>alert(1)</script>");
  table.rows[1].cells.set(2, "<img src=x onerror=alert(1)>");
  return table;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("html report: cells never become markup, in the data or the summary") {
  std::string page = report_for(hostile_table());
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0) == 0);
  CHECK(count(page, "<img") == 0);
  CHECK(count(page, "<b>") == 0);
  CHECK(count(page, "&lt;b&gt;list&lt;/b&gt;.csv") >= 2);                     // header and manifest
  CHECK(count(page, "&lt;img src=x onerror=alert(1)&gt;") >= 1);            // the department, in the summary
  CHECK(count(page, "\\u003c/script>\\u003cscript>alert(1)\\u003c/script>") == 1);  // the name, in the data
  CHECK(count(page, "<script") == 4);  // the three data blocks and the report's script
  CHECK(count(page, "</script>") == 4);
  CHECK(page.find("src=\"http") == std::string::npos);
  CHECK(page.find("href=\"http") == std::string::npos);
  CHECK(page.find("script-src 'sha256-") != std::string::npos);
}

TEST_CASE("html report: the same list gives the same bytes") {
  CHECK(report_for(hostile_table()) == report_for(hostile_table()));
}

TEST_CASE("html report: escaping") {
  CHECK(html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(html_escape("盟公安局") == "盟公安局");
}
