// The HTML audit report: one self-contained file an auditor opens by
// double-click — the summary with charts, every item in a filterable table,
// and each item's full derivation on a click. No network, no external
// script or font; every cell of the list is shown as text, never markup.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "quanze/derivation.hpp"
#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"
#include "quanze/output.hpp"

namespace quanze {

/// Streams the report: items are written as they are derived, so memory
/// holds the distinct strings of the list, not every derivation.
class HtmlReportWriter {
 public:
  HtmlReportWriter(std::ostream& out, const Policy& policy, const Manifest& manifest);
  ~HtmlReportWriter();
  void add(const Derivation& derivation);
  /// Writes the summary, the table, the script; the document is complete.
  void finish(const Summary& summary);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

/// `text` with & < > " ' as character references, for HTML text and
/// attribute values.
std::string html_escape(std::string_view text);

}  // namespace quanze
