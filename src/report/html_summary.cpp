// The summary part of the HTML report, written as static markup: it reads
// without the script, and every name in it is escaped here.
#include "report/html_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "quanze/html_report.hpp"

namespace quanze {
namespace {

using Json = nlohmann::json;

struct Segment {
  const char* label;
  const char* css;  // class giving the colour, shared with the table
};

// The order bars are stacked in, and what they are called.
constexpr Segment kSegments[] = {{"取消", "cancel"}, {"下放", "delegate"}, {"改为备案", "filing"},
                                 {"保留", "keep"},   {"需人工处理", "other"}};

std::array<std::uint64_t, 5> segments_of(const Json& counts) {
  const Json& o = counts["outcomes"];
  std::uint64_t other = counts["conflict"].get<std::uint64_t>() + counts["undecided"].get<std::uint64_t>() +
                        counts["rejected"].get<std::uint64_t>() + counts["error"].get<std::uint64_t>();
  return {o["cancel"].get<std::uint64_t>(), o["delegate"].get<std::uint64_t>(), o["filing"].get<std::uint64_t>(),
          o["keep"].get<std::uint64_t>(), other};
}

std::string number(double d) { return fmt::format("{}", d); }

void counts_row(std::ostream& out, const std::string& name, const Json& c) {
  const Json& m = c["delegate_modes"];
  out << "<tr><th>" << html_escape(name) << "</th><td>" << c["items"].get<std::uint64_t>() << "</td>";
  for (const char* k : {"cancel", "delegate"}) out << "<td>" << c["outcomes"][k].get<std::uint64_t>() << "</td>";
  out << fmt::format("<td>{}</td><td>{}</td><td>{}</td>", m["authorization"].get<std::uint64_t>(),
                     m["entrustment"].get<std::uint64_t>(), m["direct"].get<std::uint64_t>());
  for (const char* k : {"filing", "keep"}) out << "<td>" << c["outcomes"][k].get<std::uint64_t>() << "</td>";
  for (const char* k : {"conflict", "undecided", "rejected", "error"}) out << "<td>" << c[k].get<std::uint64_t>() << "</td>";
  out << "<td>" << number(c["compressed_days"].get<double>()) << "</td></tr>\n";
}

/// Outcomes per department as stacked horizontal bars.
void department_chart(std::ostream& out, const Json& departments) {
  constexpr int kLabel = 230, kBar = 480, kRow = 22, kTop = 28;
  std::uint64_t most = 1;
  for (const Json& d : departments) most = std::max(most, d["items"].get<std::uint64_t>());
  int height = kTop + kRow * static_cast<int>(departments.size()) + 8;
  out << fmt::format("<svg class=\"chart\" role=\"img\" aria-label=\"各部门处理结果\" width=\"{}\" height=\"{}\" "
                     "viewBox=\"0 0 {} {}\">\n",
                     kLabel + kBar + 60, height, kLabel + kBar + 60, height);
  int x = kLabel;
  for (const Segment& s : kSegments) {  // legend
    out << fmt::format("<rect class=\"{}\" x=\"{}\" y=\"4\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"15\">{}</text>\n",
                       s.css, x, x + 16, s.label);
    x += 96;
  }
  int y = kTop;
  for (const Json& d : departments) {
    std::string name = html_escape(d["department"].get<std::string>());
    out << fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n", kLabel - 6, y + 15, name);
    double at = kLabel;
    auto parts = segments_of(d);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (!parts[i]) continue;
      double w = static_cast<double>(parts[i]) * kBar / static_cast<double>(most);
      out << fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"><title>{}：{} {}</title></rect>\n",
                         kSegments[i].css, at, y + 3, w, kRow - 6, name, kSegments[i].label, parts[i]);
      at += w;
    }
    out << fmt::format("<text x=\"{:.1f}\" y=\"{}\">{}</text>\n", at + 4, y + 15, d["items"].get<std::uint64_t>());
    y += kRow;
  }
  out << "</svg>\n";
}

/// For each rule: how many items it applied to, and of those how many it decided.
void rule_chart(std::ostream& out, const Json& rules) {
  constexpr int kLabel = 200, kBar = 480, kRow = 22, kTop = 28;
  std::uint64_t most = 1;
  for (const Json& r : rules) most = std::max(most, r["applied"].get<std::uint64_t>());
  int height = kTop + kRow * static_cast<int>(rules.size()) + 8;
  out << fmt::format("<svg class=\"chart\" role=\"img\" aria-label=\"规则命中\" width=\"{}\" height=\"{}\" "
                     "viewBox=\"0 0 {} {}\">\n",
                     kLabel + kBar + 140, height, kLabel + kBar + 140, height);
  out << fmt::format("<rect class=\"applied\" x=\"{}\" y=\"4\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"15\">适用</text>"
                     "<rect class=\"decided\" x=\"{}\" y=\"4\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"15\">决定</text>\n",
                     kLabel, kLabel + 16, kLabel + 80, kLabel + 96);
  int y = kTop;
  for (const Json& r : rules) {
    std::string id = html_escape(r["rule"].get<std::string>());
    auto applied = r["applied"].get<std::uint64_t>(), decided = r["decided"].get<std::uint64_t>();
    out << fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n", kLabel - 6, y + 15, id);
    double wa = static_cast<double>(applied) * kBar / static_cast<double>(most);
    double wd = static_cast<double>(decided) * kBar / static_cast<double>(most);
    out << fmt::format("<rect class=\"applied\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"><title>{}：适用 {}</title></rect>\n",
                       kLabel, y + 3, wa, kRow - 6, id, applied);
    out << fmt::format("<rect class=\"decided\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\"><title>{}：决定 {}</title></rect>\n",
                       kLabel, y + 3, wd, kRow - 6, id, decided);
    out << fmt::format("<text class=\"{}\" x=\"{:.1f}\" y=\"{}\">{}</text>\n", applied ? "" : "never", kLabel + wa + 4,
                       y + 15, applied ? fmt::format("{} / {}", decided, applied) : std::string("从未适用"));
    y += kRow;
  }
  out << "</svg>\n";
}

}  // namespace

