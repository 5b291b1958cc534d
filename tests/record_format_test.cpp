// The string formatters of records (io/record_format.hpp) write the bytes
// the nlohmann-built JSON and the stream-based CSV wrote before them: each
// is held here to a reference, on hand-made records with every field kind
// and awkward text, and on every record of the sample list.
#include <doctest/doctest.h>

#include <ostream>
#include <sstream>

#include "io/csv_cell.hpp"
#include "io/csv_scan.hpp"
#include "io/json_string.hpp"
#include "io/record_format.hpp"
#include "io/record_json.hpp"
#include "quanze/output.hpp"
#include "test_support.hpp"

using namespace quanze;

namespace {

std::string reference_json(const DecisionRecord& r) {
  return record_object(r).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The CSV row as the stream-based writer wrote it before append_csv_record.
std::string reference_csv(const Row& row, const DecisionRecord& r, std::size_t columns) {
  auto joined = [](const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const std::string& s : items) {
      if (!out.empty()) out += sep;
      out += s;
    }
    return out;
  };
  auto result_cell = [](const DecisionRecord& r) {
    if (r.status == Status::decided && r.outcome) return std::string(outcome_label(*r.outcome));
    std::string out(status_label(r.status));
    if (r.status == Status::error && !r.error.empty()) out += "：" + r.error;
    return out;
  };
  std::ostringstream out;
  for (std::size_t c = 0; c < columns; ++c) {
    if (c < row.cells.size()) write_csv_cell(out, row.cells[c]);
    out << ',';
  }
  bool decided = r.status == Status::decided;
  write_csv_cell(out, result_cell(r));
  out << ',' << (decided && r.mode ? mode_label(*r.mode) : "") << ',';
  write_csv_cell(out, decided ? r.target.value_or("") : "");
  out << ',';
  write_csv_cell(out, decided ? r.receiver.value_or("") : "");
  out << ',';
  write_csv_cell(out, joined(r.rules, "、"));
  out << ',';
  write_csv_cell(out, joined(r.reasons, "；"));
  out << ',';
  write_csv_cell(out, joined(r.citations, "；"));
  out << '\n';
  return out.str();
}

void check_both(const Row& row, const DecisionRecord& r, std::size_t columns) {
  std::string json;
  append_json_record(json, r);
  CHECK(json == reference_json(r));
  CHECK(record_to_json(r) == reference_json(r));
  std::string csv;
  append_csv_record(csv, row, r, columns);
  CHECK(csv == reference_csv(row, r, columns));
}

// Text that needs every kind of escape, and bytes that are not UTF-8.
const std::vector<std::string> kAwkward = {
    "",
    "plain",
    "引号\"和\\反斜杠",
    "控制\b\f\n\r\t\x01\x1f\x7f字符",
    "逗号,与\r\n换行",
    std::string("nul\0byte", 8),
    "bad \xff byte",
    "cut \xe4\xb8",
    "overlong \xc0\xaf and surrogate \xed\xa0\x80",
    "\xf4\x90\x80\x80 above U+10FFFF",
    "\xf0\x9f\x98\x80 emoji",
    "\xe4\xb8\xad\xff\xe6\x96\x87",
};

DecisionRecord full(const std::string& text, Status status) {
  DecisionRecord r;
  r.item = text;
  r.name = text + "名";
  r.department = text;
  r.row = 18446744073709551615ull;
  r.status = status;
  r.outcome = Outcome::delegate;
  r.mode = Mode::authorization;
  r.target = text;
  r.receiver = "接收" + text;
  r.rules = {text, "rule.b"};
  r.defeated = {{text, "by"}, {"a", text}};
  r.outranked = {text};
  r.conflict = {{text, Outcome::cancel, Mode::direct, text, std::nullopt},
                {"k", Outcome::filing, std::nullopt, std::nullopt, text}};
  r.requirements = {{text, true, ""}, {"req", false, text}};
  r.reasons = {text, text};
  r.citations = {text};
  r.source = {{text, "rules/x.qz", 0}, {"r", text, 4294967295u}};
  r.evidence = {{text.empty() ? "k" : text, text}, {"basis.highest", std::nullopt}};
  r.error = text;
  r.problems = {{"QZ6002", 0, text, text, text}, {"", 7, "", "", ""}};
  r.as_of = "2025-06-30";
  return r;
}

}  // namespace

