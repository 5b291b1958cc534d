// Lists read a chunk at a time and classified on several threads: the rows,
// their numbers and problems, and the output bytes must not depend on where
// the chunks are cut or how many threads run.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <iconv.h>

#include <fcntl.h>
#include <unistd.h>

#include <regex>

#include "io/byte_input.hpp"
#include "io/record_cut.hpp"
#include "io/text_encoding.hpp"
#include "quanze/manifest.hpp"
#include "quanze/row_stream.hpp"
#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

/// A row as one comparable line: line, cells, problem and its column.
std::string described(const Row& row) {
  return std::to_string(row.line) + " " + joined(row.cells, "|") + " [" + row.problem + "@" +
         std::to_string(row.problem_column) + row.problem_code + "]";
}

/// How rows_of reads: next(); or next_unparsed() and for_each_row(),
/// batch after batch, each parsed before the next is read, as one job of
/// classify does (RowStream::set_parsed_in_order).
enum class Reading { whole_batches, parsed_in_order };

/// Every row, described.
std::vector<std::string> rows_of(std::string_view bytes, std::size_t chunk, TextOptions options = {},
                                 std::vector<std::string>* errors = nullptr,
                                 Reading reading = Reading::whole_batches) {
  Diagnostics diags;
  std::vector<std::string> out;
  auto stream = RowStream::open_text(bytes, "list.csv", options, diags, chunk);
  if (errors) *errors = summarize(diags);
  if (!stream) return {"(not opened)"};
  out.push_back("headers " + joined(stream->headers(), "|"));
  RowBatch batch;
  if (reading == Reading::parsed_in_order) {
    stream->set_parsed_in_order(true);
    while (stream->next_unparsed(batch, diags))
      stream->for_each_row(batch, [&](const Row& row) { out.push_back(described(row)); });
  } else {
    while (stream->next(batch, diags))
      for (const Row& row : batch)
        out.push_back(described(row));
  }
  if (errors) *errors = summarize(diags);
  if (stream->failed()) out.push_back("(failed)");
  return out;
}

/// `text` (UTF-8) converted by glibc's iconv.
std::string encode(const std::string& text, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(text.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(text.data());
  char* dst = out.data();
  std::size_t left = text.size(), room = out.size();
  REQUIRE(iconv(cd, &src, &left, &dst, &room) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - room);
  return out;
}

/// Runs a shell command line with quanze as $Q, from the source directory.
Run shell(const std::string& command) {
  return run_shell("Q='" + std::string(QUANZE_BINARY) + "' && (" + command + ")");
}

const std::string kSample = std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv";

/// The sample list many times over, with what real lists hold: quoted
/// cells with line breaks and commas, CRLF, blank lines, a ragged row, a
/// stray quote, a byte that is not UTF-8 — and an unterminated quote last.
std::string tricky_list() {
  std::string sample = slurp(kSample);
  std::string header = sample.substr(0, sample.find('\n') + 1);
  std::string body = sample.substr(header.size());
  std::string out = header;
  for (int copy = 0; copy < 40; ++copy) {
    std::string rows = body;
    // The name (second cell) of the first row of each copy: a quoted cell over three lines.
    std::size_t at = rows.find(',');
    rows.replace(at, rows.find(',', at + 1) - at + 1, ",\"第一行\r\n第二行, 有逗号\n第三行 \"\"引号\"\"\",");
    if (copy % 7 == 3) rows += "BAD-1,只有两格\n";
    if (copy % 9 == 4) rows += "BAD-2,事项\"名称,盟发展和改革委员会,a,b,c,d,e,f,g,h,i,j,k,l,m,n\r\n";
    if (copy % 11 == 5) rows += "BAD-3,\xFF\xFE坏字节,盟发展和改革委员会,a,b,c,d,e,f,g,h,i,j,k,l,m,n\n\n\r\n";
    out += rows;
  }
  out += "LAST,\"never closed\n";
  return out;
}

}  // namespace

