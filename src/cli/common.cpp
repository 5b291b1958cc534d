#include "cli/common.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace quanze::cli {

namespace {
std::vector<std::string>& arguments() {
  static std::vector<std::string> args;
  return args;
}
}  // namespace

LoadOptions& policy_load_options() {
  static LoadOptions options;
  return options;
}

void set_command_line(int argc, char** argv) { arguments().assign(argv, argv + argc); }
const std::vector<std::string>& command_line() { return arguments(); }

Manifest session_manifest(const Session& session) {
  Manifest m = make_manifest(*session.policy, &session.table, command_line());
  m.as_of = session.as_of.to_string();
  return m;
}

std::string check_date(const std::string& text) {
  if (Date::parse(text)) return {};
  return "\"" + text + "\" is not a day: write YYYY-MM-DD, e.g. 2024-06-30";
}

void print_diagnostics(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.items()) std::cerr << render(d);
}

namespace {

std::shared_ptr<const Policy> load_rules(const std::vector<std::string>& rules) {
  PolicyLoad load = rules.empty() ? load_baseline_policy() : load_policy(rules, policy_load_options());
  print_diagnostics(load.diagnostics);
  return load.policy;
}

/// The policy's schema tells the XLSX reader which row is the header, and
/// the JSON Lines reader which columns a first record without them needs.
ReadOptions read_options(const InputOptions& input, const Policy& policy) {
  ReadOptions options;
  options.sheet = input.sheet;
  options.schema_headers = policy.field_headers();
  if (input.format == "csv") options.format = TableFormat::csv;
  else if (input.format == "tsv") options.format = TableFormat::tsv;
  else if (input.format == "json") options.format = TableFormat::json;
  else if (input.format == "jsonl") options.format = TableFormat::jsonl;
  else if (input.format == "xlsx") options.format = TableFormat::xlsx;
  if (input.encoding == "utf-8") options.encoding = TextEncoding::utf8;
  else if (input.encoding == "gb18030" || input.encoding == "gbk") options.encoding = TextEncoding::gb18030;
  else if (input.encoding == "utf-16") options.encoding = TextEncoding::utf16;
  return options;
}

bool load_list(const InputOptions& input, const Policy& policy, Table& out) {
  Diagnostics diags;
  bool ok = read_table(input.path, read_options(input, policy), out, diags);
  print_diagnostics(diags);
  return ok;
}

}  // namespace

void add_input_options(CLI::App& sub, InputOptions& input) {
  sub.add_option("-i,--input", input.path, "The list: XLSX, CSV, TSV, JSON array or JSON Lines; - for stdin")
      ->required()
      ->type_name("LIST");
  sub.add_option("--input-format", input.format,
                 "xlsx, csv, tsv, json or jsonl (default: from the file name; a .csv whose header line has "
                 "tabs and no commas is TSV)")
      ->check(CLI::IsMember({"xlsx", "csv", "tsv", "json", "jsonl"}));
  sub.add_option("--sheet", input.sheet,
                 "The XLSX sheet to read (default: the first visible one); its header row is the first "
                 "with two of the schema's headers, so a title above it is skipped")
      ->type_name("NAME");
  sub.add_option("--encoding", input.encoding,
                 "A CSV or TSV list's encoding: utf-8, gb18030 (gbk), utf-16 (default: a byte-order mark, "
                 "else UTF-8 if the bytes are UTF-8, else GB18030)")
      ->check(CLI::IsMember({"utf-8", "gb18030", "gbk", "utf-16"}));
}

bool open_session(const std::vector<std::string>& rules, const InputOptions& input, Session& out,
                  const std::string& as_of) {
  out.as_of = as_of.empty() ? Date::today() : Date::parse(as_of).value_or(Date::today());
  out.policy = load_rules(rules);
  if (!out.policy || !load_list(input, *out.policy, out.table)) return false;
  Diagnostics diags;
  out.classifier = Classifier::bind(out.policy, out.table, diags, out.as_of);
  print_diagnostics(diags);
  return out.classifier != nullptr;
}

bool open_stream_session(const std::vector<std::string>& rules, const InputOptions& input, StreamSession& out,
                         const std::string& as_of, std::size_t chunk_bytes, OutputFormat format) {
  out.as_of = as_of.empty() ? Date::today() : Date::parse(as_of).value_or(Date::today());
  out.policy = load_rules(rules);
  if (!out.policy) return false;
  StreamOptions options;
  options.read = read_options(input, *out.policy);
  const bool csv = format == OutputFormat::csv;
  options.hash = csv ? InputHash::none : InputHash::ahead;
  options.keep_records = csv;
  options.chunk_bytes = chunk_bytes;
  options.map_file = true;  // main() handles SIGBUS (install_output_signal_handlers)
  Diagnostics diags;
  out.stream = RowStream::open(input.path, options, diags);
  print_diagnostics(diags);
  if (!out.stream) return false;
  out.header.source = out.stream->source();
  out.header.sha256 = out.stream->sha256();
  out.header.headers = out.stream->headers();
  Diagnostics bind;
  bool bound = Classifier::bind(out.policy, out.header, bind, out.as_of) != nullptr;
  print_diagnostics(bind);
  return bound;
}

}  // namespace quanze::cli