TEST_CASE("append_json_string writes nlohmann's bytes, replacement characters included") {
  for (const std::string& s : kAwkward) {
    std::string mine;
    append_json_string(mine, s);
    CHECK(mine == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  for (int c = 0; c < 256; ++c) {  // every single byte
    std::string s(1, static_cast<char>(c)), mine;
    append_json_string(mine, s);
    CHECK(mine == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

TEST_CASE("record formatting: every field kind and status, with awkward text") {
  Row row;
  row.cells = {"a", "b,c", "d\"e", "f\ng"};
  for (const std::string& text : kAwkward) {
    for (Status s : {Status::decided, Status::conflict, Status::undecided, Status::rejected, Status::error}) {
      CAPTURE(text);
      DecisionRecord r = full(text, s);
      check_both(row, r, 4);
      check_both(row, r, 6);  // more headers than cells
      check_both(row, r, 2);
      DecisionRecord bare;  // every optional absent, every list empty
      bare.status = s;
      bare.item = text;
      check_both(row, bare, 4);
      if (s == Status::decided) {
        r.outcome.reset();  // decided without an outcome: 处理结果 shows the status
        check_both(row, r, 4);
      }
    }
  }
}

TEST_CASE("record formatting: a key given twice in evidence is written as ordered_json writes it") {
  DecisionRecord r = full("x", Status::decided);
  r.evidence = {{"level", "盟市"}, {"risk", "低"}, {"level", std::nullopt}};
  std::string json;
  append_json_record(json, r);
  CHECK(json == reference_json(r));
}

TEST_CASE("record formatting: every record of the sample list, as classified") {
  quanze::testing::SampleList sample;
  for (const Row& row : sample.table.rows) {
    DecisionRecord r = sample.classifier->classify(row);
    CAPTURE(r.item);
    check_both(row, r, sample.table.headers.size());
  }
}

TEST_CASE("records: a record reused row after row holds what a fresh one holds") {
  // Forward and back, into two records in turn: lists grow and shrink from
  // row to row, and elements one record's list gives up go to the other's.
  quanze::testing::SampleList sample;
  const auto& rows = sample.table.rows;
  DecisionRecord reused[2];
  for (std::size_t k = 0; k < 2 * rows.size(); ++k) {
    const Row& row = rows[k < rows.size() ? k : 2 * rows.size() - 1 - k];
    DecisionRecord& r = reused[k % 2];
    sample.classifier->classify(row, r);
    CAPTURE(row.line);
    CHECK(record_to_json(r) == record_to_json(sample.classifier->classify(row)));
  }
}

TEST_CASE("csv scanning: a special byte is found wherever it falls, and only it") {
  // Every position within and across 8-byte words, after ASCII and after
  // multi-byte text, each special byte and the delimiter.
  const std::string fillers[] = {"abcdefghijklmnopqrstuvwxyz0123456789", "中文文本法律依据条例规定办法"};
  for (const std::string& filler : fillers) {
    for (char special : {',', '"', '\r', '\n', ';'}) {
      for (std::size_t at = 0; at < filler.size(); ++at) {
        std::string text = filler;
        text[at] = special;
        std::size_t with_comma = special == ';' ? text.size() : at, with_semicolon = special == ',' ? text.size() : at;
        CHECK(find_csv_special(text.data(), 0, text.size(), ',') == with_comma);
        CHECK(find_csv_special(text.data(), 0, text.size(), ';') == with_semicolon);
        CHECK(csv_cell_needs_quotes(text) == (special != ';'));
        if (at > 0) CHECK(find_csv_special(text.data(), at - 1, text.size(), ';') == with_semicolon);
      }
    }
    CHECK(find_csv_special(filler.data(), 0, filler.size(), ',') == filler.size());
    CHECK(find_csv_special(filler.data(), 5, 5, ',') == 5);
  }
}

TEST_CASE("csv scanning: every length of text, every start, every place of the first special byte") {
  // The search goes sixteen bytes a step and ends with one step that
  // overlaps bytes already seen: it must never look before `from`.
  for (std::size_t size = 0; size <= 40; ++size) {
    for (std::size_t from = 0; from <= size; ++from) {
      for (std::size_t at = 0; at <= size; ++at) {  // at == size: none
        std::string text(size, 'x');
        if (at < size) text[at] = '"';
        if (from > 0) text[from - 1] = ',';  // just before the start: not to be found
        std::size_t expected = at >= from && at < size ? at : size;
        CAPTURE(size);
        CAPTURE(from);
        CAPTURE(at);
        CHECK(find_csv_special(text.data(), from, size, ',') == expected);
      }
    }
  }
}

TEST_CASE("csv cells: whether a cell needs quotes, at every length and position") {
  // Lengths around the 16-byte steps and the overlapping last step; bytes
  // next to the special ones (+ and -, 0x0B, 0x0C) and high bytes never count.
  for (std::size_t size = 0; size <= 50; ++size) {
    std::string text(size, 'a');
    for (std::size_t i = 0; i < size; ++i) text[i] = "+-\x0B\x0C\xE4\xB8\xAD!#"[i % 9];
    CAPTURE(size);
    CHECK_FALSE(csv_cell_needs_quotes(text));
    for (std::size_t at = 0; at < size; ++at) {
      for (char special : {',', '"', '\r', '\n'}) {
        std::string with = text;
        with[at] = special;
        CAPTURE(at);
        CHECK(csv_cell_needs_quotes(with));
      }
    }
  }
}

TEST_CASE("csv cells: quotes doubled in a long cell, runs between them kept") {
  std::string out;
  append_csv_cell(out, "甲\"乙\"\"丙,丁\n");
  CHECK(out == "\"甲\"\"乙\"\"\"\"丙,丁\n\"");
  out.clear();
  append_csv_cell(out, "\"");
  CHECK(out == "\"\"\"\"");
  out.clear();
  append_csv_cell(out, "no quotes needed");
  CHECK(out == "no quotes needed");
}

TEST_CASE("append_json_string: every byte value at every position of a word, in ASCII and in CJK text") {
  // The escapes and the UTF-8 check look at eight bytes at a time: any byte
  // anywhere must still give nlohmann's bytes.
  const std::string fillers[] = {"abcdefghijklmnopqrstuvwx", "法律依据条例规定办法"};
  for (const std::string& filler : fillers) {
    for (int c = 0; c < 256; ++c) {
      for (std::size_t at = 0; at < filler.size(); ++at) {
        std::string s = filler, mine;
        s[at] = static_cast<char>(c);
        append_json_string(mine, s);
        CAPTURE(c);
        CAPTURE(at);
        CHECK(mine == nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      }
    }
  }
}

TEST_CASE("records without their trail write the same CSV, and list no defeated rule, source or position") {
  testing::SampleList sample;
  const std::size_t columns = sample.table.headers.size();
  std::size_t with_defeats = 0, with_sources = 0;
  for (const Row& row : sample.table.rows) {
    sample.classifier->set_trail(true);
    DecisionRecord full = sample.classifier->classify(row);
    sample.classifier->set_trail(false);
    DecisionRecord lean = sample.classifier->classify(row);
    CAPTURE(row.line);
    std::string full_csv, lean_csv;
    append_csv_record(full_csv, row, full, columns);
    append_csv_record(lean_csv, row, lean, columns);
    CHECK(lean_csv == full_csv);
    CHECK(lean.status == full.status);
    CHECK(lean.rules == full.rules);
    CHECK(lean.requirements.size() == full.requirements.size());
    CHECK(lean.evidence.size() == full.evidence.size());  // evidence is its own switch
    CHECK(lean.defeated.empty());
    CHECK(lean.outranked.empty());
    CHECK(lean.source.empty());
    CHECK(lean.rule_indexes.list == 0);  // a summary would count it by rule id, not by position
    with_defeats += !full.defeated.empty();
    with_sources += !full.source.empty();
  }
  CHECK(with_defeats > 0);  // the sample has items whose rules were overridden
  CHECK(with_sources > 0);
}