TEST_CASE("streaming: CSV rows, lines and problems do not depend on where chunks are cut") {
  std::string text =
      "序号,名称\r\n"
      "1,\"一\r\n二\"\r\n"
      "\r\n"
      "2,\"x\"\"y\",3\n"
      "3,a\"b\n"
      "4,\xE4\xB8\n"
      "5,\"z\"w\n"
      "7,\"p\"q\"r\",s\r"
      "6,\"open\n7,8\n";
  std::vector<std::string> expected = {
      "headers 序号|名称",
      "2 1|一\r\n二 [@0]",
      "5 2|x\"y|3 [3 cells, but the header has 2@3]",
      "6 3|a\"b [a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")@2]",
      "7 4|\xEF\xBF\xBD [bytes 0xE4 0xB8 are not valid UTF-8; the cell cannot be read (is the list saved in another "
      "encoding? see --encoding)@2QZ6008]",
      "8 5|zw [text after the closing quote of a cell; a quoted cell must end at , or the line's end@2]",
      "9 7|pq\"r\"|s [text after the closing quote of a cell; a quoted cell must end at , or the line's end@2]",
      "10 6|open\n7,8\n [the quote opened on line 10 is never closed@2]"};
  // Said to be UTF-8: with one cut character in a few lines, detection
  // would call it GB18030, as it should.
  TextOptions utf8;
  utf8.encoding = TextEncoding::utf8;
  for (std::size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
    CAPTURE(chunk);
    CHECK(joined(rows_of(text, chunk, utf8), "\n") == joined(expected, "\n"));
    CHECK(joined(rows_of(text, chunk, utf8, nullptr, Reading::parsed_in_order), "\n") == joined(expected, "\n"));
  }
}

TEST_CASE("streaming: the reading thread cuts text after the last whole record, as the parser reads it") {
  auto cut = [](std::string_view text, std::size_t from = 0) {
    RecordCut c = last_record_end(text, from, ',');
    return std::to_string(c.end) + "/" + std::to_string(c.lines);
  };
  CHECK(cut("") == "0/0");
  CHECK(cut("a,b") == "0/0");                       // no line end yet
  CHECK(cut("a,b\nc,d") == "4/1");
  CHECK(cut("a,b\r\nc\n") == "7/2");
  CHECK(cut("a,b\r") == "0/0");                    // an LF may follow the CR
  CHECK(cut("a\rb\r\n") == "5/2");                // a lone CR ends a record
  CHECK(cut("\n\r\n\n") == "4/3");               // blank lines count
  CHECK(cut("1,\"x\ny\"\n2,\"z") == "8/2");      // inside quotes an LF is a line, not an end
  CHECK(cut("1,\"x\"\"\n\"\"\"\n") == "11/2");  // "" is a quote, the cell goes on
  CHECK(cut("1,\"x\"") == "0/0");                 // the quote may be the first of ""
  CHECK(cut("1,a\"b\n2,c\n") == "10/2");           // a quote inside a cell opens nothing
  CHECK(cut("\"a\"x\"b\n") == "7/1");              // nor does one after a closing quote
  CHECK(cut("x\n\"a\nb\"\n", 2) == "8/2");        // from a record's start
  CHECK(cut("1,\"never closed\n2,3\n") == "0/0");
}

TEST_CASE("streaming: batches cut by the reading thread parse to the same rows in any order") {
  std::string text = tricky_list();
  std::vector<std::string> expected = rows_of(text, 4096);
  for (std::size_t chunk : {std::size_t{3}, std::size_t{700}, std::size_t{4096}}) {
    CAPTURE(chunk);
    Diagnostics diags;
    auto stream = RowStream::open_text(text, "list.csv", {}, diags, chunk);
    REQUIRE(stream);
    std::vector<RowBatch> batches;
    for (RowBatch batch; stream->next_unparsed(batch, diags);) batches.push_back(std::move(batch));
    CHECK(batches.size() > 2);
    // Last to first, as workers may finish them; every other batch made
    // rows one at a time, as classify does.
    std::vector<std::vector<std::string>> described_rows(batches.size());
    for (std::size_t b = batches.size(); b-- > 0;) {
      if (b % 2 == 0) {
        stream->for_each_row(batches[b], [&](const Row& row) { described_rows[b].push_back(described(row)); });
        continue;
      }
      stream->parse(batches[b]);
      for (const Row& row : batches[b]) described_rows[b].push_back(described(row));
    }
    std::vector<std::string> got = {"headers " + joined(stream->headers(), "|")};
    for (const std::vector<std::string>& rows : described_rows) got.insert(got.end(), rows.begin(), rows.end());
    if (stream->failed()) got.push_back("(failed)");
    CHECK(joined(got, "\n") == joined(expected, "\n"));
  }
}

