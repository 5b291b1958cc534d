// The one translation unit that instantiates PEGTL's parse<> over a whole
// rule file.
#include "syntax/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "diag/utf8.hpp"
#include "syntax/build_ast.hpp"
#include "syntax/control.hpp"
#include "syntax/keywords.hpp"
#include "syntax/lexical.hpp"
#include "syntax/parse_tree.hpp"

namespace quanze::syntax {
namespace {

namespace p = grammar::p;

/// Characters a token can start with (besides letters); any other is stray.
bool starts_a_token(char32_t c) {
  if (c < 0x80)
    return std::string_view("\"#(){}=<>!,.:-_|").find(static_cast<char>(c)) != std::string_view::npos ||
           (c >= '0' && c <= '9');
  // The full-width forms the grammar accepts for its ASCII punctuation.
  return std::u32string_view(U"“＂：，（）｛｝＝＞＜！．｜").find(c) != std::u32string_view::npos;
}

/// Full-width characters a Chinese keyboard types where ASCII is meant,
/// and that the grammar does not accept in their place: what to write.
const char* ascii_for(char32_t c) {
  switch (c) {
    case U'。': return "write . for a dot";
    case U'＃': return "write # for a comment";
    case U'－': return "write - for a minus";
    default: return nullptr;
  }
}

/// Trial parses a file's errors are compared by: enough for every hint a
/// person reads, few enough that a hostile file cannot make parsing slow.
constexpr std::size_t kMaxProbes = 32;

/// Byte offsets of the syntax errors of `text`, parsed silently.
std::vector<std::size_t> probe(const std::string& text, bool chinese_keywords) {
  SourceSet sources;
  FileId id = sources.add("", text);
  Diagnostics ignored;
  ErrorSink sink{sources, id, ignored};
  sink.probing = true;
  sink.chinese_keywords = chinese_keywords;
  p::memory_input in(text.data(), text.size(), "");
  try {
    [[maybe_unused]] auto root = p::parse_tree::parse<grammar::file, Node, selector, p::nothing, control>(in, sink);
  } catch (const p::parse_error&) {
  }
  return sink.offsets;
}

/// An expected-text of errors.hpp with each keyword, marked {en|zh}, in
/// `dialect`: a file written with 当 … 则 hears "expected 则 and the outcome".
std::string spell_expected(std::string_view text, Dialect dialect) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    std::string_view inner = close == std::string_view::npos ? "" : text.substr(i + 1, close - i - 1);
    std::size_t bar = inner.find('|');
    if (bar == std::string_view::npos || inner.find('{') != std::string_view::npos) {
      out += text[i++];
      continue;
    }
    out += dialect == Dialect::zh ? inner.substr(bar + 1) : inner.substr(0, bar);
    i = close + 1;
  }
  return out;
}

std::string reserved_meaning(std::string_view word) {
  const Keyword* k = find_keyword(word);
  if (!k || dialect_of(word) == Dialect::en) return {};
  return fmt::format(" (Chinese for {})", k->en);
}

}  // namespace

bool ErrorSink::split_helps(std::size_t begin, std::size_t end, const std::string& split) {
  std::string_view src = sources.file(file).text();
  if (!original) original = probe(std::string(src), chinese_keywords);
  probes += 2;
  std::string changed = std::string(src.substr(0, begin)) + split + std::string(src.substr(end));
  std::vector<std::size_t> now = probe(changed, chinese_keywords);
  std::ptrdiff_t delta = static_cast<std::ptrdiff_t>(split.size()) - static_cast<std::ptrdiff_t>(end - begin);
  // Errors are compared in order, the old ones moved to where the split
  // text puts them: the split helps when the first that differs comes later.
  for (std::size_t k = 0; k < now.size(); ++k) {
    if (k >= original->size()) return false;
    std::size_t was = (*original)[k];
    if (was >= end) was += delta;
    else if (was > begin) was = begin;
    if (now[k] != was) return now[k] > was;
  }
  return now.size() < original->size();
}