void write_html_summary(std::ostream& out, const Policy& policy, const Manifest& manifest, const Summary& summary) {
  Json s = Json::parse(summary.to_json());
  out << "<header><h1>" << html_escape(policy.name().empty() ? "未命名政策" : std::string(policy.name()));
  if (!policy.version().empty()) out << " <small>" << html_escape(std::string(policy.version())) << "</small>";
  out << "</h1>\n<p>清单：" << html_escape(manifest.input.file) << "</p></header>\n";

  out << "<section id=\"summary\">\n<h2>四项成果</h2>\n<table class=\"counts\"><thead><tr><th></th><th>事项</th>"
         "<th>取消</th><th>下放</th><th>法定授权</th><th>委托实施</th><th>直接下放</th><th>改为备案</th><th>保留</th>"
         "<th>冲突</th><th>未决定</th><th>驳回</th><th>错误</th><th>压缩时限（工作日）</th></tr></thead><tbody>\n";
  counts_row(out, "合计", s);
  for (const Json& d : s["departments"]) counts_row(out, d["department"].get<std::string>(), d);
  out << "</tbody></table>\n<h3>各部门处理结果</h3>\n";
  department_chart(out, s["departments"]);

  out << "<h3>规则命中</h3>\n";
  rule_chart(out, s["rules"]);
  out << "<table class=\"counts\"><thead><tr><th>规则</th><th>标题</th><th>位置</th><th>适用</th><th>决定</th>"
         "<th>被推翻</th><th>优先级落选</th><th>冲突</th></tr></thead><tbody>\n";
  for (const Json& r : s["rules"]) {
    const RuleInfo* info = policy.find_rule(r["rule"].get<std::string>());
    bool never = r["never_applied"].get<bool>();
    out << "<tr" << (never ? " class=\"never\"" : "") << "><th>" << html_escape(r["rule"].get<std::string>())
        << "</th><td>" << html_escape(info ? info->title : "") << "</td><td>"
        << html_escape(info ? fmt::format("{}:{}", info->file, info->line) : "") << "</td>";
    for (const char* k : {"applied", "decided", "defeated", "outranked", "conflict"})
      out << "<td>" << r[k].get<std::uint64_t>() << "</td>";
    out << "</tr>\n";
  }
  out << fmt::format("<tr><th>default</th><td>兜底</td><td></td><td></td><td>{}</td><td></td><td></td><td></td></tr>\n",
                     s.value("default", 0));
  out << "</tbody></table>\n<table class=\"counts\"><thead><tr><th>依据要求</th><th>标题</th><th>检查</th><th>未满足</th>"
         "</tr></thead><tbody>\n";
  for (const Json& r : s["requirements"]) {
    const RuleInfo* info = policy.find_rule(r["rule"].get<std::string>());
    out << "<tr" << (r["never_fired"].get<bool>() ? " class=\"never\"" : "") << "><th>"
        << html_escape(r["rule"].get<std::string>()) << "</th><td>" << html_escape(info ? info->title : "") << "</td><td>"
        << r["checked"].get<std::uint64_t>() << "</td><td>" << r["fired"].get<std::uint64_t>() << "</td></tr>\n";
  }
  out << "</tbody></table>\n";

  out << "<details id=\"manifest\"><summary>复现信息（manifest）</summary><table class=\"manifest\">\n"
      << "<tr><th>引擎</th><td>" << html_escape(manifest.engine) << "</td></tr>\n<tr><th>命令</th><td><code>";
  for (std::size_t i = 0; i < manifest.command.size(); ++i)
    out << (i ? " " : "") << html_escape(manifest.command[i]);
  out << "</code></td></tr>\n";
  for (const FileDigest& d : manifest.rules)
    out << "<tr><th>规则文件</th><td>" << html_escape(d.file) << "<br><code>" << d.sha256 << "</code></td></tr>\n";
  out << "<tr><th>清单</th><td>" << html_escape(manifest.input.file) << "<br><code>" << manifest.input.sha256
      << "</code></td></tr>\n";
  if (!manifest.as_of.empty())
    out << "<tr><th>政策日期</th><td>" << html_escape(manifest.as_of) << "（按这一天有效的规则；复现时用 --as-of "
        << html_escape(manifest.as_of) << "）</td></tr>\n";
  out << "</table></details>\n</section>\n";
}

}  // namespace quanze
