#pragma once
// The analyze run as one self-contained HTML page (--report-html): summary, BPM histogram,
// Camelot key wheel, categories, and the per-file table, sortable and filterable. No network,
// no external script; every text from outside is HTML-escaped and a Content-Security-Policy
// lets only the page's own script (by hash) run.
#include <string>
#include <string_view>

#include "pipeline/batch_runner.hpp"

namespace samplemind {

// Why: text safe inside HTML elements and quoted attributes (& < > " ' escaped, control
// characters shown as escapes first).
std::string html_escape(std::string_view text);

// Why: the whole page for an analyze run; its counts are the JSON report's summary fields.
std::string analyze_report_html(const RunOutcome& outcome);

}  // namespace samplemind