TEST_CASE("streaming: the text read while the encoding is detected is handed out in batches of about a piece") {
  // A file whose header is not ASCII: the decoder holds up to kDetectBytes
  // before it decides, so the first text the parser gets is many pieces.
  std::string text = "序号,事项名称\n";
  const std::size_t rows = 30000;
  for (std::size_t i = 0; i < rows; ++i) text += fmt::format("{:08},\"事项{:06}, \"\"盟市级\"\"\"\n", i, i);
  REQUIRE(text.size() > kDetectBytes);
  const std::size_t header_end = text.find('\n') + 1;
  const std::size_t row_bytes = text.find('\n', header_end) + 1 - header_end;  // one data row and its line end
  TempDir dir;
  const std::string path = dir.write("list.csv", text);
  StreamOptions options;
  options.chunk_bytes = 16 << 10;
  for (bool in_order : {true, false}) {
    CAPTURE(in_order);
    Diagnostics diags;
    auto stream = RowStream::open(path, options, diags);
    REQUIRE(stream);
    stream->set_parsed_in_order(in_order);
    std::size_t total = 0, largest = 0, batches = 0;
    std::uint64_t next_line = 2;
    for (RowBatch batch; stream->next_unparsed(batch, diags);) {
      std::size_t n = 0;
      stream->for_each_row(batch, [&](const Row& row) {
        CHECK(row.line == next_line++);
        CHECK(row.problem.empty());
        ++n;
      });
      total += n;
      largest = std::max(largest, n);
      ++batches;
    }
    CHECK_FALSE(stream->failed());
    CHECK(total == rows);
    // Two pieces at most, as the batches read after the encoding is known;
    // the first batch held all of the first megabyte before.
    CHECK(largest * row_bytes <= 2 * options.chunk_bytes + row_bytes);
    CHECK(batches >= text.size() / (2 * options.chunk_bytes));
  }
}

TEST_CASE("streaming: a long tricky list reads the same in chunks of any size, in UTF-8, GB18030 and UTF-16") {
  std::string utf8 = tricky_list();
  std::vector<std::string> whole = rows_of(utf8, utf8.size());
  REQUIRE(whole.size() > 1000);
  // With a byte-order mark, UTF-8 is known from the first piece on: each
  // is read into the text and checked where it lies (decode_in_place),
  // its cut characters and bad bytes among them.
  const std::string with_bom = "\xEF\xBB\xBF" + utf8;
  for (std::size_t chunk : {1, 2, 3, 7, 64, 1000, 4093}) {
    CAPTURE(chunk);
    CHECK(rows_of(utf8, chunk) == whole);
    CHECK(rows_of(utf8, chunk, {}, nullptr, Reading::parsed_in_order) == whole);
    CHECK(rows_of(with_bom, chunk) == whole);
    CHECK(rows_of(with_bom, chunk, {}, nullptr, Reading::parsed_in_order) == whole);
  }
  // The same rows without the byte that is not UTF-8 (iconv would refuse it).
  std::string clean = utf8;
  for (std::size_t at; (at = clean.find("\xFF\xFE")) != std::string::npos;) clean.erase(at, 2);
  std::vector<std::string> expected = rows_of(clean, clean.size());
  std::string gb = encode(clean, "GB18030");
  std::string utf16 = "\xFF\xFE" + encode(clean, "UTF-16LE");
  for (std::size_t chunk : {1, 5, 4096, 65536}) {
    CAPTURE(chunk);
    CHECK(rows_of(gb, chunk) == expected);
    CHECK(rows_of(utf16, chunk) == expected);
    CHECK(rows_of(gb, chunk, {}, nullptr, Reading::parsed_in_order) == expected);
  }
}

TEST_CASE("streaming: a file read in small chunks gives read_table's table") {
  TempDir dir;
  const std::string plain = dir.write("list.csv", tricky_list());
  Table whole;
  Diagnostics diags;
  REQUIRE(read_table(plain, TableFormat::csv, whole, diags));
  // Also with a byte-order mark: read into the text, checked in place.
  for (const std::string& path : {plain, dir.write("bom.csv", "\xEF\xBB\xBF" + tricky_list())})
  for (std::size_t chunk : {3, 100, 5000}) {
    CAPTURE(path);
    CAPTURE(chunk);
    Table same_file;
    REQUIRE(read_table(path, TableFormat::csv, same_file, diags));
    StreamOptions options;
    options.read.format = TableFormat::csv;
    options.chunk_bytes = chunk;
    options.hash = InputHash::ahead;
    auto stream = RowStream::open(path, options, diags);
    REQUIRE(stream);
    CHECK(stream->sha256() == same_file.sha256);  // known before the first row
    Table read;
    REQUIRE(stream->read_all(read, diags));
    CHECK(read.headers == whole.headers);
    REQUIRE(read.rows.size() == whole.rows.size());
    for (std::size_t r = 0; r < read.rows.size(); ++r) {
      CHECK(read.rows[r].cells == whole.rows[r].cells);
      CHECK(read.rows[r].line == whole.rows[r].line);
      CHECK(read.rows[r].problem == whole.rows[r].problem);
      CHECK(read.rows[r].problem_column == whole.rows[r].problem_column);
    }
  }
}

