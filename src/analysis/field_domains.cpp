#include "analysis/field_domains.hpp"

#include <algorithm>
#include <set>

#include "eval/interpolate.hpp"
#include "eval/row_decoder.hpp"

namespace quanze {
namespace {

/// What the policy's tests say about one field.
struct Mentions {
  std::set<double> numbers;          // compared against, or against .count
  std::set<std::string> texts;       // compared for equality or order
  std::set<std::string> needles;     // contains / starts with / ends with
  std::set<std::string> prefixes, suffixes;
  std::uint64_t members = 0;         // set members named by has
  bool against_field = false;        // compared with another field
};

std::string number_text(double d) {
  std::string out;
  append_number(d, out);
  return out;
}

class DomainBuilder {
 public:
  explicit DomainBuilder(const Program& p) : p_(p), mentions_(p.fields.size()) {
    for (const Node& n : p.nodes) note(n);
  }

  std::vector<FieldDomain> build() {
    std::vector<FieldDomain> out(p_.fields.size());
    for (std::size_t f = 0; f < p_.fields.size(); ++f) {
      std::vector<std::string> cells = candidates(f);
      FieldDomain& d = out[f];
      for (const std::string& cell : cells) {
        if (std::find(d.cells.begin(), d.cells.end(), cell) != d.cells.end()) continue;
        d.cells.push_back(cell);
        Value v;
        LegalBasis b;
        CellProblem problem;
        if (!decode_field(p_, f, d.cells.back(), v, b, problem)) {
          d.cells.pop_back();  // not a value of the field: a data error, not an item
          continue;
        }
        d.values.push_back(v);
        d.bases.push_back(std::move(b));
      }
    }
    return out;
  }

 private:
  void note(const Node& n) {
    const Operand* field = nullptr;
    const Operand* other = nullptr;
    for (auto [a, b] : {std::pair{&n.a, &n.b}, std::pair{&n.b, &n.a}})
      if (a->source == Operand::Source::field || a->source == Operand::Source::count) field = a, other = b;
    if (!field) return;
    Mentions& m = mentions_[field->index];
    bool count = field->source == Operand::Source::count;
    auto constant = [&](std::uint32_t i) -> const Value& { return p_.constants[i]; };
    switch (n.kind) {
      case NodeKind::compare:
        if (other->source == Operand::Source::constant) add(m, field->type, constant(other->index), count);
        else if (other->source == Operand::Source::field || other->source == Operand::Source::count) m.against_field = true;
        break;
      case NodeKind::in:
        for (std::uint32_t i = 0; i < n.list_count; ++i) add(m, field->type, constant(n.list_begin + i), count);
        break;
      case NodeKind::has_all:
      case NodeKind::has_any: m.members |= n.mask; break;
      case NodeKind::contains: m.needles.insert(std::string(constant(n.list_begin).text)); break;
      case NodeKind::starts: m.prefixes.insert(std::string(constant(n.list_begin).text)); break;
      case NodeKind::ends: m.suffixes.insert(std::string(constant(n.list_begin).text)); break;
      default: break;
    }
  }

  void add(Mentions& m, ValueType type, const Value& v, bool count) {
    if (count || type.kind == ValueKind::number) m.numbers.insert(v.number);
    else if (type.kind == ValueKind::text) m.texts.insert(std::string(v.text));
  }

  /// Numbers on each side of every constant and between neighbours.
  static std::vector<double> number_points(const Mentions& m) {
    std::set<double> points = {0, 1, 2};
    std::vector<double> c(m.numbers.begin(), m.numbers.end());
    for (std::size_t i = 0; i < c.size(); ++i) {
      points.insert(c[i]);
      points.insert(c[i] - 1);
      points.insert(c[i] + 1);
      if (i + 1 < c.size()) points.insert((c[i] + c[i + 1]) / 2);
    }
    if (m.against_field)  // another field's constants can matter: small steps realise every order
      for (double d = 0; d <= 5; ++d) points.insert(d);
    return {points.begin(), points.end()};
  }

