// analyze --report-html and --write-tags, calling the report and metadata libraries.
#include "cli/analyze_extras.hpp"

#include <sstream>

#include "audio/feature_extractor.hpp"
#include "cache/feature_cache.hpp"
#include "cli/command_output.hpp"
#include "metadata/tag_writer_batch.hpp"
#include "pipeline/tag_reindex.hpp"
#include "report/html_report.hpp"
#include "util/diagnostics.hpp"

namespace samplemind {

void add_analyze_extra_options(CLI::App& command, AnalyzeExtras& extras) {
  command.add_option("--report-html", extras.report_html,
                     "Also write the run as one self-contained HTML page (summary, BPM histogram, key wheel, "
                     "categories, sortable and filterable file table)");
  command.add_flag("--write-tags", extras.write_tags,
                   "After analysing, write each file's final tempo and key into its tags (as `samplemind tag`)");
  command.add_option("--key-notation", extras.key_notation, "Key notation for --write-tags: standard, camelot, open-key")
      ->check(CLI::IsMember({"standard", "camelot", "open-key"}))
      ->capture_default_str();
}

void check_analyze_extras(const AnalyzeExtras& extras) {
  if (!extras.report_html.empty()) check_report_file(extras.report_html);
}

std::optional<ConfigError> write_analyze_html(const AnalyzeExtras& extras, const RunOutcome& outcome) {
  if (extras.report_html.empty()) return std::nullopt;
  try {
    write_report_file(extras.report_html, analyze_report_html(outcome));
  } catch (const ConfigError& error) {
    return error;
  }
  return std::nullopt;
}

bool write_analyze_tags(const AnalyzeExtras& extras, const RunOutcome& outcome, bool dry_run, AiCache* cache) {
  if (!extras.write_tags) return false;
  std::vector<metadata::FileToTag> files;
  for (const FileResult& file : outcome.files) {
    if (file.status == FileStatus::ok && file.features) files.push_back({file.path, *file.features});
  }
  const auto notation = metadata::key_notation_from_name(extras.key_notation).value_or(metadata::KeyNotation::standard);
  std::ostringstream lines;
  std::vector<std::string> tagged;
  metadata::TagBatchOptions options{notation, dry_run, {}};
  options.after_write = [&tagged](const std::string& path) { tagged.push_back(path); };
  const auto counts = metadata::tag_files(files, options, lines);
  if (cache != nullptr) reindex_tagged_files(cache->backend(), tagged, extract_features_from_file);
  std::istringstream read(lines.str());
  for (std::string line; std::getline(read, line);) diagnostic_line("samplemind: " + line);
  return counts.failed > 0;
}

}  // namespace samplemind
