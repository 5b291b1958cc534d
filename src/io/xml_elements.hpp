// A worksheet of a hundred thousand rows is too large to hold as one
// pugixml tree (a node per cell and per value, several times the XML's
// size). Its rows, and the shared strings, are elements that never nest:
// they are cut out of the stream as they arrive and parsed a batch at a
// time, so memory stays near one batch whatever the sheet's size.
#pragma once

#include <pugixml.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace quanze {

/// Whether `node` is named `local`, whatever its namespace prefix.
bool is_named(const pugi::xml_node& node, std::string_view local);

/// The first child named `local` (any prefix), or an empty node.
pugi::xml_node child_named(const pugi::xml_node& node, std::string_view local);

/// Hands each complete element named `local` (any prefix) of an XML
/// document fed in pieces to `each`, in document order; whatever lies
/// between those elements is skipped. `each` returning false stops it.
class ElementStream {
 public:
  using Handler = std::function<bool(const pugi::xml_node&)>;
  ElementStream(std::string_view local, Handler each) : local_(local), each_(std::move(each)) {}

  /// False on malformed XML (with `error`) or when `each` stopped.
  bool feed(std::string_view piece, std::string& error);
  /// Parses what is left; false as for feed, and when the document
  /// element was never closed (the part is cut short).
  bool finish(std::string& error);
  bool stopped() const { return stopped_; }

 private:
  void cut();
  bool parse_batch(std::string& error);

  std::string local_;
  Handler each_;
  std::string buffer_;  ///< unscanned input, from the first byte not yet consumed
  std::size_t scan_ = 0;
  std::size_t next_cut_ = 0;  ///< cut again once the buffer is this long
  std::string batch_;   ///< complete elements waiting to be parsed
  bool stopped_ = false;
  std::string root_;          ///< the document element's name, once seen
  bool root_closed_ = false;  ///< its end tag was seen: the part is whole
};

}  // namespace quanze
