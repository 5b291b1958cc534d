// JSON Lines read a piece at a time: the headers are fixed by the first
// record and the schema, a later key is warned about once, a broken line is
// a row error, and nothing depends on where the pieces are cut or how many
// threads classify.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "quanze/manifest.hpp"
#include "quanze/row_stream.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

using Schema = std::vector<std::vector<std::string>>;

struct Lines {
  std::vector<std::string> rows;    ///< "headers …", then "line cells [problem@column code]"
  std::vector<std::string> errors;  ///< summarize(diags)
};

/// The cells separated by |, empty ones included.
std::string every_cell(const RowCells& cells) {
  std::string out;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) out += '|';
    out += cells[c];
  }
  return out;
}

Lines read_lines(std::string_view bytes, std::size_t chunk, const Schema& schema = {}) {
  Lines out;
  Diagnostics diags;
  ReadOptions options;
  options.schema_headers = schema;
  auto stream = RowStream::open_json_lines(bytes, "list.jsonl", options, diags, chunk);
  if (!stream) {
    out.rows.push_back("(not opened)");
  } else {
    out.rows.push_back("headers " + joined(stream->headers(), "|"));
    RowBatch batch;
    while (stream->next(batch, diags))
      for (const Row& row : batch)
        out.rows.push_back(std::to_string(row.line) + " " + every_cell(row.cells) + " [" + row.problem + "@" +
                           std::to_string(row.problem_column) + row.problem_code + "]");
    if (stream->failed()) out.rows.push_back("(failed)");
  }
  out.errors = summarize(diags);
  return out;
}

const Schema kSchema = {{"序号"}, {"事项名称", "名称"}, {"行使层级", "层级", "级别"}, {"涉及安全领域"}};

}  // namespace

TEST_CASE("jsonl: headers are the first record's keys, then the schema's fields it lacks, pieces cut anywhere") {
  std::string text =
      "\xEF\xBB\xBF{\"序号\": \"A-1\", \"名称\": \"一\"}\r\n"
      "\r\n"
      "   \n"
      "{\"名称\": \"二\", \"序号\": 2, \"备注\": \"x\", \"层级\": \"盟市\"}\n"
      "{\"序号\": \"A-3\" \"名称\"}\r\n"
      "[1, 2]\n"
      "{\"序号\": \"A-5\", \"级别\": \"旗县\", \"备注\": \"y\", \"涉及\": [\"国家安全\", \"公共安全\"]}\n"
      "{\"序号\": \"A-6\", \"n\": 1e99999}\n"
      "{\"序号\": \"A-7\", \"层级\": \"盟市\", \"级别\": \"旗县\", \"涉及安全领域\": [\"国家安全\", 7, true]}\r\n"
      "{\"序号\": \"A-8\", \"级别\": \"旗县\", \"行使层级\": \"自治区\", \"名称\": 1.50}\n"
      "{\"序号\": null, \"x\": {\"a\": 1}, \"名称\": {\"b\": 2}}";
  std::vector<std::string> expected = {
      "headers 序号|名称|行使层级|涉及安全领域",
      "1 A-1|一|| [@0]",
      "4 2|二|盟市| [@0]",
      "5 ||| [not valid JSON: syntax error while parsing object - unexpected string literal; expected '}'@17QZ6007]",
      "6 ||| [record 6 is not an object {\"header\": value, …}@0QZ6007]",
      "7 A-5||旗县| [@0]",
      "8 ||| [not valid JSON: number overflow parsing '1e99999'@0QZ6007]",
      "9 A-7||盟市|国家安全、7、true [@0]",
      "10 A-8|1.5|自治区| [@0]",
      "11 ||| [the value of \"名称\" is a nested object; expected text, a number, true/false or a list of "
      "them@2QZ6007]"};
  std::vector<std::string> warnings = {
      "QZ6015 4:0 the key \"备注\" first appears on line 4, after the first record fixed the columns; its values "
      "are left out",
      "QZ6015 7:0 the key \"涉及\" first appears on line 7, after the first record fixed the columns; its values "
      "are left out",
      "QZ6015 11:0 the key \"x\" first appears on line 11, after the first record fixed the columns; its values "
      "are left out"};
  for (std::size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
    CAPTURE(chunk);
    Lines read = read_lines(text, chunk, kSchema);
    CHECK(joined(read.rows, "\n") == joined(expected, "\n"));
    CHECK(joined(read.errors, "\n") == joined(warnings, "\n"));
  }
}

