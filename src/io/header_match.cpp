// Headers are typed by people with Chinese input methods: the same header
// arrives as （事项名称） or (事项名称), with a full-width space before it
// or a tab after it. Those differences are folded away before a header is
// compared with the schema's; the list keeps its exact text for display.
#include <fmt/format.h>

#include "diag/codes.hpp"
#include "diag/utf8.hpp"
#include "io/header_match.hpp"

namespace quanze {
namespace {

/// Characters that only pad a header: ASCII white space, the no-break and
/// ideographic spaces (folded to ' ' by then), zero-width space, and a
/// stray byte-order mark.
bool padding(std::string_view s, std::size_t at, std::size_t& length) {
  static constexpr std::string_view kMultiByte[] = {"\u200B", "\uFEFF"};
  unsigned char c = static_cast<unsigned char>(s[at]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return length = 1, true;
  for (std::string_view m : kMultiByte)
    if (s.substr(at, m.size()) == m) return length = m.size(), true;
  return false;
}

}  // namespace

HeaderRowTest::HeaderRowTest(const std::vector<std::string>& schema_headers) {
  for (const std::string& h : schema_headers)
    if (std::string key = header_key(h); !key.empty()) keys_.insert(std::move(key));
  need_ = std::min<std::size_t>(2, keys_.size());
}

bool HeaderRowTest::is_header(const std::vector<std::string_view>& cells) const {
  if (need_ == 0) return false;
  std::set<std::string> found;
  for (std::string_view cell : cells)
    if (std::string key = header_key(cell); keys_.count(key)) found.insert(std::move(key));
  return found.size() >= need_;
}

std::string header_key(std::string_view header) {
  std::string folded;
  folded.reserve(header.size());
  for (std::size_t i = 0; i < header.size();) {
    std::size_t start = i;
    char32_t c = utf8::next(header, i);
    if (c >= 0xFF01 && c <= 0xFF5E) utf8::append(c - 0xFEE0, folded);  // ＡＢＣ１２３（） → ABC123()
    else if (c == 0x3000 || c == 0xA0) folded += ' ';
    else folded.append(header.substr(start, i - start));  // as written, invalid bytes included
  }
  std::size_t begin = 0, end = folded.size(), n = 0;
  while (begin < end && padding(folded, begin, n)) begin += n;
  for (bool trimmed = true; trimmed && end > begin;) {
    trimmed = false;
    for (std::size_t back : {1, 3})  // the padding characters are 1 or 3 bytes long
      if (end - begin >= back && padding(folded, end - back, n) && n == back) {
        end -= back;
        trimmed = true;
        break;
      }
  }
  return folded.substr(begin, end - begin);
}

void trim_headers(std::vector<std::string>& headers) {
  for (std::string& h : headers) {
    std::size_t b = h.find_first_not_of(" \t"), e = h.find_last_not_of(" \t");
    h = b == std::string::npos ? std::string() : h.substr(b, e - b + 1);
  }
}

bool check_headers(const Table& table, std::uint32_t line, bool allow_empty, Diagnostics& diags) {
  std::vector<std::string> keys;
  keys.reserve(table.headers.size());
  for (const std::string& h : table.headers) keys.push_back(header_key(h));
  for (std::size_t c = 0; c < keys.size(); ++c) {
    std::string message;
    if (keys[c].empty() && !allow_empty)
      message = fmt::format("column {} has no header; every column needs a name", c + 1);
    for (std::size_t earlier = 0; earlier < c && message.empty() && !keys[c].empty(); ++earlier) {
      if (keys[earlier] != keys[c]) continue;
      const std::string &a = table.headers[earlier], &b = table.headers[c];
      message = a == b ? fmt::format("the header \"{}\" appears twice (columns {} and {}); rename one", b,
                                     earlier + 1, c + 1)
                       : fmt::format("the headers \"{}\" (column {}) and \"{}\" (column {}) are the same once "
                                     "spaces and full-width characters are folded; rename one",
                                     a, earlier + 1, b, c + 1);
    }
    if (!message.empty()) {
      diags.add({code::duplicate_header_column, Severity::error, table.source, line,
                 static_cast<std::uint32_t>(c + 1), message, "", 1});
      return false;
    }
  }
  return true;
}

}  // namespace quanze
