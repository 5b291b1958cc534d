// The HTML report's summary: the manifest, the four results overall and
// per department, time saved, rule coverage, and two inline SVG charts.
#pragma once

#include <ostream>

#include "quanze/engine.hpp"
#include "quanze/manifest.hpp"
#include "quanze/output.hpp"

namespace quanze {

void write_html_summary(std::ostream& out, const Policy& policy, const Manifest& manifest, const Summary& summary);

}  // namespace quanze