bool ErrorSink::keyword_boundary(std::size_t offset) {
  std::string_view src = sources.file(file).text();
  // The word found here, then the one just before it.
  std::vector<std::pair<std::size_t, std::size_t>> words;
  if (std::size_t end = word_end(src, offset); end != offset) words.emplace_back(offset, end);
  if (auto before = word_before(src, offset)) words.push_back(*before);
  for (auto [begin, end] : words) {
    std::string_view word = src.substr(begin, end - begin);
    if (find_keyword(word) || probes >= kMaxProbes) continue;
    std::string split = split_at_keywords(word);
    if (split.empty() || !split_helps(begin, end, split)) continue;
    std::string found = keywords_in(word);
    bool one = found.find(',') == std::string::npos;
    diags.error(code::keyword_boundary, sources,
                SourceRange{file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)},
                fmt::format("{} is read as one name, because a keyword counts only as a whole word; "
                            "to use {} as {}, separate {} with spaces: {}",
                            word, found, one ? "a keyword" : "keywords", one ? "it" : "them", split));
    return true;
  }
  return false;
}

void ErrorSink::expected(const ErrorText& text, std::size_t offset, bool name_expected) {
  ++count;
  if (probing) {
    offsets.push_back(offset);
    return;
  }
  std::string_view src = sources.file(file).text();
  const char* code = text.code;
  const std::string wanted = spell_expected(text.expected, dialect);
  if (code == code::syntax && offset < src.size() && keyword_boundary(offset)) return;
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
    message = fmt::format("this string is not closed: expected {}", wanted);
  } else if (offset >= src.size() || src.find_first_not_of(" \t\r\n", offset) == std::string_view::npos) {
    message = fmt::format("expected {}, found the end of the file", wanted);
  } else if (src[offset] == '\n' || src[offset] == '\r') {
    message = fmt::format("expected {}, found the end of the line", wanted);
  } else if (code != code::bad_escape && word_char_at(src, offset, len)) {
    end = word_end(src, offset);
    std::string_view word = src.substr(offset, end - offset);
    if (name_expected && is_reserved(word, chinese_keywords)) {
      code = code::reserved_word;
      message = fmt::format("{} is a reserved word{} and cannot be used as a name; expected {}", word,
                            reserved_meaning(word), wanted);
    } else {
      message = fmt::format("expected {}, found {}", wanted, word);
    }
  } else {
    end = offset;
    char32_t c = utf8::next(src, end);
    len = end - offset;
    std::string_view shown = src.substr(offset, len);
    if (code == code::bad_escape) {
      message = fmt::format("expected {}, found {}", wanted, shown);
    } else if (const char* ascii = ascii_for(c)) {
      code = code::bad_character;
      message = fmt::format("full-width {} (U+{:04X}) is not part of the language ({}); expected {}",
                            shown, static_cast<std::uint32_t>(c), ascii, wanted);
    } else if (c == U'”') {
      code = code::bad_character;
      message = fmt::format("” (U+201D) closes a string that was not opened: open it with “ or \"; expected {}",
                            wanted);
    } else if (!starts_a_token(c)) {
      code = code::bad_character;
      message = fmt::format("unexpected character {} (U+{:04X}); expected {}", shown,
                            static_cast<std::uint32_t>(c), wanted);
    } else {
      message = fmt::format("expected {}, found {}", wanted, shown);
    }
  }
  if (end == offset) end = offset + 1;
  diags.error(code, sources, SourceRange{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(end)},
              std::move(message));
}

