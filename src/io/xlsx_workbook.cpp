// Finding one's way through an XLSX package: the package relationships name
// the workbook, the workbook's relationships name its sheets, shared
// strings and styles. Paths are resolved as the Open Packaging Conventions
// say, so workbooks written by Excel, WPS, LibreOffice and libraries that
// lay out their parts differently all read.
#include <fmt/format.h>

#include <cstdlib>
#include <map>

#include "io/xlsx.hpp"
#include "io/xml_elements.hpp"

namespace quanze::xlsx {
namespace {

struct Relationship {
  std::string type, target;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool load_part(ZipArchive& zip, const std::string& part, pugi::xml_document& doc, ZipFailure& failure) {
  std::string bytes;
  if (!zip.read(part, bytes, failure)) return false;
  pugi::xml_parse_result result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    failure = {false, fmt::format("{} is not well-formed XML: {}", part, result.description())};
    return false;
  }
  return true;
}

/// A relationship's target, relative to the folder of the part that owns
/// it unless it starts with '/'; "." and ".." resolved.
std::string resolve(const std::string& owner, const std::string& target) {
  std::string path = target.starts_with('/') ? target.substr(1) : owner.substr(0, owner.rfind('/') + 1) + target;
  std::vector<std::string> segments;
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

/// The relationships of `part` by id; none when it has no .rels part.
bool read_relationships(ZipArchive& zip, const std::string& part, std::map<std::string, Relationship>& out,
                        ZipFailure& failure) {
  std::size_t slash = part.rfind('/') + 1;  // 0 for a part at the root
  std::string rels = part.substr(0, slash) + "_rels/" + part.substr(slash) + ".rels";
  if (!zip.contains(rels)) return true;
  pugi::xml_document doc;
  if (!load_part(zip, rels, doc, failure)) return false;
  for (pugi::xml_node r : doc.document_element().children()) {
    if (!is_named(r, "Relationship") || std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    out[r.attribute("Id").value()] = {r.attribute("Type").value(), resolve(part, r.attribute("Target").value())};
  }
  return true;
}

/// The relationship id of a <sheet>: its r:id, whatever the prefix.
std::string relationship_id(const pugi::xml_node& sheet) {
  for (pugi::xml_attribute a : sheet.attributes()) {
    std::string_view name = a.name();
    if (name.find(':') != std::string_view::npos && name.substr(name.find(':') + 1) == "id") return a.value();
  }
  return {};
}

bool truthy(const char* value) {
  std::string_view v = value;
  return v == "1" || v == "true";
}

}  // namespace

bool open_workbook(ZipArchive& zip, Workbook& out, ZipFailure& failure) {
  std::map<std::string, Relationship> package;
  if (!read_relationships(zip, "", package, failure)) return false;
  std::string main = "xl/workbook.xml";
  for (const auto& [id, r] : package)
    if (ends_with(r.type, "/officeDocument")) main = r.target;
  if (!zip.contains(main)) {
    failure = {false, "not an XLSX workbook: the archive has no workbook part (xl/workbook.xml)"};
    return false;
  }
  pugi::xml_document doc;
  if (!load_part(zip, main, doc, failure)) return false;
  pugi::xml_node workbook = doc.document_element();
  if (!is_named(workbook, "workbook")) {
    failure = {false, fmt::format("not an XLSX workbook: its main part {} is a <{}>", main, workbook.name())};
    return false;
  }
  out.date1904 = truthy(child_named(workbook, "workbookPr").attribute("date1904").value());
  std::map<std::string, Relationship> parts;
  if (!read_relationships(zip, main, parts, failure)) return false;
  for (pugi::xml_node s : child_named(workbook, "sheets").children()) {
    if (!is_named(s, "sheet")) continue;
    Sheet sheet;
    sheet.name = s.attribute("name").value();
    std::string_view state = s.attribute("state").value();
    sheet.hidden = state == "hidden" || state == "veryHidden";
    auto r = parts.find(relationship_id(s));
    if (r != parts.end()) {
      sheet.part = r->second.target;
      sheet.chart = !ends_with(r->second.type, "/worksheet");
    }
    out.sheets.push_back(std::move(sheet));
  }
  for (const auto& [id, r] : parts) {
    if (ends_with(r.type, "/sharedStrings")) out.shared_strings_part = r.target;
    else if (ends_with(r.type, "/styles")) out.styles_part = r.target;
  }
  if (out.sheets.empty()) {
    failure = {false, "the workbook has no sheets"};
    return false;
  }
  return true;
}

bool read_styles(ZipArchive& zip, Workbook& book, ZipFailure& failure) {
  if (book.styles_part.empty() || !zip.contains(book.styles_part)) return true;
  pugi::xml_document doc;
  if (!load_part(zip, book.styles_part, doc, failure)) return false;
  pugi::xml_node sheet = doc.document_element();
  std::map<unsigned, std::string> codes;
  for (pugi::xml_node f : child_named(sheet, "numFmts").children())
    if (is_named(f, "numFmt")) codes[f.attribute("numFmtId").as_uint()] = f.attribute("formatCode").value();
  for (pugi::xml_node xf : child_named(sheet, "cellXfs").children()) {
    if (!is_named(xf, "xf")) continue;
    unsigned id = xf.attribute("numFmtId").as_uint();
    auto code = codes.find(id);
    book.styles.push_back(style_of_format(id, code == codes.end() ? nullptr : code->second.c_str()));
  }
  return true;
}

bool read_shared_strings(ZipArchive& zip, Workbook& book, ZipFailure& failure) {
  if (book.shared_strings_part.empty() || !zip.contains(book.shared_strings_part)) return true;
  ElementStream items("si", [&](const pugi::xml_node& si) {
    book.shared_strings.push_back(string_item(si));
    return true;
  });
  std::string error;
  bool ok = zip.stream(
      book.shared_strings_part, [&](std::string_view piece) { return items.feed(piece, error); }, failure);
  if (ok && error.empty()) items.finish(error);
  if (ok && !error.empty()) failure = {false, fmt::format("{} is {}", book.shared_strings_part, error)};
  return ok && error.empty();
}

std::string string_item(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (is_named(c, "t")) out += c.text().get();
    else if (is_named(c, "r")) out += child_named(c, "t").text().get();
    // <rPh>: phonetic guides above the text, not the text
  }
  return unescape(out);
}

}  // namespace quanze::xlsx
