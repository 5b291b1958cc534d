// Legal-basis cells (设定依据): citations, their legal levels, and how each
// level was obtained (DESIGN.md part 2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quanze {

/// Legal levels, lowest first; the numeric order is the legal order.
enum class LegalLevel : std::uint8_t {
  none,              // 无
  normative,         // 规范性文件
  gov_rule,          // 规章
  local_regulation,  // 地方性法规
  admin_regulation,  // 行政法规
  law,               // 法律
};
inline constexpr int kLegalLevelCount = 6;

std::string_view level_id(LegalLevel level);     ///< "gov_rule"
std::string_view level_label(LegalLevel level);  ///< "规章"

/// One title in 《》 with what surrounds it. Views point into the cell.
struct Citation {
  std::string_view title;    ///< between 《 and 》
  std::string_view article;  ///< "第十二条" right after 》, or empty
  std::string_view stated;   ///< the 【…】 prefix naming a level, or empty
  LegalLevel level = LegalLevel::none;
  /// How the level was inferred when not stated: the suffix or prefix that
  /// decided ("办法", "条例", "关于", "法"), "place name" for a local
  /// regulation, or empty when nothing matched (normative by default).
  std::string_view inferred_from;
  std::string_view place;  ///< the place name that made a 条例 local
};

/// A parsed cell. `highest` is `none` when there is no citation.
struct LegalBasis {
  std::vector<Citation> citations;
  LegalLevel highest = LegalLevel::none;
  int highest_index = -1;  ///< the first citation with the highest level
};

/// Parses `cell` into `out`, reusing its storage. Every title in 《》 is a
/// citation; text around titles is kept in the cell for display only.
/// Without `articles` every citation's article is left empty: no rule reads
/// one, so decoding a row skips them, and an explanation, which shows
/// them, parses the cell again.
void parse_legal_basis(std::string_view cell, LegalBasis& out, bool articles = true);
/// The highest level of `cell`'s citations, and how many there are, as
/// parse_legal_basis finds them, without keeping the citations: for a
/// reader that reads neither their titles nor how their levels were known
/// (classify writing CSV), to which making them was a third of the cell's
/// work.
LegalLevel highest_level(std::string_view cell, std::size_t& citations);

/// The level a title (without 《》) has by inference, and what decided it.
LegalLevel infer_level(std::string_view title, std::string_view* inferred_from = nullptr,
                       std::string_view* place = nullptr);

/// The level named by a 【…】 label (法律, 行政法规, 地方性法规, 规章, 部门规章,
/// 地方政府规章, 规范性文件, 无), if it names one.
bool stated_level(std::string_view label, LegalLevel& out);

/// How the highest level was obtained, for explanations:
/// "规章 (inferred: 办法)", "地方性法规 (stated: 【地方性法规】)",
/// "地方性法规 (inferred: 条例, place name 兴安盟)", "无 (no citation)".
std::string describe_highest(const LegalBasis& basis);
/// The same written over `out`, whose storage is kept: evidence shows it
/// for every record.
void describe_highest(const LegalBasis& basis, std::string& out);

}  // namespace quanze
