#pragma once
// analyze's library-index outputs, kept out of cmd_analyze.cpp: --report-html FILE (the run
// as one self-contained page) and --write-tags (final tempo and key into each file's tags).
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cache/ai_cache.hpp"
#include "pipeline/batch_runner.hpp"
#include "util/result.hpp"

namespace samplemind {

struct AnalyzeExtras {
  std::string report_html;            // "" = no page
  bool write_tags = false;
  std::string key_notation = "standard";
};


// Why: registers --report-html, --write-tags and --key-notation on the analyze command.
void add_analyze_extra_options(CLI::App& command, AnalyzeExtras& extras);

// Why: fails (ConfigError) before the run when the page could not be written at its end.
void check_analyze_extras(const AnalyzeExtras& extras);

// Why: writes the HTML page atomically; the error to raise after stdout, if any.
std::optional<ConfigError> write_analyze_html(const AnalyzeExtras& extras, const RunOutcome& outcome);

// Why: tags every analysed file (a dry run only lists the changes), one line per file on stderr;
// true when a file could not be tagged. With a cache, each tagged file is recorded again in
// the feature cache (its bytes changed) so find does not call it stale.
bool write_analyze_tags(const AnalyzeExtras& extras, const RunOutcome& outcome, bool dry_run, AiCache* cache);

}  // namespace samplemind
