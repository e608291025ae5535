#pragma once
// Run reports for people (table) and machines (json, csv, jsonl).
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/batch_runner.hpp"
#include "cache/cache_backend.hpp"
#include "report/entry_spool.hpp"

namespace samplemind {

// {"summary": {...}, "files": [...]}: the documented analyze JSON contract.
nlohmann::json analyze_report_json(const RunOutcome& outcome);
// The same document streamed file by file (no trailing newline); summary_extra adds summary
// fields. With a spool the entries come from it (the run kept no results); a spool that
// failed throws std::runtime_error before any entry is written.
void write_analyze_json(std::ostream& out, const RunOutcome& outcome,
                        const nlohmann::json& summary_extra = nlohmann::json::object(), EntrySpool* spool = nullptr);
// One file's entry of that document, indented as it sits there.
std::string analyze_json_entry(const FileResult& file, bool cost_known);
// The cost-savings report as a table: one row per file (unless with_rows is false: -q),
// then the summary.
void write_analyze_table(std::ostream& out, const RunOutcome& outcome, bool with_rows = true);
// The table's rows alone (header, one row per file, a blank line).
void write_analyze_table_rows(std::ostream& out, const RunOutcome& outcome);
// The table's header line (column names), and one file's row with its newline.
std::string analyze_table_header();
std::string analyze_table_row(const FileResult& file);
// Why: a dry run's "would call" files are left out of the table (their estimate is summed).
bool is_dry_run_row(bool dry_run, const FileResult& file);
// Why: the default table over 500,000 files in constant memory; rows were rendered into
// the spool as files finished (analyze_table_row), and come out in scan order.
void write_analyze_table_spooled(std::ostream& out, const RunOutcome& outcome, EntrySpool& rows);
// The table's summary block alone.
void write_analyze_table_summary(std::ostream& out, const RunOutcome& outcome);
// One file's entry of the JSON report (and of a JSON Lines line); cost_known false makes a
// billed call's cost null.
nlohmann::json analyze_file_json(const FileResult& file, bool cost_known);
// The same entry as one compact line of JSON text (what --format jsonl prints per file).
std::string analyze_file_json_line(const FileResult& file, bool cost_known);
// The summary object of the JSON report: the run's totals, the shard, and extra fields.
nlohmann::json analyze_summary_json(const RunOutcome& outcome,
                                    const nlohmann::json& extra = nlohmann::json::object());
// One CSV row per file, then nothing else (the summary goes to stderr in table form).
void write_analyze_csv(std::ostream& out, const RunOutcome& outcome);

// features command outputs.
// The features table: one row per file (unless with_rows is false: -q), then one summary line.
void write_features_table(std::ostream& out, const RunOutcome& outcome, bool with_rows = true);
void write_features_table_rows(std::ostream& out, const RunOutcome& outcome);
void write_features_jsonl(std::ostream& out, const RunOutcome& outcome);
void write_features_csv(std::ostream& out, const RunOutcome& outcome);

// cache stats outputs.
nlohmann::json cache_stats_json(const CacheStats& stats);
void write_cache_stats_table(std::ostream& out, const CacheStats& stats);

// Formats a JSON document with non-finite numbers turned into null.
std::string dump_json(const nlohmann::json& document, int indent = 2);

}  // namespace samplemind