TEST_CASE("streaming: one job reads a mapped file in place: the rows, lines, problems and SHA-256 read(2) gives") {
  TempDir dir;
  const std::string tricky = tricky_list();
  // A last record without a line break, and one with a CRLF at the end.
  const std::string unended = tricky.substr(0, tricky.rfind("LAST,")) + "END,\"尾\r\n行\"";
  const std::vector<std::string> paths = {dir.write("list.csv", tricky), dir.write("bom.csv", "\xEF\xBB\xBF" + tricky),
                                          dir.write("unended.csv", unended), dir.write("crlf.csv", unended + "\r\n")};
  auto read = [](const std::string& path, std::size_t chunk, bool map, std::string& sha256) {
    Diagnostics diags;
    StreamOptions options;
    options.read.format = TableFormat::csv;
    options.chunk_bytes = chunk;
    options.map_file = map;
    auto stream = RowStream::open(path, options, diags);
    REQUIRE(stream);
    stream->set_parsed_in_order(true);
    std::vector<std::string> rows = {"headers " + joined(stream->headers(), "|")};
    RowBatch batch;
    while (stream->next_unparsed(batch, diags))
      stream->for_each_row(batch, [&](const Row& row) { rows.push_back(described(row)); });
    CHECK(!stream->failed());
    CHECK(stream->bytes_read() == *stream->size());
    sha256 = stream->sha256();
    return rows;
  };
  for (const std::string& path : paths) {
    std::string expected_sha, sha;
    const std::vector<std::string> expected = read(path, kDefaultChunkBytes, false, expected_sha);
    REQUIRE(expected.size() > 1000);
    CHECK(expected_sha == sha256_hex(slurp(path)));
    // Chunks that cut the quoted cells over three lines, the bad bytes and
    // the CRLFs everywhere; and a whole list in one.
    for (std::size_t chunk : {1, 7, 100, 4093, 65536, 1 << 20}) {
      CAPTURE(path);
      CAPTURE(chunk);
      CHECK(read(path, chunk, true, sha) == expected);
      CHECK(sha == expected_sha);
    }
  }
}

TEST_CASE("streaming: a record longer than the limit stops reading with an error, and so does a header too wide") {
  // The limit is checked when a record needs another chunk: a record is
  // refused once it holds more than kMaxRowBytes and is still not whole.
  std::string text = "a,b\n1,2\n3,\"" + std::string(kMaxRowBytes + 2 * kDefaultChunkBytes, 'x');
  std::vector<std::string> errors;
  std::vector<std::string> rows = rows_of(text, kDefaultChunkBytes, {}, &errors);
  CHECK(joined(rows, "\n") == "headers a|b\n2 1|2 [@0]\n(failed)");
  CHECK(joined(errors, "\n") == "QZ6006 3:1 the record starting on line 3 is longer than 16 MiB; is a quote never closed?");
  // Parsed in order, the record is handed back after each chunk, and refused the same.
  rows = rows_of(text, kDefaultChunkBytes, {}, &errors, Reading::parsed_in_order);
  CHECK(joined(rows, "\n") == "headers a|b\n2 1|2 [@0]\n(failed)");
  CHECK(joined(errors, "\n") == "QZ6006 3:1 the record starting on line 3 is longer than 16 MiB; is a quote never closed?");
  std::string wide;
  for (std::size_t c = 0; c <= kMaxColumns; ++c) wide += "h" + std::to_string(c) + (c < kMaxColumns ? "," : "\n");
  CHECK(rows_of(wide, 1000, {}, &errors) == std::vector<std::string>{"(not opened)"});
  CHECK(joined(errors, "\n") == "QZ6006 1:1 the header row has 4097 columns; at most 4096 are read");
  // A data row that wide keeps kMaxColumns cells and says how many it had.
  std::string row(kMaxColumns + 5, ',');
  Diagnostics diags;
  Table table;
  REQUIRE(read_csv("a,b\n" + row + "\n", table, diags));
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells.size() == kMaxColumns);
  CHECK(table.rows[0].problem == "4102 cells, but the header has 2");
  CHECK(table.rows[0].problem_column == 3);
}

