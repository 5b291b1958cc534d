// The parser's control: turns a failed must<> into a diagnostic with the
// message of errors.hpp and what was found instead, recorded before the
// exception unwinds to the recovery point of the declaration.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "quanze/dialect.hpp"
#include "quanze/diagnostics.hpp"
#include "syntax/errors.hpp"

namespace quanze::syntax {

/// Where syntax errors go while one file is parsed.
struct ErrorSink {
  const SourceSet& sources;
  FileId file;
  Diagnostics& diags;
  std::size_t count = 0;
  std::size_t string_start = 0;  ///< offset of the last string's opening quote
  /// Read by grammar::zh_key: off for a file in the core language that uses
  /// Chinese keywords as names (see parse_file).
  bool chinese_keywords = true;
  /// The dialect most of the file's keywords are in: messages name the
  /// keywords they expect in it.
  Dialect dialect = Dialect::en;
  /// A trial parse (see keyword_boundary): only `offsets` are kept.
  bool probing = false;
  std::vector<std::size_t> offsets;  ///< where each error was found
  std::size_t probes = 0;            ///< trial parses run for this file
  std::optional<std::vector<std::size_t>> original;  ///< the file's own errors, once probed

  /// Reports at byte `offset`: "expected …, found …" (or the code's own
  /// wording for reserved words and stray characters).
  void expected(const ErrorText& text, std::size_t offset, bool name_expected);

 private:
  /// When a name at or just before `offset` holds a keyword (当层级,
  /// 苏木乡镇则保留) and splitting it lets the parse get further, reports
  /// QZ1008 with the split instead of the bare syntax error.
  bool keyword_boundary(std::size_t offset);
  bool split_helps(std::size_t begin, std::size_t end, const std::string& split);
};

template <typename Rule>
struct control : grammar::p::normal<Rule> {
  /// Remembers where a string starts: an unterminated one is reported at
  /// its opening quote, not where the line ran out.
  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, ErrorSink& sink, States&&... /*unused*/) {
    if constexpr (std::is_base_of_v<grammar::string, Rule>)
      sink.string_start = static_cast<std::size_t>(in.current() - in.begin());
  }

  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, ErrorSink& sink, States&&... /*unused*/) {
    static_assert(error_text<Rule>.expected != nullptr || never_fails<Rule>,
                  "a must<> point of the grammar has no message in errors.hpp");
    constexpr ErrorText text = error_text<Rule>.expected != nullptr
                                   ? error_text<Rule>
                                   : ErrorText{code::syntax, "something else"};
    sink.expected(text, in.current() - in.begin(), expects_name<Rule>);
    throw grammar::p::parse_error(text.expected, in);
  }
};

}  // namespace quanze::syntax
