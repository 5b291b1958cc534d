// Reading a .qztest file: 【测试】, 【期望】 and 【共同】 blocks of 键：值 lines.
// The syntax is the least an analyst must learn — no quotes, no escapes —
// and either colon, ： or :, so the input method never gets in the way.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "analysis/test_text.hpp"
#include "diag/codes.hpp"
#include "diag/utf8.hpp"
#include "quanze/rule_tests.hpp"

namespace quanze {
namespace {

using analysis::trim;

enum class Section { none, common, test, expect };

struct Marker {
  std::string_view name;
  Section section;
};

constexpr Marker kMarkers[] = {{"测试", Section::test},   {"test", Section::test},     {"期望", Section::expect},
                               {"expect", Section::expect}, {"共同", Section::common}, {"common", Section::common}};

class Parser {
 public:
  Parser(RuleTestFile& out, Diagnostics& diags) : out_(out), diags_(diags), text_(out.sources.file(0).text()) {}

  void run() {
    std::size_t start = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    while (start <= text_.size()) {
      std::size_t end = text_.find('\n', start);
      if (end == std::string_view::npos) end = text_.size();
      line(start, end);
      start = end + 1;
    }
    close_test();
  }

 private:
  SourceRange range(std::size_t begin, std::size_t end) const {
    return {0, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  }
  void error(const char* code, std::size_t begin, std::size_t end, std::string message) {
    diags_.error(code, out_.sources, range(begin, end), std::move(message));
  }
  std::uint32_t line_of(const SourceRange& r) const { return out_.position(r).line; }

  void line(std::size_t begin, std::size_t end) {
    auto [b, e] = trim(text_, begin, end);
    if (b == e) return;
    std::string_view content = text_.substr(b, e - b);
    if (content.starts_with("#") || content.starts_with("＃")) return;
    if (content.starts_with("【") || content.starts_with("[")) return marker(b, e);
    entry(b, e);
  }

  void marker(std::size_t b, std::size_t e) {
    bool full = text_.substr(b).starts_with("【");
    std::string_view open = full ? "【" : "[", close = full ? "】" : "]";
    std::size_t name_begin = b + open.size();
    std::size_t name_end = text_.substr(0, e).find(close, name_begin);
    if (name_end == std::string_view::npos)
      return error(code::test_syntax, b, b + open.size(),
                   fmt::format("{} is not closed: write 【测试】, 【期望】 or 【共同】", open));
    auto [nb, ne] = trim(text_, name_begin, name_end);
    std::string_view name = text_.substr(nb, ne - nb);
    std::size_t after = name_end + close.size();
    auto [rb, re] = trim(text_, after, e);
    const Marker* marker = nullptr;
    for (const Marker& m : kMarkers)
      if (m.name == name) marker = &m;
    if (!marker)
      return error(code::test_syntax, b, after,
                   fmt::format("unknown section {}{}{}: expected 【测试】, 【期望】 or 【共同】", open, name, close));
    if (marker->section != Section::test && rb != re)
      return error(code::test_syntax, rb, re,
                   fmt::format("nothing may follow {}{}{} on its line: write each line as 键：值 below it", open,
                               name, close));
    switch (marker->section) {
      case Section::test: {
        close_test();
        RuleTest test;
        test.name = std::string(text_.substr(rb, re - rb));
        test.at = range(b, after);
        test.common = static_cast<int>(out_.commons.size()) - 1;
        out_.tests.push_back(std::move(test));
        section_ = Section::test;
        expect_at_.reset();
        break;
      }
      case Section::expect:
        if (section_ != Section::test && section_ != Section::expect)
          return error(code::test_syntax, b, after,
                       "【期望】 outside a test: write it after a 【测试】 and the item's cells");
        if (expect_at_)
          return error(code::test_syntax, b, after,
                       fmt::format("a second 【期望】 in this test (the first is on line {})", line_of(*expect_at_)));
        expect_at_ = range(b, after);
        section_ = Section::expect;
        break;
      case Section::common:
        close_test();
        out_.commons.emplace_back();
        section_ = Section::common;
        break;
      case Section::none: break;
    }
  }

  void entry(std::size_t b, std::size_t e) {
    std::size_t colon = e, colon_size = 0;
    for (std::string_view c : {std::string_view(":"), std::string_view("：")}) {
      std::size_t at = text_.substr(0, e).find(c, b);
      if (at != std::string_view::npos && at < colon) colon = at, colon_size = c.size();
    }
    if (colon == e)
      return error(code::test_syntax, b, e,
                   "expected a line 键：值, or 【测试】, 【期望】 or 【共同】: this line has no colon");
    auto [kb, ke] = trim(text_, b, colon);
    if (kb == ke)
      return error(code::test_syntax, colon, colon + colon_size,
                   "nothing before the colon: write the column's header (or what is expected), then the value");
    auto [vb, ve] = trim(text_, colon + colon_size, e);
    TestEntry entry{std::string(text_.substr(kb, ke - kb)), std::string(text_.substr(vb, ve - vb)), range(kb, ke),
                    range(vb, ve)};
    std::vector<TestEntry>* into = nullptr;
    switch (section_) {
      case Section::none:
        return error(code::test_syntax, kb, ke,
                     "键：值 before the first 【测试】: begin each test with 【测试】 and its name");
      case Section::common: into = &out_.commons.back(); break;
      case Section::test: into = &out_.tests.back().cells; break;
      case Section::expect: into = &out_.tests.back().expect; break;
    }
    for (const TestEntry& earlier : *into)
      if (earlier.key == entry.key)
        return error(code::test_duplicate, kb, ke,
                     fmt::format("{} is given twice here (first on line {})", entry.key,
                                 line_of(earlier.key_range)));
    into->push_back(std::move(entry));
  }

  /// A test must check something: a test without expectations always
  /// passes, which is worse than no test.
  void close_test() {
    if (section_ == Section::test || section_ == Section::expect) {
      const RuleTest& test = out_.tests.back();
      if (test.expect.empty())
        error(code::test_no_expectation, test.at.begin, test.at.end,
              "this test expects nothing: add 【期望】 and below it a line such as 处理结果：保留");
    }
    section_ = Section::none;
  }

  RuleTestFile& out_;
  Diagnostics& diags_;
  std::string_view text_;
  Section section_ = Section::none;
  std::optional<SourceRange> expect_at_;
};

}  // namespace

LineColumn RuleTestFile::position(const SourceRange& range) const { return sources.file(0).position(range.begin); }

bool parse_rule_tests(const std::string& path, std::string text, RuleTestFile& out, Diagnostics& diags) {
  out = RuleTestFile{};
  out.path = path;
  std::optional<std::size_t> bad = utf8::first_invalid(text);
  out.sources.add(path, std::move(text));
  if (bad) {
    // No source line: shown as UTF-8, the line would be mojibake.
    LineColumn at = out.sources.file(0).position(static_cast<std::uint32_t>(*bad));
    diags.add({code::test_not_utf8, Severity::error, path, at.line, at.column,
               "the test file is not UTF-8 (GBK?): save it as UTF-8, e.g. in Notepad or WPS with 另存为 and 编码 UTF-8",
               "", 1});
    return false;
  }
  Diagnostics found;
  Parser(out, found).run();
  analysis::append_in_file_order(found, diags);
  return !found.has_errors();
}

bool read_rule_tests(const std::string& path, RuleTestFile& out, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  if (in) buf << in.rdbuf();
  if (!in || in.bad()) {
    diags.add({code::test_unreadable, Severity::error, path, 0, 0,
               "cannot read the test file: " + std::string(std::strerror(errno)), "", 1});
    return false;
  }
  return parse_rule_tests(path, std::move(buf).str(), out, diags);
}

}  // namespace quanze