TEST_CASE("streaming: classify writes the same bytes and summary for every --jobs") {
  TempDir dir;
  std::string tricky = dir.write("tricky.csv", tricky_list());
  // With a byte-order mark, several jobs leave the check of UTF-8 to the
  // workers; one job checks it as it reads.
  std::string tricky_bom = dir.write("tricky-bom.csv", "\xEF\xBB\xBF" + tricky_list());
  std::string gb = dir.write("tricky-gb.csv", encode(slurp(kSample), "GB18030"));
  for (const std::string& list : {kSample, tricky, tricky_bom, gb}) {
    for (const char* format : {"csv", "json", "jsonl"}) {
      CAPTURE(list);
      CAPTURE(format);
      // Small chunks, so that even the sample is many batches.
      std::string base = std::string("classify --as-of 2025-06-30 -i '") + list + "' -f " + format +
                         " --chunk-bytes 700 --jobs ";
      Run one = run_quanze(base + "1");
      CHECK(one.code == (list == tricky || list == tricky_bom ? 1 : 0));
      CHECK(one.out.size() > 1000);
      for (const char* jobs : {"2", "4", "7"}) {
        CAPTURE(jobs);
        Run many = run_quanze(base + jobs);
        CHECK(many.code == one.code);
        // The manifest names the command line, which differs in --jobs only.
        std::string expected = one.out, got = many.out;
        std::string from = "\"--jobs\",\"1\"", to = std::string("\"--jobs\",\"") + jobs + "\"";
        if (auto at = expected.find(from); at != std::string::npos) expected.replace(at, from.size(), to);
        CHECK(got == expected);
        CHECK(many.err == one.err);
      }
    }
  }
}

TEST_CASE("streaming: classify reads standard input and writes standard output, in any encoding") {
  TempDir dir;
  std::string sample = slurp(kSample);
  std::string gb = dir.write("gb.csv", encode(sample, "GB18030"));
  std::string utf16 = dir.write("utf16.csv", "\xFF\xFE" + encode(sample, "UTF-16LE"));
  Run file = run_quanze("classify --as-of 2025-06-30 -i tests/data/sample-league.csv -f csv -q");
  REQUIRE(file.code == 0);
  CHECK(file.err == "");
  // --quiet counts no summary and, for CSV, leaves out of the records what
  // only a summary reads: the bytes are those of a run that prints one.
  Run counted = run_quanze("classify --as-of 2025-06-30 -i tests/data/sample-league.csv -f csv");
  CHECK(counted.out == file.out);
  CHECK(counted.err.find("冲突") != std::string::npos);
  for (const std::string& list : {kSample, gb, utf16}) {
    CAPTURE(list);
    Run redirected = shell("$Q classify --as-of 2025-06-30 -i - -f csv -q --chunk-bytes 333 < '" + list + "'");
    CHECK(redirected.code == 0);
    CHECK(redirected.out == file.out);
    Run piped = shell("cat '" + list + "' | $Q classify --as-of 2025-06-30 -i - -f csv -q --jobs 3");
    CHECK(piped.code == 0);
    CHECK(piped.out == file.out);
  }
  // One job reads standard input redirected from a file in place, as the
  // file named, and leaves its offset at the end, as reading it would: a
  // command after it in the same shell reads nothing more. Standard input
  // part-read already is read on from where it stands.
  Run then = shell("{ $Q classify --as-of 2025-06-30 -i - -f csv -q --jobs 1 --chunk-bytes 333; echo then; cat; } < "
                   "tests/data/sample-league.csv");
  CHECK(then.code == 0);
  CHECK(then.out == file.out + "then\n");
  const std::string preamble = dir.write("preamble.csv", "skip this line\n" + sample);
  Run after = shell("{ read -r skip; $Q classify --as-of 2025-06-30 -i - -f csv -q --jobs 1 --chunk-bytes 333; } < '" +
                    preamble + "'");
  CHECK(after.code == 0);
  CHECK(after.out == file.out);
  // A pipe cannot be hashed before its rows are classified: the manifest
  // says so with null rather than a hash of nothing.
  Run piped = shell("cat tests/data/sample-league.csv | $Q classify -i - -f jsonl -q | head -n 1");
  CHECK(piped.out.find("\"input\":{\"file\":\"<stdin>\",\"sha256\":null}") != std::string::npos);
  Run redirected = shell("$Q classify -i - -f jsonl -q < tests/data/sample-league.csv | head -n 1");
  CHECK(redirected.out.find("\"sha256\":\"" + sha256_hex(sample) + "\"") != std::string::npos);
}