TEST_CASE("jsonl: without a schema, only the first record's keys, and a first line that is no object gives none") {
  Lines read = read_lines("{\"b\": 1, \"a\": 2}\n{\"a\": 3, \"c\": 4}\n", 5);
  CHECK(read.rows == std::vector<std::string>{"headers b|a", "1 1|2 [@0]", "2 |3 [@0]"});
  CHECK(read.errors == std::vector<std::string>{"QZ6015 2:0 the key \"c\" first appears on line 2, after the first "
                                                "record fixed the columns; its values are left out"});
  read = read_lines("\n\"text\"\n{\"序号\": \"A-1\", \"名称\": \"一\"}\n", 3, kSchema);
  CHECK(read.rows == std::vector<std::string>{"headers 序号|事项名称|行使层级|涉及安全领域",
                                              "2 ||| [record 2 is not an object {\"header\": value, …}@0QZ6007]",
                                              "3 A-1|一|| [@0]"});
  CHECK(read.errors.empty());
  // An empty list: the schema's columns, no rows.
  CHECK(read_lines("", 4, kSchema).rows == std::vector<std::string>{"headers 序号|事项名称|行使层级|涉及安全领域"});
  CHECK(read_lines("\xEF\xBB\xBF\r\n \n", 1).rows == std::vector<std::string>{"headers "});
}

TEST_CASE("jsonl: headers the first record cannot have, and a line longer than the limit, stop reading") {
  Lines read = read_lines("\n{\"序号\": 1, \"（序号）\": 2, \"\u3000序号\": 3}\n", 7);
  CHECK(read.rows == std::vector<std::string>{"(not opened)"});
  CHECK(read.errors == std::vector<std::string>{"QZ6010 2:3 the headers \"序号\" (column 1) and \"\u3000序号\" "
                                                "(column 3) are the same once spaces and full-width characters "
                                                "are folded; rename one"});
  std::string wide = "{";
  for (std::size_t c = 0; c <= kMaxColumns; ++c) wide += "\"h" + std::to_string(c) + "\": 1" + (c < kMaxColumns ? ", " : "}\n");
  read = read_lines(wide, 1000);
  CHECK(read.rows == std::vector<std::string>{"(not opened)"});
  CHECK(read.errors == std::vector<std::string>{"QZ6007 1:1 the first record has 4097 keys; at most 4096 are read"});
  // The limit is checked when a line needs another piece.
  std::string text = "{\"a\": 1}\n{\"a\": \"" + std::string(kMaxRowBytes + 2 * kDefaultChunkBytes, 'x') + "\"}\n";
  read = read_lines(text, kDefaultChunkBytes);
  CHECK(read.rows == std::vector<std::string>{"headers a", "1 1 [@0]", "(failed)"});
  CHECK(read.errors == std::vector<std::string>{"QZ6007 2:1 line 2 is longer than 16 MiB"});
}

