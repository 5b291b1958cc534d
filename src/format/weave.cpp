#include "format/weave.hpp"

#include <algorithm>

namespace quanze::format {
namespace {

using Kind = ast::Declaration::Kind;

/// A line with the comments that go with it.
struct Placed {
  const Line* line = nullptr;
  std::size_t block = 0;
  bool first_of_block = false;
  std::vector<const ast::Comment*> before;  // alone on their lines, just above
  const ast::Comment* trailing = nullptr;
  std::vector<const ast::Comment*> after;   // trailing ones that met a taken line
  std::vector<const ast::Comment*> closing;  // alone on their lines, ending the declaration

  std::uint32_t end() const {
    std::uint32_t e = line->end;
    for (const ast::Comment* c : after) e = std::max(e, c->range.end);
    if (trailing) e = std::max(e, trailing->range.end);
    return e;
  }
};

bool single_line_kind(Kind k) {
  return k == Kind::import || k == Kind::let || k == Kind::default_ || k == Kind::precedence;
}

class Weaver {
 public:
  Weaver(const std::vector<Block>& blocks, std::string_view source) : blocks_(blocks), source_(source) {
    for (std::size_t b = 0; b < blocks.size(); ++b)
      for (std::size_t l = 0; l < blocks[b].lines.size(); ++l) placed_.push_back({&blocks[b].lines[l], b, l == 0});
  }

  void place(const ast::Comment& c) {
    if (!c.own_line) {
      auto it = std::find_if(placed_.rbegin(), placed_.rend(), [&](const Placed& p) { return p.line->begin < c.range.begin; });
      if (it != placed_.rend()) {
        if (!it->trailing && it->after.empty()) it->trailing = &c;
        else it->after.push_back(&c);
        return;
      }
    }
    auto it = std::find_if(placed_.begin(), placed_.end(), [&](const Placed& p) { return p.line->end > c.range.begin; });
    if (it == placed_.end()) tail_.push_back(&c);
    else it->before.push_back(&c);
  }

  /// Comments right under a declaration, with a blank line after them,
  /// close that declaration rather than open the next one.
  void close_declarations() {
    for (std::size_t i = 1; i < placed_.size(); ++i) {
      Placed& p = placed_[i];
      if (!p.first_of_block || p.before.empty()) continue;
      Placed& last = placed_[i - 1];
      std::uint32_t end = last.end();
      std::size_t k = 0;
      std::size_t closing = 0;
      for (; k < p.before.size() && !blank_in_source(end, p.before[k]->range.begin); ++k) {
        end = p.before[k]->range.end;
        std::uint32_t next = k + 1 < p.before.size() ? p.before[k + 1]->range.begin : p.line->begin;
        if (blank_in_source(end, next)) closing = k + 1;
      }
      last.closing.assign(p.before.begin(), p.before.begin() + static_cast<std::ptrdiff_t>(closing));
      p.before.erase(p.before.begin(), p.before.begin() + static_cast<std::ptrdiff_t>(closing));
    }
  }

  std::string write() {
    close_declarations();
    for (const Placed& p : placed_) {
      const Block& block = blocks_[p.block];
      std::size_t indent = p.line->comment_indent;
      bool top = p.first_of_block;  // comments above a declaration's first line stand between declarations
      for (std::size_t i = 0; i < p.before.size(); ++i) {
        if (top) separate(p.before[i]->range.begin, i == 0 ? &block : nullptr);
        emit(std::string(top ? 0 : indent, ' ') + p.before[i]->text, p.before[i]->range.end);
      }
      if (top) separate(p.line->begin, p.before.empty() ? &block : nullptr);
      std::string text = p.line->text;
      if (p.trailing) text += "  " + p.trailing->text;
      emit(text, std::max(p.line->end, p.trailing ? p.trailing->range.end : 0u));
      for (const ast::Comment* c : p.after) emit(std::string(indent, ' ') + c->text, c->range.end);
      for (const ast::Comment* c : p.closing) emit(c->text, c->range.end);
      if (top) previous_ = &block;
    }
    for (const ast::Comment* c : tail_) {
      separate(c->range.begin, nullptr);
      emit(c->text, c->range.end);
    }
    return std::move(out_);
  }

 private:
  /// A blank line before what starts at `begin`: when the source had one
  /// there, or when `next` is a declaration that wants one after the last.
  void separate(std::uint32_t begin, const Block* next) {
    if (out_.empty()) return;
    bool wanted = next && previous_ && !(next->kind == previous_->kind && single_line_kind(next->kind));
    if (wanted || blank_in_source(end_, begin)) out_ += "\n";
  }

  /// Whether a whole line between offsets `from` and `to` is blank.
  bool blank_in_source(std::uint32_t from, std::uint32_t to) const {
    if (from >= to || to > source_.size()) return false;
    for (std::size_t at = source_.find('\n', from); at != std::string_view::npos && at < to;) {
      std::size_t next = source_.find('\n', at + 1);
      if (next == std::string_view::npos || next >= to) break;  // that line holds `to`
      if (blank(source_.substr(at + 1, next - at - 1))) return true;
      at = next;
    }
    return false;
  }

  static bool blank(std::string_view line) {
    static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    for (std::size_t i = 0; i < line.size();) {
      if (std::string_view(" \t\r\v\f").find(line[i]) != std::string_view::npos) ++i;
      else if (line.substr(i, 3) == kIdeographicSpace) i += 3;
      else return false;
    }
    return true;
  }

  void emit(const std::string& text, std::uint32_t end) {
    out_ += text + "\n";
    end_ = std::max(end_, end);
  }

  const std::vector<Block>& blocks_;
  std::string_view source_;
  std::vector<Placed> placed_;
  std::vector<const ast::Comment*> tail_;
  const Block* previous_ = nullptr;
  std::uint32_t end_ = 0;
  std::string out_;
};

}  // namespace

std::string weave(const std::vector<Block>& blocks, const std::vector<ast::Comment>& comments, std::string_view source) {
  Weaver w(blocks, source);
  for (const ast::Comment& c : comments) w.place(c);
  return w.write();
}

}  // namespace quanze::format