TEST_CASE("streaming: standard input redirected from a file is mapped when none of it was read, its offset moved on") {
  TempDir dir;
  const std::string text = "a,b\n1,2\n3,4\n";
  const int file = ::open(dir.write("list.csv", text).c_str(), O_RDONLY);
  REQUIRE(file >= 0);
  const int saved = ::dup(0);
  REQUIRE(::dup2(file, 0) == 0);
  std::string error;
  {
    auto in = ByteInput::open_file("-", error);
    REQUIRE(in);
    CHECK(in->whole(true) == text);
    in->read_up_to(8);
    CHECK(::lseek(0, 0, SEEK_CUR) == 0);  // moved when all is read, or when the input goes
  }
  CHECK(::lseek(0, 0, SEEK_CUR) == 8);
  {
    auto in = ByteInput::open_file("-", error);
    REQUIRE(in);
    CHECK(in->whole(true).data() == nullptr);  // part-read: read on with read(2)
    CHECK(in->size() == text.size() - 8);      // what is left of it
  }
  ::lseek(0, 0, SEEK_SET);
  {
    auto in = ByteInput::open_file("-", error);
    REQUIRE(in);
    CHECK(in->whole(false).data() == nullptr);  // not asked to map
    REQUIRE(in->whole(true) == text);
    in->read_up_to(text.size());
    CHECK(::lseek(0, 0, SEEK_CUR) == static_cast<off_t>(text.size()));
  }
  ::dup2(saved, 0);
  ::close(saved);
  ::close(file);
}

TEST_CASE("streaming: --max-errors still writes nothing, whatever --jobs") {
  TempDir dir;
  std::string tricky = dir.write("tricky.csv", tricky_list());
  for (const char* jobs : {"1", "3"}) {
    CAPTURE(jobs);
    Run r = run_quanze("classify -i '" + tricky + "' -f csv --max-errors 2 --chunk-bytes 500 --jobs " + jobs);
    CHECK(r.code == 1);
    CHECK(r.out == "");
    // BAD-1 ends copy 3 (3 × 52 lines + 51 + the header), BAD-2 copy 4.
    CHECK(r.err == "" + tricky + ":210:3: error[QZ6006]: item BAD-1: 2 cells, but the header has 17\n" + tricky +
                       ":263:2: error[QZ6006]: item BAD-2: a quote inside an unquoted cell; quote the whole cell "
                       "and double the quote (\"\")\n"
                       "quanze: stopped at row 263 after 2 rows with errors (--max-errors 2); nothing was written\n");
    std::string out = dir.file("out.csv");
    r = run_quanze("classify -i '" + tricky + "' -o '" + out + "' --max-errors 2 --jobs " + jobs);
    CHECK(r.code == 1);
    CHECK(!std::filesystem::exists(out));
  }
}


TEST_CASE("streaming: at a terminal a long run shows a progress line, redrawn in place, and none when piped or -q") {
  TempDir dir;
  std::string tricky = dir.write("tricky.csv", tricky_list());
  std::string out = dir.file("out.csv");
  // `script` (util-linux, in every Debian) gives quanze a terminal; the line
  // shows at once with --progress-after-ms 0, not after a second.
  std::string run = "$Q classify -i '" + tricky + "' -o '" + out + "' --chunk-bytes 500 --jobs 2 --progress-after-ms 0";
  Run tty = shell("script -qec \"" + run + "\" /dev/null");
  CHECK(tty.code == 1);  // quanze's (script -e): the list has rows in error
  std::smatch m;
  const std::regex line("\r([0-9]+) rows, [0-9]+ rows/s, ([0-9]+)%, ETA [0-9]+:[0-9]{2}, ([0-9]+) errors\x1b\\[K");
  std::vector<std::string> rows, shares, errors;
  for (auto it = std::sregex_iterator(tty.out.begin(), tty.out.end(), line); it != std::sregex_iterator(); ++it) {
    rows.push_back((*it)[1]);
    shares.push_back((*it)[2]);
    errors.push_back((*it)[3]);
  }
  REQUIRE(rows.size() >= 2);
  // The last line is the whole list, then the summary on a line of its own.
  Run plain = run_quanze("classify -i '" + tricky + "' -f csv --jobs 1");
  std::string summary = plain.err.substr(plain.err.find("共 "));
  std::string total = summary.substr(std::string("共 ").size(), summary.find(' ', 4) - 4);
  CHECK(rows.back() == total);
  CHECK(shares.back() == "100");
  CHECK(errors.back() == "15");  // as the summary counts them: 错误 15
  CHECK(summary.find("错误 15") != std::string::npos);
  CHECK(tty.out.find(errors.back() + " errors\x1b[K\r\n共 ") != std::string::npos);
  // Not at a terminal, or quiet: no progress line.
  CHECK(plain.err.find("rows/s") == std::string::npos);
  Run quiet = shell("script -qec \"" + run + " -q\" /dev/null");
  CHECK(quiet.out.find("rows/s") == std::string::npos);
}