namespace {

/// The parse tree while it is built, and where each finished declaration goes.
struct Declarations {
  DeclarationSink& sink;
  p::parse_tree::internal::state<Node>& tree;
};

/// After each declaration, hands its node to the AST builder and drops it
/// from the tree, so the tree never holds more than one declaration.
template <typename Rule>
struct build_declarations : p::nothing<Rule> {};

template <>
struct build_declarations<grammar::declaration> {
  template <typename ActionInput>
  static void apply(const ActionInput& /*unused*/, ErrorSink& /*unused*/, Declarations& d) {
    auto& children = d.tree.back()->children;
    d.sink.add(*children.back());
    children.pop_back();
  }
};

/// One reading of a file: with Chinese keywords or without.
struct Reading {
  ast::File file;
  Diagnostics diags;
};

Reading read(const SourceSet& sources, FileId id, bool chinese_keywords, Dialect dialect) {
  Reading out;
  out.file.id = id;
  const SourceFile& source = sources.file(id);
  std::string_view text = source.text();
  // A file of rules makes some 14 bytes of syntax tree per byte of text:
  // room for that in one block (untouched room costs no memory, only
  // address space: at most 64 MiB of it, past which the arena grows).
  out.file.arena = std::make_unique<ast::Arena>(std::clamp<std::size_t>(16 * text.size(), 4096, 64u << 20));
  ErrorSink sink{sources, id, out.diags};
  sink.chinese_keywords = chinese_keywords;
  if (chinese_keywords) sink.dialect = dialect;
  p::memory_input in(text.data(), text.size(), source.path());
  DeclarationSink declarations(sources, id, out.file);
  try {
    // parse_tree::parse, with the state at hand for build_declarations.
    p::parse_tree::internal::state<Node> tree;
    Declarations d{declarations, tree};
    bool parsed = p::parse<grammar::file, build_declarations,
                           p::parse_tree::internal::make_control<Node, selector, control>::type>(in, sink, d, tree);
    if (parsed) out.diags.append(declarations.diags);
    else {
      out.file = ast::File{};
      out.file.id = id;
    }
  } catch (const p::parse_error& e) {
    out.file = ast::File{};  // as if no tree had been built
    out.file.id = id;
    // Every must<> point reports before it throws and recovery catches it
    // per declaration; reaching here means a raise escaped recovery.
    if (sink.count == 0) {
      out.diags.error(code::syntax, sources, SourceRange{id, 0, 1}, std::string(e.message()));
    }
  }
  out.file.chinese_keywords = chinese_keywords;
  return out;
}

}  // namespace

ast::File parse_file(const SourceSet& sources, FileId id, Diagnostics& diags) {
  std::string_view text = sources.file(id).text();
  if (auto bad = utf8::first_invalid(text)) {
    auto at = static_cast<std::uint32_t>(*bad);
    diags.error(code::bad_utf8, sources, SourceRange{id, at, at + 1},
                fmt::format("byte 0x{:02X} is not UTF-8: save the rule file as UTF-8 (in Excel or WPS: "
                            "\"UTF-8\" encoding, not GBK/GB18030)",
                            static_cast<unsigned char>(text[*bad])));
    ast::File out;
    out.id = id;
    return out;
  }
  // Chinese keywords are read in every file, but the core language
  // (DESIGN.md part 4) has only the English ones, so a core program may
  // name a field 来源 or a member 是. Such a file does not read with Chinese
  // keywords; read it again without them. A file that uses a Chinese keyword
  // as a keyword does not read that way, so no file has two meanings. When
  // neither reading works, the errors are those read with Chinese keywords:
  // they include the name that is a keyword, if that is one of them.
  // The comments and the dialect are scanned once, for both readings.
  ast::File scanned;
  scan_comments_and_dialect(text, id, scanned);
  Reading chosen = read(sources, id, true, scanned.dialect);
  if (chosen.diags.has_errors()) {
    Reading core = read(sources, id, false, Dialect::en);
    if (!core.diags.has_errors()) chosen = std::move(core);
  }
  diags.append(chosen.diags);
  chosen.file.comments = std::move(scanned.comments);
  chosen.file.dialect = scanned.dialect;
  chosen.file.first_chinese_word = scanned.first_chinese_word;
  if (!chosen.file.chinese_keywords) chosen.file.dialect = Dialect::en;
  return std::move(chosen.file);
}

}  // namespace quanze::syntax
