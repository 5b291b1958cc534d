// Word-level questions about rule-file text, answered with the grammar's
// own rules: is this a letter, is this word reserved, where are the
// comments. For error messages and for tools that rewrite a file.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "ast/ast.hpp"

namespace quanze::syntax {

/// grammar::word_char's ASCII: letters, digits, _. English keywords are
/// whole words of these.
inline bool ascii_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Whether a word character (letter, digit, _) starts at `offset`; its
/// length in bytes goes to `length`.
bool word_char_at(std::string_view text, std::size_t offset, std::size_t& length);

/// End of the word that starts at `offset` (offset itself when none does).
std::size_t word_end(std::string_view text, std::size_t offset);

/// The word that ends where only spaces separate it from `offset`, as
/// [begin, end), if there is one.
std::optional<std::pair<std::size_t, std::size_t>> word_before(std::string_view text, std::size_t offset);

/// A reserved word of either dialect (`rule`, `规则`); of English only
/// when the file is read without Chinese keywords.
bool is_reserved(std::string_view word, bool chinese_keywords = true);

/// Fills out.comments with every comment of `text` (skipping strings) and
/// out.dialect with the dialect most of its keywords are written in.
void scan_comments_and_dialect(std::string_view text, FileId file, ast::File& out);

}  // namespace quanze::syntax