  std::vector<std::string> candidates(std::size_t f) {
    const FieldDef& field = p_.fields[f];
    const Mentions& m = mentions_[f];
    std::vector<std::string> out = {""};
    switch (field.type.kind) {
      case ValueKind::boolean: out.insert(out.end(), {"是", "否"}); break;
      case ValueKind::enumeration:
        for (const std::string& label : p_.enums[field.type.enum_id].labels) out.push_back(label);
        break;
      case ValueKind::number:
        for (double d : number_points(m)) out.push_back(number_text(d));
        break;
      case ValueKind::set: sets(p_.enums[field.type.enum_id], m, out); break;
      case ValueKind::text: texts(m, out); break;
      case ValueKind::basis: bases(m, out); break;
    }
    return out;
  }

  /// Subsets of the members tests name, with or without one they do not.
  static void sets(const EnumDef& e, const Mentions& m, std::vector<std::string>& out) {
    std::vector<std::size_t> named, unnamed;
    for (std::size_t i = 0; i < e.labels.size(); ++i) ((m.members >> i) & 1 ? named : unnamed).push_back(i);
    if (named.size() > 10) named.resize(10);  // 2^10 subsets is already generous
    for (std::uint64_t subset = 0; subset < (std::uint64_t{1} << named.size()); ++subset) {
      for (int extra = 0; extra < (unnamed.empty() ? 1 : 2); ++extra) {
        std::string cell;
        for (std::size_t i = 0; i < named.size(); ++i)
          if ((subset >> i) & 1) cell += (cell.empty() ? "" : "、") + e.labels[named[i]];
        if (extra) cell += (cell.empty() ? "" : "、") + e.labels[unnamed.front()];
        if (!cell.empty()) out.push_back(cell);
      }
    }
  }

  /// Each compared text, each word looked for, words combined, and a text
  /// that matches none of them.
  static void texts(const Mentions& m, std::vector<std::string>& out) {
    for (const std::string& t : m.texts) out.push_back(t);
    std::vector<std::string> words(m.needles.begin(), m.needles.end());
    for (const std::string& p : m.prefixes) words.push_back(p);
    for (const std::string& s : m.suffixes) words.push_back(s);
    if (words.size() > 10) words.resize(10);
    for (std::uint64_t subset = 1; subset < (std::uint64_t{1} << words.size()); ++subset) {
      std::string cell;
      for (std::size_t i = 0; i < words.size(); ++i)
        if ((subset >> i) & 1) cell += (cell.empty() ? "" : "·") + words[i];
      out.push_back(cell);
      out.push_back("某" + cell + "某");  // the same words, neither at the start nor the end
    }
    out.push_back("（其他）");
  }

  /// A cell per legal level, with as many citations as the policy's .count
  /// tests distinguish, and titles carrying the words it looks for.
  void bases(const Mentions& m, std::vector<std::string>& out) {
    static constexpr const char* kTitles[] = {"", "关于测试事项的通知", "测试管理办法", "内蒙古自治区测试条例",
                                              "测试管理条例", "中华人民共和国测试法"};
    std::vector<std::string> words(m.needles.begin(), m.needles.end());
    if (words.size() > 6) words.resize(6);
    std::set<int> counts = {1};
    for (double c : number_points(m))
      if (c >= 1 && c <= 8) counts.insert(static_cast<int>(c));
    out.push_back("无");  // a cell with no citation: present, level none
    for (int level = 1; level < kLegalLevelCount; ++level) {
      for (int count : counts) {
        for (std::uint64_t subset = 0; subset < (std::uint64_t{1} << words.size()); ++subset) {
          std::string first = kTitles[level];
          for (std::size_t i = 0; i < words.size(); ++i)
            if ((subset >> i) & 1) first = words[i] + "·" + first;
          std::string cell = "《" + first + "》";
          for (int extra = 1; extra < count; ++extra) cell += "；《关于测试" + std::to_string(extra) + "的通知》";
          out.push_back(cell);
        }
      }
    }
  }

  const Program& p_;
  std::vector<Mentions> mentions_;
};

}  // namespace

std::vector<FieldDomain> field_domains(const Program& program) { return DomainBuilder(program).build(); }

}  // namespace quanze
