// Cutting elements out of an XML stream needs only the lexical shape of
// tags: comments, processing instructions and CDATA are skipped whole,
// and quoted attribute values may hold '>'. Well-formedness is left to
// pugixml, which parses every element that is cut out.
#include "io/xml_elements.hpp"

namespace quanze {
namespace {

constexpr std::size_t kBatch = 1 << 20;
constexpr std::size_t npos = std::string::npos;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view local_part(std::string_view name) {
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// The '>' that ends the tag whose name ends at `from`, outside quotes.
std::size_t tag_end(const std::string& s, std::size_t from) {
  char quote = 0;
  for (std::size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return npos;
}

/// End (one past) of the closing tag `</name>` at or after `from`.
std::size_t close_end(const std::string& s, const std::string& name, std::size_t from) {
  std::string close = "</" + name;
  for (std::size_t at = s.find(close, from); at != npos; at = s.find(close, at + 1)) {
    std::size_t i = at + close.size();
    while (i < s.size() && is_space(s[i])) ++i;
    if (i < s.size() && s[i] == '>') return i + 1;
    if (i == s.size()) return npos;  // the rest has not arrived
  }
  return npos;
}

}  // namespace

bool is_named(const pugi::xml_node& node, std::string_view local) { return local_part(node.name()) == local; }

pugi::xml_node child_named(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && is_named(c, local)) return c;
  return {};
}

bool ElementStream::feed(std::string_view piece, std::string& error) {
  if (stopped_) return false;
  buffer_.append(piece);
  // An element far larger than a piece would be rescanned for every piece;
  // waiting until the buffer has doubled keeps the scanning linear.
  if (buffer_.size() < next_cut_) return true;
  cut();
  next_cut_ = 2 * buffer_.size();
  if (batch_.size() >= kBatch && !parse_batch(error)) return false;
  return true;
}

bool ElementStream::finish(std::string& error) {
  if (stopped_) return false;
  cut();
  if (!parse_batch(error)) return false;
  // A part cut short (a sheet whose writer ran out of disk) still holds
  // whole rows: without its root's end tag it would pass for a shorter one.
  bool rest_blank = buffer_.find_first_not_of(" \t\r\n") == npos;
  if (!root_closed_ || !rest_blank) {
    error = root_.empty() ? std::string("not well-formed XML: no element")
                          : "not well-formed XML: the part ends before </" + root_ + ">; is the file cut short?";
    return false;
  }
  return true;
}

void ElementStream::cut() {
  std::size_t consumed = scan_;
  for (;;) {
    std::size_t lt = buffer_.find('<', scan_);
    if (lt == npos) {
      scan_ = consumed = buffer_.size();
      break;
    }
    if (lt + 1 >= buffer_.size()) break;
    std::size_t end = npos;
    char c = buffer_[lt + 1];
    if (buffer_.compare(lt, 4, "<!--") == 0) {
      end = buffer_.find("-->", lt + 4);
      if (end != npos) end += 3;
    } else if (buffer_.compare(lt, 9, "<![CDATA[") == 0) {
      end = buffer_.find("]]>", lt + 9);
      if (end != npos) end += 3;
    } else if (c == '?' || c == '!' || c == '/') {
      end = tag_end(buffer_, lt + 1);
      if (end != npos) {
        if (c == '/' && !root_.empty()) {
          std::size_t name_end = lt + 2;
          while (name_end < end && !is_space(buffer_[name_end]) && buffer_[name_end] != '>') ++name_end;
          if (buffer_.compare(lt + 2, name_end - lt - 2, root_) == 0) root_closed_ = true;
        }
        ++end;
      }
    } else {
      std::size_t name_end = lt + 1;
      while (name_end < buffer_.size() && !is_space(buffer_[name_end]) && buffer_[name_end] != '/' &&
             buffer_[name_end] != '>')
        ++name_end;
      std::size_t open_end = name_end < buffer_.size() ? tag_end(buffer_, name_end) : npos;
      if (open_end != npos) {
        std::string name = buffer_.substr(lt + 1, name_end - lt - 1);
        if (root_.empty()) {
          root_ = name;
          root_closed_ = buffer_[open_end - 1] == '/';  // <sst/>: an empty document
        }
        if (local_part(name) != local_) {
          end = open_end + 1;
        } else {
          end = buffer_[open_end - 1] == '/' ? open_end + 1 : close_end(buffer_, name, open_end + 1);
          if (end != npos) batch_.append(buffer_, lt, end - lt);
        }
      }
    }
    if (end == npos) {  // the rest of this markup has not arrived yet
      scan_ = lt;
      consumed = lt;
      break;
    }
    scan_ = consumed = end;
  }
  buffer_.erase(0, consumed);
  scan_ -= consumed;
}

bool ElementStream::parse_batch(std::string& error) {
  if (batch_.empty()) return true;
  pugi::xml_document doc;
  pugi::xml_parse_result result =
      doc.load_buffer_inplace(batch_.data(), batch_.size(),
                              pugi::parse_default | pugi::parse_fragment | pugi::parse_ws_pcdata_single,
                              pugi::encoding_utf8);
  if (!result) {
    error = std::string("not well-formed XML: ") + result.description();
    return false;
  }
  for (pugi::xml_node node = doc.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element && !each_(node)) {
      stopped_ = true;
      batch_.clear();
      return false;
    }
  }
  batch_.clear();
  return true;
}

}  // namespace quanze
