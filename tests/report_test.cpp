// The attachment forms: which items go on Attachment 2 and 3 and with what
// cells, sheet names Excel accepts, the CSV and XLSX files as written, and
// `quanze report` end to end.
#include <doctest/doctest.h>

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "quanze/report.hpp"
#include "test_support.hpp"

using namespace quanze;
using testing::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kSample = std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv";

/// The sample list under the embedded baseline, sorted into the forms.
Report sample_report() {
  PolicyLoad load = load_baseline_policy();
  REQUIRE(load.policy);
  Table table;
  Diagnostics diags;
  REQUIRE(read_table(kSample, TableFormat::csv, table, diags));
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  return build_report(*load.policy, table, *classifier);
}

Report report_for(const std::string& policy_text, const Table& table) {
  PolicyLoad load = load_policy_text("test.qz", policy_text);
  REQUIRE(load.policy);
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, table, diags);
  REQUIRE(classifier);
  return build_report(*load.policy, table, *classifier);
}

std::vector<std::string> texts(const std::vector<FormCell>& cells) {
  std::vector<std::string> out;
  for (const FormCell& c : cells) out.push_back(c.text);
  return out;
}

const FormRow& row_of(const Form& form, const std::string& item) {
  for (const FormRow& row : form.rows)
    if (row.item == item) return row;
  FAIL("no row for " << item);
  throw;
}

/// An XLSX file read back as what it is: a zip of XML parts.
class XlsxFile {
 public:
  explicit XlsxFile(const std::string& path) {
    int err = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
    REQUIRE(zip_ != nullptr);
    strings_doc_.load_string(part("xl/sharedStrings.xml").c_str());
    for (pugi::xml_node si : strings_doc_.child("sst").children("si")) strings_.push_back(si.child_value("t"));
  }
  ~XlsxFile() {
    if (zip_) zip_close(zip_);
  }

