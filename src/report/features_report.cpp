// The features command's outputs: one JSON object per line, CSV, or a table.
#include <fmt/format.h>

#include "report/csv_writer.hpp"
#include "report/feature_columns.hpp"
#include "report/file_json.hpp"
#include "util/display_text.hpp"
#include "report/report.hpp"

namespace samplemind {

void write_features_jsonl(std::ostream& out, const RunOutcome& outcome) {
  for (const auto& file : outcome.files) out << file_json_text(file, FileJsonFields::base) << '\n';
}

void write_features_csv(std::ostream& out, const RunOutcome& outcome) {
  std::vector<std::string> header = {"path", "status", "error"};
  for (const auto& name : feature_column_names()) header.push_back(name);
  const bool checked = outcome.summary.statements_checked;  // --check-statements: its columns last
  if (checked) header.insert(header.end(), statement_check_column_names().begin(), statement_check_column_names().end());
  write_csv_row(out, header);
  for (const auto& file : outcome.files) {
    std::vector<std::string> row = {file.path, to_string(file.status), file.error};
    for (auto& cell : feature_cells(file.features ? &*file.features : nullptr)) row.push_back(std::move(cell));
    if (checked) {
      for (auto& cell : statement_check_cells(file.statement_check)) row.push_back(std::move(cell));
    }
    write_csv_row(out, row);
  }
}

void write_features_table(std::ostream& out, const RunOutcome& outcome, bool with_rows) {
  if (with_rows) write_features_table_rows(out, outcome);
  const RunSummary& s = outcome.summary;
  out << fmt::format("{}{} files: {} ok, {} failed, {} skipped in {:.2f} s", with_rows ? "\n" : "", s.files_total,
                     s.files_ok, s.files_failed, s.files_skipped, finite_or(s.elapsed_s, 0.0));
  out << fmt::format("; {} decoded, {} from the feature cache ({})", s.files_decoded, s.feature_cache_hits,
                     s.cache_backend);
  if (outcome.shard) {
    out << fmt::format("; shard {}, {} files left to the other shards", to_string(*outcome.shard),
                       outcome.files_outside_shard);
  }
  if (outcome.tempo_range) out << fmt::format("; audio tempos moved into {} BPM", to_string(*outcome.tempo_range));
  if (s.statements_checked) {
    out << fmt::format("; {} state a tempo, key or root, {} contradicted by their audio", s.files_stating,
                       s.files_disagreeing);
  }
  out << '\n';
}

void write_features_table_rows(std::ostream& out, const RunOutcome& outcome) {
  out << fmt::format("{:<8} {:>7} {:<10} {:<16} {:<8} {:>7} {:>6} {:>6} {}\n", "STATUS", "SECONDS", "TEMPO", "KEY",
                     "KIND", "LUFS", "PEAK", "ENERGY", "FILE");
  for (const auto& file : outcome.files) {
    if (!file.features) {
      out << fmt::format("{:<8} {:>7} {:<10} {:<16} {:<8} {:>7} {:>6} {:>6} {}  ({})\n", to_string(file.status), "-",
                         "-", "-", "-", "-", "-", "-", escape_control_chars(file.path),
                         escape_control_chars(file.error));
      continue;
    }
    const Features& f = *file.features;
    out << fmt::format("{:<8} {:>7.2f} {:<10} {:<16} {:<8} {:>7.1f} {:>6.1f} {:>6.2f} {}\n", to_string(file.status),
                       finite_or(f.duration_s, 0.0), tempo_text(f), key_text(f), escape_control_chars(f.kind),
                       finite_or(f.loudness_lufs, -70.0), finite_or(f.peak_dbfs, -120.0), finite_or(f.energy, 0.0),
                       escape_control_chars(file.path));
  }
}

}  // namespace samplemind
