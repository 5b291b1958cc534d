// The code blocks of the Markdown documents, for tests that run the
// documentation's examples.
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace quanze::testing {

struct Block {
  std::string lang;
  std::vector<std::string> words;  // after the language
  std::string text;
  int line = 0;  // of the opening fence
  std::string section;  // the "### QZxxxx" heading it sits under, if any

  bool has(const std::string& w) const {
    return std::find(words.begin(), words.end(), w) != words.end();
  }
  std::string value(const std::string& key) const {
    for (const std::string& w : words)
      if (w.rfind(key + "=", 0) == 0) return w.substr(key.size() + 1);
    return {};
  }
};

inline std::string read_doc(const std::string& name) {
  std::ifstream in(std::string(QUANZE_SOURCE_DIR) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<Block> code_blocks(const std::string& markdown) {
  std::vector<Block> out;
  std::istringstream in(markdown);
  std::string line, section;
  Block* open = nullptr;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (open) {
      if (line.rfind("```", 0) == 0) open = nullptr;
      else open->text += line + "\n";
      continue;
    }
    if (line.rfind("### QZ", 0) == 0) section = line.substr(4, 6);
    else if (line.rfind("## ", 0) == 0) section.clear();
    if (line.rfind("```", 0) != 0) continue;
    Block b;
    std::istringstream words(line.substr(3));
    words >> b.lang;
    for (std::string w; words >> w;) b.words.push_back(w);
    b.line = n;
    b.section = section;
    out.push_back(std::move(b));
    open = &out.back();
  }
  return out;
}

/// The schema a fragment of docs/language.md (a block without one) is
/// loaded after: every field the page's examples use.
inline const char* kLanguagePrelude = R"(schema {
  field id: text from "序号"
  field name: text from "事项名称"
  field department: text from "实施部门"
  field category: enum { power "权责清单事项", internal "内部管理事项" } from "事项类别"
  field power_type: enum { licence "行政许可", confirmation "行政确认", penalty "行政处罚", coercion "行政强制" } from "职权类型"
  field level: enum ordered { township "苏木乡镇", county "旗县", league "盟市", region "自治区" } from "行使层级"
  field risk: enum ordered { low "低", medium "中", high "高" } from "风险等级"
  field security: set { national "国家安全", public "公共安全", ecological "生态安全", ideological "意识形态安全" } from "涉及安全领域"
  field basis: basis from "设定依据"
  field mandated: bool from "法定层级"
  field authorizable: bool from "可授权"
  field volume: number from "办件量"
  field volume_3y: number from "近三年办件量" default 0
  field promised_days: number from "承诺时限"
  field statutory_days: number from "法定时限"
}
)";


/// The text of a ```qz block of docs/language.md as it is loaded: a
/// fragment after the prelude (a policy header still first).
inline std::string language_example(const std::string& text) {
  bool whole = text.find("schema") != std::string::npos || text.find("字段表") != std::string::npos;
  // A policy header must open its file, so it goes before the prelude.
  bool header = text.rfind("policy", 0) == 0 || text.rfind("政策", 0) == 0;
  return whole ? text : header ? text + kLanguagePrelude : kLanguagePrelude + text;
}

}  // namespace quanze::testing