namespace {

/// A CSV file's headers and rows as read_table gives them with a schema of
/// 序号 and 事项名称 (事项名称 also as 名称), read in chunks of `chunk` bytes.
std::vector<std::string> titled(const std::string& text, std::size_t chunk) {
  TempDir dir;
  std::string path = dir.write("list.csv", text);
  StreamOptions options;
  options.read.schema_headers = {{"序号"}, {"事项名称", "名称"}};
  options.chunk_bytes = chunk;
  Diagnostics diags;
  auto stream = RowStream::open(path, options, diags);
  if (!stream) return summarize(diags);
  std::vector<std::string> out = {"headers " + joined(stream->headers(), "|")};
  RowBatch batch;
  while (stream->next(batch, diags))
    for (const Row& row : batch) out.push_back(std::to_string(row.line) + " " + joined(row.cells, "|") + " [" + row.problem + "]");
  return out;
}

}  // namespace

TEST_CASE("streaming: a title above the CSV header row is skipped, as in XLSX, wherever the chunks are cut") {
  const std::string body = "1,甲,x\n2,乙,\"y\nz\"\n";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{1} << 20}) {
    CAPTURE(chunk);
    // A title, a blank line and a note; then the header row on line 4.
    CHECK(titled("兴安盟商务局权责清单\n\n\"制表：2023年1月\"\n序号,事项名称,备注\n" + body, chunk) ==
              std::vector<std::string>{"headers 序号|事项名称|备注", "5 1|甲|x []", "6 2|乙|y\nz []"});
    // Excel writes a merged title cell as a row of empty cells; an alias
    // and full-width spaces still name the schema.
    std::vector<std::string> got = titled("兴安盟商务局权责清单,,\n\n\n　序号,名称 ,备注\n" + body, chunk);
    CAPTURE(joined(got, "/"));
    CHECK(got == std::vector<std::string>{"headers 　序号|名称|备注", "5 1|甲|x []", "6 2|乙|y\nz []"});
  }
}

TEST_CASE("streaming: without a row naming the schema in the first 20, the first row is the header and none is lost") {
  std::string text = "编号,标题\n";
  for (int i = 1; i <= 25; ++i) text += std::to_string(i) + ",项" + std::to_string(i) + "\n";
  std::vector<std::string> rows = titled(text, 16);
  REQUIRE(rows.size() == 26);
  CHECK(rows[0] == "headers 编号|标题");
  CHECK(rows[1] == "2 1|项1 []");
  CHECK(rows[25] == "26 25|项25 []");
  // A header row on record 20 is found; on record 21 it is data, and the
  // width check still applies to the rows read while looking.
  std::string nineteen;
  for (int i = 1; i <= 19; ++i) nineteen += "说明" + std::to_string(i) + "\n";
  CHECK(titled(nineteen + "序号,事项名称\n1,甲\n", 5) ==
        std::vector<std::string>{"headers 序号|事项名称", "21 1|甲 []"});
  std::vector<std::string> late = titled(nineteen + "说明20\n序号,事项名称\n1,甲\n", 5);
  REQUIRE(late.size() == 22);
  CHECK(late[0] == "headers 说明1");
  CHECK(late[1] == "2 说明2 []");
  CHECK(late[20] == "21 序号|事项名称 [2 cells, but the header has 1]");
}

