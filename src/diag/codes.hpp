// Stable diagnostic codes. Each is documented, with an example and its fix,
// in docs/errors.md; tests assert them, so never renumber one.
#pragma once

namespace quanze::code {

// QZ1xxx: syntax (the parser)
inline constexpr const char* syntax = "QZ1001";              // expected X here
inline constexpr const char* unterminated_string = "QZ1002";
inline constexpr const char* bad_escape = "QZ1003";          // unknown \x escape in a string
inline constexpr const char* bad_character = "QZ1004";       // a character no token starts with
inline constexpr const char* reserved_word = "QZ1005";       // a reserved word used as a name
inline constexpr const char* bad_utf8 = "QZ1006";            // the file is not UTF-8
inline constexpr const char* bad_interpolation = "QZ1007";   // unclosed { or stray } in a string
inline constexpr const char* keyword_boundary = "QZ1008";    // a keyword run into a name: 当层级
inline constexpr const char* string_too_long = "QZ1009";     // a string literal over 64 KiB
inline constexpr const char* file_too_large = "QZ1010";      // a rule file over 16 MiB, a policy over 64 MiB
inline constexpr const char* name_too_long = "QZ1011";       // a name over 1024 bytes
inline constexpr const char* names_are_keywords = "QZ1012";  // fmt --lang zh on a file naming things 来源

// QZ2xxx: names
inline constexpr const char* unknown_field = "QZ2001";       // also unknown let
inline constexpr const char* unknown_member = "QZ2002";
inline constexpr const char* unknown_rule = "QZ2003";
inline constexpr const char* duplicate_rule = "QZ2004";
inline constexpr const char* duplicate_field = "QZ2005";     // also a let clashing with a field
inline constexpr const char* let_cycle = "QZ2006";
inline constexpr const char* unknown_attribute = "QZ2007";
inline constexpr const char* import_failed = "QZ2008";       // missing file or import cycle
inline constexpr const char* duplicate_member = "QZ2009";
inline constexpr const char* duplicate_header = "QZ2010";    // two policy headers disagree
inline constexpr const char* import_outside = "QZ2011";      // outside the root file's folder, not allowed
inline constexpr const char* too_many_imports = "QZ2012";    // nested too deep, or too many files

// QZ3xxx: types
inline constexpr const char* type_mismatch = "QZ3001";       // level > 3, name > 5
inline constexpr const char* unordered_compare = "QZ3002";   // < on an unordered enum
inline constexpr const char* next_not_ordered = "QZ3003";    // next on a non-ordered field
inline constexpr const char* in_on_set = "QZ3004";           // use has
inline constexpr const char* has_not_set = "QZ3005";
inline constexpr const char* not_boolean = "QZ3006";         // a condition that is not a test
inline constexpr const char* text_test_type = "QZ3007";      // contains/starts/ends on non-text
inline constexpr const char* bad_default = "QZ3008";         // default literal of the wrong type
inline constexpr const char* too_many_members = "QZ3009";    // a set over 64 members
inline constexpr const char* empty_test_type = "QZ3010";     // is empty on a literal
inline constexpr const char* bad_date = "QZ3011";            // effective/until not a YYYY-MM-DD day
inline constexpr const char* empty_window = "QZ3012";        // until before effective

// QZ4xxx: the policy as a whole
inline constexpr const char* override_cycle = "QZ4001";
inline constexpr const char* requirement_loop = "QZ4002";
inline constexpr const char* precedence_repeat = "QZ4003";   // a kind listed twice
inline constexpr const char* self_override = "QZ4004";
inline constexpr const char* duplicate_default = "QZ4005";
inline constexpr const char* reject_outside_require = "QZ4006";
inline constexpr const char* too_many_rules = "QZ4007";      // over 100,000 rules and requirements

// QZ5xxx: warnings (QZ5002 on: found by `check`'s analysis, with an example item)
inline constexpr const char* no_default = "QZ5001";          // items may be undecided
inline constexpr const char* possible_conflict = "QZ5002";
inline constexpr const char* gap = "QZ5003";                 // an item no rule decides, no default
inline constexpr const char* dead_rule = "QZ5004";           // a condition no item satisfies
inline constexpr const char* never_live = "QZ5005";          // applies only where an overrider applies
inline constexpr const char* unused_field = "QZ5006";
inline constexpr const char* unused_let = "QZ5007";
inline constexpr const char* requirement_never_applies = "QZ5008";
inline constexpr const char* analysis_incomplete = "QZ5009";

// QZ6xxx: input lists
inline constexpr const char* missing_header = "QZ6001";
inline constexpr const char* bad_enum_value = "QZ6002";
inline constexpr const char* bad_number = "QZ6003";
inline constexpr const char* bad_bool = "QZ6004";
inline constexpr const char* bad_set_value = "QZ6005";
inline constexpr const char* bad_csv = "QZ6006";             // quoting, ragged row
inline constexpr const char* bad_json = "QZ6007";
inline constexpr const char* bad_encoding = "QZ6008";       // bytes invalid in the list's encoding
inline constexpr const char* input_unreadable = "QZ6009";    // cannot open or read
inline constexpr const char* duplicate_header_column = "QZ6010";  // a column header twice, or empty
inline constexpr const char* bad_xlsx = "QZ6011";           // not a workbook, damaged, empty sheet, chart
inline constexpr const char* no_such_sheet = "QZ6012";      // --sheet names no sheet of the workbook
inline constexpr const char* input_too_large = "QZ6013";    // unpacks past the limit, or a zip bomb
inline constexpr const char* bad_sheet_cell = "QZ6014";     // an Excel error, a bad reference, no header
inline constexpr const char* jsonl_new_key = "QZ6015";      // warning: a JSON Lines key not in the first record

// QZ7xxx: evaluating one item
inline constexpr const char* next_at_lowest = "QZ7001";
inline constexpr const char* next_missing = "QZ7002";

// QZ8xxx: rule test files (.qztest)
inline constexpr const char* test_syntax = "QZ8001";            // not 键：值 nor a 【section】, or misplaced
inline constexpr const char* test_duplicate = "QZ8002";         // a column or expectation given twice
inline constexpr const char* test_unknown_column = "QZ8003";    // no header or field of the schema
inline constexpr const char* test_unknown_expectation = "QZ8004";
inline constexpr const char* test_bad_value = "QZ8005";         // an outcome, mode or status that is none
inline constexpr const char* test_unknown_rule = "QZ8006";      // expected rule or requirement not in the policy
inline constexpr const char* test_no_expectation = "QZ8007";    // a test that checks nothing
inline constexpr const char* test_not_utf8 = "QZ8008";
inline constexpr const char* test_unreadable = "QZ8009";

}  // namespace quanze::code