TEST_CASE("jsonl: a file streams with its hash known ahead, as read_table reads it, whatever its name") {
  TempDir dir;
  std::string bytes = "{\"序号\": \"A-1\", \"名称\": \"一\"}\n{\"序号\": \"A-2\", \"备注\": 1}\n\n";
  std::string path = dir.write("list.txt", bytes);
  Table whole;
  Diagnostics diags;
  ReadOptions read;
  read.format = TableFormat::jsonl;
  read.schema_headers = kSchema;
  REQUIRE(read_table(path, read, whole, diags));
  CHECK(whole.headers == std::vector<std::string>{"序号", "名称", "行使层级", "涉及安全领域"});
  REQUIRE(whole.rows.size() == 2);
  CHECK(whole.rows[1].cells == std::vector<std::string>{"A-2", "", "", ""});
  CHECK(whole.sha256 == sha256_hex(bytes));
  CHECK(summarize(diags) == std::vector<std::string>{"QZ6015 2:0 the key \"备注\" first appears on line 2, after "
                                                     "the first record fixed the columns; its values are left out"});
  for (std::size_t chunk : {1, 9, 1000}) {
    CAPTURE(chunk);
    StreamOptions options;
    options.read = read;
    options.chunk_bytes = chunk;
    options.hash = InputHash::ahead;
    Diagnostics stream_diags;
    auto stream = RowStream::open(path, options, stream_diags);
    REQUIRE(stream);
    CHECK(stream->sha256() == whole.sha256);  // before the first row
    CHECK(stream->size() == bytes.size());
    Table table;
    REQUIRE(stream->read_all(table, stream_diags));
    CHECK(stream->bytes_read() == bytes.size());
    CHECK(table.headers == whole.headers);
    REQUIRE(table.rows.size() == whole.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      CHECK(table.rows[r].cells == whole.rows[r].cells);
      CHECK(table.rows[r].line == whole.rows[r].line);
    }
    CHECK(summarize(stream_diags) == summarize(diags));
  }
  // Named .jsonl or .ndjson, it needs no --input-format.
  std::string named = dir.write("list.ndjson", bytes);
  Table by_name;
  Diagnostics name_diags;
  REQUIRE(read_table(named, ReadOptions{}, by_name, name_diags));
  CHECK(by_name.headers == std::vector<std::string>{"序号", "名称"});
}

namespace {

/// The sample list as JSON Lines, with what such lists hold: keys in
/// another order, a record without some keys, CRLF, blank lines, a key
/// the first record lacks, and lines that are not JSON.
std::string sample_as_jsonl() {
  Table sample;
  Diagnostics diags;
  REQUIRE(read_table(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", TableFormat::csv, sample,
                     diags));
  std::string out;
  for (int copy = 0; copy < 12; ++copy) {
    for (std::size_t r = 0; r < sample.rows.size(); ++r) {
      nlohmann::ordered_json record = nlohmann::ordered_json::object();
      const Row& row = sample.rows[r];
      bool reversed = r % 5 == 2, sparse = r % 7 == 3;
      for (std::size_t i = 0; i < sample.headers.size(); ++i) {
        std::size_t c = reversed ? sample.headers.size() - 1 - i : i;
        if (sparse && c > 10) continue;
        record[sample.headers[c]] = row.cells[c];
      }
      if (r % 11 == 4 && copy > 0) record["备注"] = "later key";
      out += record.dump() + (r % 3 == 1 ? "\r\n" : "\n");
      if (r % 13 == 6) out += "\n";
      if (r % 17 == 8) out += "{\"序号\": \"BROKEN-" + std::to_string(copy) + "\", }\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("jsonl: classify writes the same bytes, warnings and row errors for every --jobs") {
  TempDir dir;
  std::string list = dir.write("list.jsonl", sample_as_jsonl());
  for (const char* format : {"csv", "jsonl"}) {
    CAPTURE(format);
    std::string base = "classify --as-of 2025-06-30 -i '" + list + "' -f " + format + " --chunk-bytes 700 --jobs ";
    Run one = run_quanze(base + "1");
    CHECK(one.code == 1);  // the broken lines are row errors
    CHECK(one.out.size() > 10000);
    CHECK(one.err.find(list + ":62: warning[QZ6015]: the key \"备注\" first appears on line 62, after the first "
                              "record fixed the columns; its values are left out\n") != std::string::npos);
    CHECK(one.err.rfind(list + ":11:20: error[QZ6007]: item 11: not valid JSON: syntax error while parsing object key - "
                                 "unexpected '}'; expected string literal\n",
                        0) == 0);
    for (const char* jobs : {"2", "3"}) {
      CAPTURE(jobs);
      Run many = run_quanze(base + jobs);
      CHECK(many.code == one.code);
      std::string expected = one.out;
      std::string from = "\"--jobs\",\"1\"", to = std::string("\"--jobs\",\"") + jobs + "\"";
      if (auto at = expected.find(from); at != std::string::npos) expected.replace(at, from.size(), to);
      CHECK(many.out == expected);
      CHECK(many.err == one.err);
    }
  }
}