TEST_CASE("streaming: classify reads a CSV list under a title as it reads the list alone, rows numbered as in the file") {
  TempDir dir;
  std::string sample = slurp(kSample);
  std::string titled_list = dir.write("titled.csv", "\xEF\xBB\xBF兴安盟权责清单（2023年）,,,,\n\n" + sample);
  Run plain = run_quanze("classify --as-of 2025-06-30 -i tests/data/sample-league.csv -f jsonl -q");
  Run with_title = run_quanze("classify --as-of 2025-06-30 -i '" + titled_list + "' -f jsonl -q");
  REQUIRE(plain.code == 0);
  CHECK(with_title.code == 0);
  // Every record the same but its row, two lines further down; the
  // manifest names another file.
  auto records = [](const std::string& out, int shift) {
    std::vector<std::string> lines;
    std::istringstream in(out);
    std::string line;
    std::getline(in, line);  // the manifest
    while (std::getline(in, line)) {
      std::smatch m;
      REQUIRE(std::regex_search(line, m, std::regex("\"row\":([0-9]+)")));
      lines.push_back(m.prefix().str() + "\"row\":" + std::to_string(std::stoi(m[1]) - shift) + m.suffix().str());
    }
    return lines;
  };
  CHECK(records(with_title.out, 2) == records(plain.out, 0));
  CHECK(records(plain.out, 0).size() == 50);
}

TEST_CASE("streaming: read_text finds the header row under a title when told the schema's headers") {
  TextOptions options;
  options.schema_headers = {"序号", "事项名称", "名称"};
  Table table;
  Diagnostics diags;
  REQUIRE(read_text("权责清单\n序号,事项名称\n1,甲\n", options, table, diags));
  CHECK(table.headers == std::vector<std::string>{"序号", "事项名称"});
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].line == 3);
  // Without them the first record is the header, as it always was.
  REQUIRE(read_text("权责清单\n序号,事项名称\n1,甲\n", TextOptions{}, table, diags));
  CHECK(table.headers == std::vector<std::string>{"权责清单"});
  CHECK(table.rows.size() == 2);
}

TEST_CASE("streaming: CSV output echoes a comma-separated row as it was read, and writes any other row cell by cell") {
  TempDir dir;
  std::string sample = slurp(kSample);
  std::string header = sample.substr(0, sample.find('\n') + 1);
  const std::string quoted =
      "\"FGW-001\",\"企业投资项目核准（盟级权限内）\",盟发展和改革委员会,权责清单事项,行政许可,盟市,"
      "\"《企业投资项目核准和备案管理条例》第三条, 有逗号\r\n第二行 \"\"引号\"\"\",,否,否,中,120,350,5,8,20,15";
  const std::string ragged = "FGW-002,\"只有\",两格";
  std::string list = dir.write("echo.csv", header + quoted + "\r\n" + ragged + "\n");
  Run run = run_quanze("classify --as-of 2025-06-30 -q --no-bom -f csv -i '" + list + "'");
  CHECK(run.code == 1);
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; at < run.out.size(); at = end + 1) {
    end = run.out.find('\n', at);
    if (end == std::string::npos) end = run.out.size();
    lines.push_back(run.out.substr(at, end - at));
  }
  // The quoted cell's CRLF is part of the cell: the first record spans two lines.
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].starts_with("序号,事项名称,"));  // --no-bom
  CHECK(run_quanze("classify --as-of 2025-06-30 -q -f csv -i '" + list + "'").out.starts_with("\xEF\xBB\xBF序号,"));
  CHECK((lines[1] + "\n" + lines[2]).starts_with(quoted + ","));
  // Two cells where the header has seventeen: padded to the header's width,
  // and quoted only where a cell needs it.
  CHECK(lines[3].starts_with("FGW-002,只有,两格,,,,,,,,,,,,,,,\"错误：row 4: 3 cells, but the header has 17\","));

  // Tab-separated, the same rows are written as CSV cell by cell.
  std::string tsv_text = header + "FGW-001\t企业投资项目核准（盟级权限内）\t盟发展和改革委员会\t权责清单事项\t行政许可\t盟市\t"
                                  "《企业投资项目核准和备案管理条例》第三条\t\t否\t否\t中\t120\t350\t5\t8\t20\t15\n";
  for (char& c : tsv_text)
    if (c == ',') c = '\t';
  std::string tsv = dir.write("echo.tsv", tsv_text);
  Run tabs = run_quanze("classify --as-of 2025-06-30 -q --no-bom -f csv -i '" + tsv + "'");
  CHECK(tabs.code == 0);
  CHECK(tabs.out.find("\nFGW-001,企业投资项目核准（盟级权限内）,盟发展和改革委员会,权责清单事项,行政许可,盟市,"
                      "《企业投资项目核准和备案管理条例》第三条,,否,否,中,120,350,5,8,20,15,") != std::string::npos);
}