  std::string part(const std::string& name) {
    zip_stat_t st;
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0) return {};
    zip_file_t* f = zip_fopen(zip_, name.c_str(), 0);
    REQUIRE(f != nullptr);
    std::string bytes(st.size, '\0');
    CHECK(zip_fread(f, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
    zip_fclose(f);
    return bytes;
  }

  std::vector<std::string> sheet_names() {
    pugi::xml_document doc;
    doc.load_string(part("xl/workbook.xml").c_str());
    std::vector<std::string> names;
    for (pugi::xml_node sheet : doc.child("workbook").child("sheets").children("sheet"))
      names.push_back(sheet.attribute("name").value());
    return names;
  }

  /// "s:text" for a string, "n:20" for a number, "" for a blank or absent
  /// cell. Sheet n (from 1) is xl/worksheets/sheetn.xml, as libxlsxwriter
  /// numbers them in workbook order.
  std::string cell(int sheet, const std::string& ref) {
    pugi::xml_document doc;
    doc.load_string(part("xl/worksheets/sheet" + std::to_string(sheet) + ".xml").c_str());
    pugi::xml_node c = doc.child("worksheet").child("sheetData").find_node([&](pugi::xml_node n) {
      return std::string(n.name()) == "c" && ref == n.attribute("r").value();
    });
    if (!c || !c.child("v")) return {};
    std::string v = c.child_value("v");
    if (std::string(c.attribute("t").value()) == "s") return "s:" + strings_.at(std::stoul(v));
    return "n:" + v;
  }

 private:
  zip_t* zip_ = nullptr;
  pugi::xml_document strings_doc_;
  std::vector<std::string> strings_;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

const std::string kAttachment2 = "附件2-取消和下放职权事项清单";
const std::string kAttachment3 = "附件3-保留职权事项及减环节减材料减时限清单";

}  // namespace

TEST_CASE("report: the sample under the baseline, Attachment 2") {
  Report report = sample_report();
  const Form& form = report.attachment2;
  CHECK(form.title == "附件2 取消和下放职权事项清单");
  std::vector<std::string> headers;
  for (const FormColumn& c : form.columns) headers.push_back(c.header);
  CHECK(headers == std::vector<std::string>{"事项名称", "权责清单事项", "内部管理事项", "取消和下放的依据或理由",
                                            "承接主体", "取消或下放后续措施", "备注"});
  // 4 cancelled + 19 delegated + 2 changed to filing (the classify summary of the sample)
  REQUIRE(form.rows.size() == 25);
  CHECK(form.rows.front().item == "FGW-001");
  CHECK(form.rows.front().department == "盟发展和改革委员会");
  CHECK(texts(form.rows.front().cells) ==
        std::vector<std::string>{"企业投资项目核准（盟级权限内）", "√", "",
                                 "盟市事项，委托下一级实施。依据：兴党办发电〔2022〕18号：应放尽放，通过委托实施方式下放；"
                                 "《中华人民共和国行政许可法》第二十四条",
                                 "旗县", "", "下放（委托实施）"});
  // Authorization fell back to entrustment: both reasons, every citation, the mode that holds.
  CHECK(texts(row_of(form, "NM-006").cells) ==
        std::vector<std::string>{"动物诊疗许可证核发", "√", "",
                                 "设定依据允许授权，以法定授权方式下放至下一级；设定依据最高为规章，规章不能授权，改为委托实施。"
                                 "依据：兴党办发电〔2022〕18号：通过法定授权方式下放；《中华人民共和国行政许可法》第二十三条；"
                                 "《中华人民共和国行政许可法》第二十三条、第二十四条",
                                 "旗县", "", "下放（委托实施）"});
  // A county item goes to the township level: the receiver is that level.
  CHECK(texts(row_of(form, "JT-005").cells)[4] == "苏木乡镇");
  CHECK(texts(row_of(form, "JT-003").cells)[6] == "下放（法定授权）");
  CHECK(texts(row_of(form, "FGW-002").cells)[6] == "下放（直接下放）");
  CHECK(texts(row_of(form, "FGW-004").cells) ==
        std::vector<std::string>{"盟级预算内投资项目资金申请报告审批", "", "√",
                                 "设定依据最高为规章（内部管理事项），可由本级直接调整下放。依据：兴党办发电〔2022〕18号：应放尽放",
                                 "旗县", "", "下放（直接下放）"});
  CHECK(texts(row_of(form, "FGW-003").cells) ==
        std::vector<std::string>{"粮食收购资格认定", "√", "",
                                 "设定依据最高为规范性文件，没有法律、法规或规章依据。依据：兴党办发电〔2022〕18号：没有法律法规依据的一律取消",
                                 "", "", "取消"});
  CHECK(texts(row_of(form, "SC-003").cells) ==
        std::vector<std::string>{"广告发布登记", "√", "",
                                 "低风险行政许可事项，审批改为备案。依据：兴党办发电〔2022〕18号：审批改为备案", "", "",
                                 "改为备案"});
}

TEST_CASE("report: the sample under the baseline, Attachment 3 and the items left out") {
  Report report = sample_report();
  const Form& form = report.attachment3;
  CHECK(form.title == "附件3 保留职权事项及减环节、减材料、减时限清单");
  std::vector<std::string> headers;
  for (const FormColumn& c : form.columns) headers.push_back(c.header);
  CHECK(headers == std::vector<std::string>{"事项名称", "事项类别", "办理环节", "申请材料", "法定时限（工作日）",
                                            "承诺时限（工作日）", "压缩时限（工作日）", "保留理由", "备注"});
  REQUIRE(form.rows.size() == 24);
  CHECK(form.rows.front().item == "GA-001");
  CHECK(texts(form.rows.front().cells) ==
        std::vector<std::string>{"爆破作业单位许可证（非营业性）核发", "权责清单事项", "6", "10", "20", "20", "0",
                                 "法律法规明确规定由盟市行使；涉及公共安全，属重大敏感事项", "keep.mandated、keep.security"});
  const FormRow& show = row_of(form, "WL-001");  // 20 statutory days, 3 promised
  CHECK(texts(show.cells) == std::vector<std::string>{"营业性演出审批", "权责清单事项", "4", "6", "20", "3", "17",
                                                      "涉及意识形态安全，属重大敏感事项", "keep.security"});
  CHECK(show.cells[2].number == 4.0);
  CHECK(show.cells[4].number == 20.0);
  CHECK(show.cells[6].number == 17.0);
  CHECK_FALSE(show.cells[0].number);
  // Kept because a requirement refused the change to filing: the note says which.
  CHECK(texts(row_of(form, "RS-002").cells) ==
        std::vector<std::string>{"劳务派遣经营许可", "权责清单事项", "4", "6", "20", "10", "10",
                                 "低风险行政许可事项，审批改为备案；设定依据为法律，法律设定的行政许可不能在本地改为备案，予以保留",
                                 "filing.low_risk、require.filing_not_statutory"});
  CHECK(texts(row_of(form, "NM-007").cells).back() == "default");

  // The conflict needs a person: on neither form.
  REQUIRE(report.left_out.size() == 1);
  CHECK(report.left_out[0].item == "SC-006");
  CHECK(report.left_out[0].row == 51);
  CHECK(report.left_out[0].status == Status::conflict);
  CHECK(report.departments.size() == 18);
  CHECK(report.departments.front() == "盟发展和改革委员会");
  CHECK(report.departments.back() == "科尔沁右翼前旗交通运输局");
}

TEST_CASE("report: sheets number their own rows, every department has one, even with nothing to report") {
  Report report = sample_report();
  std::vector<FormSheet> sheets = form_sheets(report.attachment2, report.departments);
  REQUIRE(sheets.size() == 19);
  CHECK(sheets[0].name == "全部");
  CHECK(sheets[0].title == "附件2 取消和下放职权事项清单");
  CHECK(sheets[0].columns[0].header == "序号");
  CHECK(sheets[0].columns[1].header == "实施部门");
  REQUIRE(sheets[0].rows.size() == 25);
  CHECK(texts(sheets[0].rows[24])[0] == "25");
  CHECK(sheets[0].rows[24][0].number == 25.0);
  CHECK(texts(sheets[0].rows[24])[1] == "科尔沁右翼前旗交通运输局");

  const FormSheet& transport = sheets[6];
  CHECK(transport.name == "盟交通运输局");
  CHECK(transport.title == "附件2 取消和下放职权事项清单（盟交通运输局）");
  CHECK(transport.columns[1].header == "事项名称");  // no department column on a department's own sheet
  REQUIRE(transport.rows.size() == 3);
  CHECK(texts(transport.rows[0])[0] == "1");
  CHECK(texts(transport.rows[0])[1] == "道路货物运输经营许可（除危险货物外）");
  CHECK(texts(transport.rows[2])[0] == "3");
  CHECK(texts(transport.rows[2])[1] == "出租汽车驾驶员从业资格注册");

  CHECK(sheets[2].name == "盟公安局");  // all three of its items are kept
  CHECK(sheets[2].rows.empty());
}

TEST_CASE("report: a column the list lacks gives empty cells, never a guessed value") {
  // No 事项类别, 办理环节, 申请材料 or 实施部门; a time limit that is not a number;
  // a category enum with its own labels; a receiver named by the rule.
  const std::string policy =
      "schema {\n"
      "  field id: text from \"编号\"\n"
      "  field level: enum ordered { county \"旗县\", league \"盟市\" } from \"行使层级\"\n"
      "  field category: enum { power \"权力事项\", internal \"内部事项\" } from \"类别\"\n"
      "  field promised_days: text from \"承诺天数\"\n"
      "}\n"
      "rule down \"下放\": when level > county then delegate to next level by entrustment receiver \"旗县人民政府\"\n"
      "  because \"可下放\"\n"
      "default keep because \"不下放\"\n";
  Table table = testing::make_table(
      {"编号", "事项名称", "行使层级", "类别", "法定时限", "承诺天数", "后续措施"},
      {{{"编号", "A"}, {"事项名称", "甲事项"}, {"行使层级", "盟市"}, {"类别", "内部事项"}, {"后续措施", "加强事中事后监管"}},
       {{"编号", "B"}, {"事项名称", "乙事项"}, {"行使层级", "旗县"}, {"类别", "权力事项"}, {"法定时限", "20"},
        {"承诺天数", "10个工作日"}},
       {{"编号", "C"}, {"事项名称", "丙事项"}, {"行使层级", "旗县"}, {"承诺天数", "5"}}});
  Report report = report_for(policy, table);
  REQUIRE(report.attachment2.rows.size() == 1);
  CHECK(texts(report.attachment2.rows[0].cells) ==
        std::vector<std::string>{"甲事项", "", "√", "可下放", "旗县人民政府", "加强事中事后监管", "下放（委托实施）"});
  REQUIRE(report.attachment3.rows.size() == 2);
  CHECK(texts(report.attachment3.rows[0].cells) ==
        std::vector<std::string>{"乙事项", "权力事项", "", "", "20", "10个工作日", "", "不下放", "default"});
  CHECK_FALSE(report.attachment3.rows[0].cells[5].number);
  CHECK(texts(report.attachment3.rows[1].cells) ==
        std::vector<std::string>{"丙事项", "", "", "", "", "5", "", "不下放", "default"});
  CHECK(report.departments.empty());
  CHECK(report.left_out.empty());
  std::vector<FormSheet> sheets = form_sheets(report.attachment3, report.departments);
  REQUIRE(sheets.size() == 1);  // no department column: only the combined sheet
  CHECK(sheets[0].name == "全部");
}

TEST_CASE("report: department names become sheet names Excel accepts") {
  const std::string long_name = "内蒙古自治区兴安盟科尔沁右翼前旗市场监督管理局检验检测中心第一分中心综合办公室";  // 39
  std::string astral;
  for (int i = 0; i < 20; ++i) astral += "𠀀";  // U+20000: two UTF-16 units each
  std::vector<std::string> names = sheet_names({"盟市场监督管理局[知识产权局]/检验检测中心", "a:b?c*d\\e", long_name,
                                                long_name, "", "'引号'", "History", "全部", "ABC", "abc", astral});
  CHECK(names == std::vector<std::string>{
                     "全部",
                     "盟市场监督管理局［知识产权局］／检验检测中心",
                     "a：b？c＊d＼e",
                     "内蒙古自治区兴安盟科尔沁右翼前旗市场监督管理局检验检测中心第一",  // 31 characters
                     "内蒙古自治区兴安盟科尔沁右翼前旗市场监督管理局检验检测 (2)",   // 27 + " (2)"
                     "（未填部门）",
                     "引号",
                     "History (2)",
                     "全部 (2)",
                     "ABC",
                     "abc (2)",
                     astral.substr(0, 15 * 4),  // 15 characters = 30 units
                 });
}

TEST_CASE("report: the CSV form is the combined sheet, UTF-8 with BOM, quoted as RFC 4180") {
  const std::string policy =
      "schema { field id: text from \"编号\"\n field name: text from \"名称\"\n"
      " field department: text from \"部门\" }\n"
      "default cancel because \"无依据，取消\"\n";
  Table table = testing::make_table({"编号", "名称", "部门"}, {{{"编号", "A"}, {"名称", "含,逗号\"引号\"的事项"}, {"部门", "盟甲局"}},
                                                                 {{"编号", "B"}, {"名称", "乙"}, {"部门", "盟乙局"}}});
  Report report = report_for(policy, table);
  std::ostringstream out;
  write_form_csv(report.attachment2, out);
  CHECK(out.str() ==
        "\xEF\xBB\xBF序号,实施部门,事项名称,权责清单事项,内部管理事项,取消和下放的依据或理由,承接主体,取消或下放后续措施,备注\n"
        "1,盟甲局,\"含,逗号\"\"引号\"\"的事项\",,,无依据，取消,,,取消\n"
        "2,盟乙局,乙,,,无依据，取消,,,取消\n");
  std::ostringstream no_bom;
  write_form_csv(report.attachment2, no_bom, Bom::omit);
  CHECK(no_bom.str() == out.str().substr(3));
  std::ostringstream empty;
  write_form_csv(report.attachment3, empty);
  CHECK(empty.str() ==
        "\xEF\xBB\xBF序号,实施部门,事项名称,事项类别,办理环节,申请材料,法定时限（工作日）,承诺时限（工作日）,"
        "压缩时限（工作日）,保留理由,备注\n");
}

TEST_CASE("report: the XLSX files hold the sheets, titles, bold headers and numbers, the same list gives the same bytes") {
  Report report = sample_report();
  TempDir dir;
  std::vector<std::string> written;
  std::string error;
  REQUIRE(write_report(report, dir.file("out"), ReportFormats::both, written, error));
  CHECK(written == std::vector<std::string>{dir.file("out/" + kAttachment2 + ".csv"), dir.file("out/" + kAttachment2 + ".xlsx"),
                                            dir.file("out/" + kAttachment3 + ".csv"), dir.file("out/" + kAttachment3 + ".xlsx")});
  CHECK(files_in(dir.file("out")) == std::vector<std::string>{kAttachment2 + ".csv", kAttachment2 + ".xlsx",
                                                              kAttachment3 + ".csv", kAttachment3 + ".xlsx"});

  XlsxFile a2(dir.file("out/" + kAttachment2 + ".xlsx"));
  std::vector<std::string> sheets = a2.sheet_names();
  REQUIRE(sheets.size() == 19);
  CHECK(sheets[0] == "全部");
  CHECK(sheets[1] == "盟发展和改革委员会");
  CHECK(sheets[18] == "科尔沁右翼前旗交通运输局");
  CHECK(a2.cell(1, "A1") == "s:附件2 取消和下放职权事项清单");
  CHECK(a2.cell(1, "A2") == "s:序号");
  CHECK(a2.cell(1, "B2") == "s:实施部门");
  CHECK(a2.cell(1, "F2") == "s:取消和下放的依据或理由");
  CHECK(a2.cell(1, "A3") == "n:1");
  CHECK(a2.cell(1, "B3") == "s:盟发展和改革委员会");
  CHECK(a2.cell(1, "C3") == "s:企业投资项目核准（盟级权限内）");
  CHECK(a2.cell(1, "D3") == "s:√");
  CHECK(a2.cell(1, "E3") == "");
  CHECK(a2.cell(1, "G3") == "s:旗县");
  CHECK(a2.cell(1, "A27") == "n:25");
  CHECK(a2.cell(7, "A1") == "s:附件2 取消和下放职权事项清单（盟交通运输局）");
  CHECK(a2.cell(7, "B2") == "s:事项名称");
  CHECK(a2.cell(7, "A5") == "n:3");
  CHECK(a2.cell(7, "B5") == "s:出租汽车驾驶员从业资格注册");
  CHECK(contains(a2.part("xl/styles.xml"), "<b/>"));  // the header format is bold
  CHECK(contains(a2.part("docProps/core.xml"), "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z"));

  XlsxFile a3(dir.file("out/" + kAttachment3 + ".xlsx"));
  CHECK(a3.cell(1, "A1") == "s:附件3 保留职权事项及减环节、减材料、减时限清单");
  CHECK(a3.cell(1, "C3") == "s:爆破作业单位许可证（非营业性）核发");
  CHECK(a3.cell(1, "G3") == "n:20");  // 法定时限 as a number
  // WL-001, the 18th kept item: 20 − 3 = 17 days saved.
  CHECK(a3.cell(1, "C20") == "s:营业性演出审批");
  CHECK(a3.cell(1, "I20") == "n:17");

  std::vector<std::string> again;
  REQUIRE(write_report(report, dir.file("again"), ReportFormats::both, again, error));
  for (std::size_t i = 0; i < written.size(); ++i) {
    CAPTURE(written[i]);
    CHECK(testing::slurp(written[i]) == testing::slurp(again[i]));
  }
}

TEST_CASE("report: a department name with characters Excel forbids still makes a valid workbook") {
  const std::string policy =
      "schema { field id: text from \"编号\"\n field department: text from \"部门\" }\ndefault keep because \"保留\"\n";
  Table table = testing::make_table({"编号", "部门"}, {{{"编号", "A"}, {"部门", "盟市场监督管理局[知识产权局]/检验检测中心"}},
                                                       {{"编号", "B"}, {"部门", ""}}});
  Report report = report_for(policy, table);
  TempDir dir;
  std::vector<std::string> written;
  std::string error;
  REQUIRE(write_report(report, dir.path.string(), ReportFormats::xlsx, written, error));
  CHECK(written.size() == 2);
  XlsxFile a3(dir.file(kAttachment3 + ".xlsx"));
  CHECK(a3.sheet_names() == std::vector<std::string>{"全部", "盟市场监督管理局［知识产权局］／检验检测中心", "（未填部门）"});
  CHECK(a3.cell(2, "A1") == "s:附件3 保留职权事项及减环节、减材料、减时限清单（盟市场监督管理局[知识产权局]/检验检测中心）");
  CHECK(a3.cell(3, "A1") == "s:附件3 保留职权事项及减环节、减材料、减时限清单（未填部门）");
  CHECK(a3.cell(3, "A3") == "n:1");
}

TEST_CASE("report: the command writes the forms and names the items left for a person") {
  TempDir dir;
  std::string out = dir.file("forms/2026");
  testing::Run r = testing::run_quanze("report -i tests/data/sample-league.csv --out-dir '" + out + "'");
  REQUIRE(r.code == 0);
  CHECK(r.out == "");
  CHECK(files_in(out) == std::vector<std::string>{"审计报告.html", kAttachment2 + ".csv", kAttachment2 + ".xlsx",
                                                  kAttachment3 + ".csv", kAttachment3 + ".xlsx"});
  CHECK(contains(testing::slurp(out + "/审计报告.html"), "<h2>四项成果</h2>"));
  CHECK(contains(r.err, "附件2：25 项，附件3：24 项\n"));
  CHECK(contains(r.err, "quanze: 1 item left out of both forms (冲突 1); a person must decide: SC-006（冲突）\n"));
  std::string csv = testing::slurp(out + "/" + kAttachment3 + ".csv");
  CHECK(contains(csv, "\n18,盟文化旅游体育局,营业性演出审批,权责清单事项,4,6,20,3,17,涉及意识形态安全，属重大敏感事项,keep.security\n"));

  std::string only_csv = dir.file("csv");
  testing::Run c = testing::run_quanze("report -i tests/data/sample-league.csv -d '" + only_csv + "' --format csv");
  REQUIRE(c.code == 0);
  CHECK(files_in(only_csv) == std::vector<std::string>{kAttachment2 + ".csv", kAttachment3 + ".csv"});
  CHECK(testing::slurp(only_csv + "/" + kAttachment3 + ".csv") == csv);
  REQUIRE(csv.starts_with("\xEF\xBB\xBF序号,"));

  std::string no_bom = dir.file("no-bom");
  testing::Run nb = testing::run_quanze("report -i tests/data/sample-league.csv -d '" + no_bom + "' --format csv --no-bom");
  REQUIRE(nb.code == 0);
  CHECK(testing::slurp(no_bom + "/" + kAttachment3 + ".csv") == csv.substr(3));  // the same but the mark
  CHECK(testing::slurp(no_bom + "/" + kAttachment2 + ".csv").starts_with("序号,"));

  std::string rules = dir.write("bad.qz", "rule r: when true thn keep\n");
  std::string failed = dir.file("failed");
  testing::Run bad = testing::run_quanze("report -r '" + rules + "' -i tests/data/sample-league.csv -d '" + failed + "'");
  CHECK(bad.code == 1);
  CHECK_FALSE(fs::exists(failed));
  CHECK(testing::run_quanze("report -i tests/data/sample-league.csv").code == 2);  // --out-dir is required
  CHECK(testing::run_quanze("report -i tests/data/sample-league.csv -d x --format ods").code == 2);

  std::string blocked = dir.write("not-a-dir", "");  // a file where the directory should be
  testing::Run refused = testing::run_quanze("report -i tests/data/sample-league.csv -d '" + blocked + "/sub'");
  CHECK(refused.code == 1);
  CHECK(contains(refused.err, "quanze: cannot create the directory " + blocked + "/sub: "));
}
