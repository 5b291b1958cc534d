// The one translation unit that instantiates PEGTL's parse<>.
#include "syntax/parse.hpp"

#include <fmt/format.h>

#include <optional>

#include "diag/utf8.hpp"
#include "syntax/build_ast.hpp"
#include "syntax/control.hpp"
#include "syntax/parse_tree.hpp"

namespace quanze::syntax {
namespace {

namespace p = grammar::p;

bool is_word_char_at(std::string_view text, std::size_t offset, std::size_t& length) {
  p::memory_input in(text.data() + offset, text.size() - offset, "");
  if (!p::parse<grammar::word_char>(in)) return false;
  length = static_cast<std::size_t>(in.current() - in.begin());
  return true;
}

bool is_reserved(std::string_view word) {
  p::memory_input in(word.data(), word.size(), "");
  return p::parse<p::seq<grammar::reserved, p::eof>>(in);
}

/// ASCII that a token can start with; any other character is stray.
bool starts_a_token(char32_t c) {
  return c < 0x80 && (std::string_view("\"#(){}=<>!,.:-_").find(static_cast<char>(c)) != std::string_view::npos ||
                      (c >= '0' && c <= '9'));
}

/// Full-width punctuation a Chinese keyboard types where ASCII is meant.
const char* ascii_for(char32_t c) {
  switch (c) {
    case U'：': return ":";
    case U'（': return "(";
    case U'）': return ")";
    case U'，': return ",";
    case U'“': case U'”': case U'＂': return "\"";
    case U'＝': return "=";
    case U'＞': return ">";
    case U'＜': return "<";
    case U'｛': return "{";
    case U'｝': return "}";
    case U'！': return "!";
    case U'．': case U'。': return ".";
    default: return nullptr;
  }
}

}  // namespace

void ErrorSink::expected(const ErrorText& text, std::size_t offset, bool name_expected) {
  ++count;
  std::string_view src = sources.file(file).text();
  const char* code = text.code;
  std::string message;
  std::size_t end = offset;
  if (offset >= src.size()) {
    // Point at the end of the last line, not past the file's trailing blank lines.
    while (offset > 0 && std::string_view(" \t\r\n").find(src[offset - 1]) != std::string_view::npos) --offset;
  }
  std::size_t len = 0;
  if (code == code::unterminated_string) {
    offset = string_start;
    end = src.find_first_of("\r\n", offset);
    if (end == std::string_view::npos) end = src.size();
    message = fmt::format("this string is not closed: expected {}", text.expected);
  } else if (offset >= src.size() || src.find_first_not_of(" \t\r\n", offset) == std::string_view::npos) {
    message = fmt::format("expected {}, found the end of the file", text.expected);
  } else if (src[offset] == '\n' || src[offset] == '\r') {
    message = fmt::format("expected {}, found the end of the line", text.expected);
  } else if (code != code::bad_escape && is_word_char_at(src, offset, len)) {
    while (end < src.size() && is_word_char_at(src, end, len)) end += len;
    std::string_view word = src.substr(offset, end - offset);
    if (name_expected && is_reserved(word)) {
      code = code::reserved_word;
      message = fmt::format("{} is a reserved word and cannot be used as a name; expected {}", word,
                            text.expected);
    } else {
      message = fmt::format("expected {}, found {}", text.expected, word);
    }
  } else {
    end = offset;
    char32_t c = utf8::next(src, end);
    len = end - offset;
    std::string_view shown = src.substr(offset, len);
    if (code == code::bad_escape) {
      message = fmt::format("expected {}, found {}", text.expected, shown);
    } else if (const char* ascii = ascii_for(c)) {
      code = code::bad_character;
      message = fmt::format("full-width {} (U+{:04X}) is not part of the language: write {} here; expected {}",
                            shown, static_cast<std::uint32_t>(c), ascii, text.expected);
    } else if (!starts_a_token(c)) {
      code = code::bad_character;
      message = fmt::format("unexpected character {} (U+{:04X}); expected {}", shown,
                            static_cast<std::uint32_t>(c), text.expected);
    } else {
      message = fmt::format("expected {}, found {}", text.expected, shown);
    }
  }
  if (end == offset) end = offset + 1;
  diags.error(code, sources, SourceRange{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(end)},
              std::move(message));
}

ast::File parse_file(const SourceSet& sources, FileId id, Diagnostics& diags) {
  ast::File out;
  out.id = id;
  const SourceFile& source = sources.file(id);
  std::string_view text = source.text();
  if (auto bad = utf8::first_invalid(text)) {
    auto at = static_cast<std::uint32_t>(*bad);
    diags.error(code::bad_utf8, sources, SourceRange{id, at, at + 1},
                fmt::format("byte 0x{:02X} is not UTF-8: save the rule file as UTF-8 (in Excel or WPS: "
                            "\"UTF-8\" encoding, not GBK/GB18030)",
                            static_cast<unsigned char>(text[*bad])));
    return out;
  }
  ErrorSink sink{sources, id, diags};
  p::memory_input in(text.data(), text.size(), source.path());
  try {
    auto root = p::parse_tree::parse<grammar::file, Node, selector, p::nothing, control>(in, sink);
    if (root) build_ast(*root, sources, id, diags, out);
  } catch (const p::parse_error& e) {
    // Every must<> point reports before it throws and recovery catches it
    // per declaration; reaching here means a raise escaped recovery.
    if (sink.count == 0) {
      diags.error(code::syntax, sources, SourceRange{id, 0, 1}, std::string(e.message()));
    }
  }
  return out;
}

}  // namespace quanze::syntax
