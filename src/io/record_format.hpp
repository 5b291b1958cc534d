// One decision record formatted into a string: a JSON line or a CSV row.
// The writers use these, and so can a pipeline that formats records on
// several threads and writes the strings in order.
#pragma once

#include <cstddef>
#include <string>

#include "quanze/record.hpp"
#include "quanze/table.hpp"

namespace quanze {

/// Appends the record as one line of JSON, without the newline: the bytes
/// of record_to_json(record).
void append_json_record(std::string& out, const DecisionRecord& record);

/// Appends the CSV row of the record, newline included: the row's first
/// `columns` cells (the input's headers; missing cells empty), then 处理结果,
/// 下放方式, 承接层级, 承接主体, 依据规则, 理由, 引用依据, as the CSV writer
/// writes them.
void append_csv_record(std::string& out, const Row& row, const DecisionRecord& record, std::size_t columns);
/// append_csv_record in its two parts: the row's cells, each followed by a
/// comma; then the decision's columns and the newline, which depend on the
/// record alone.
void append_csv_cells(std::string& out, const Row& row, std::size_t columns);
void append_csv_decision(std::string& out, const DecisionRecord& record);

}  // namespace quanze
