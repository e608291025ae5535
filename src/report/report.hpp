#pragma once
// Run reports for people (table) and machines (json, csv, jsonl).
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/batch_runner.hpp"
#include "cache/cache_backend.hpp"

namespace samplemind {

// {"summary": {...}, "files": [...]}: the documented analyze JSON contract.
nlohmann::json analyze_report_json(const RunOutcome& outcome);
// The same document streamed file by file (no trailing newline); summary_extra adds summary fields.
void write_analyze_json(std::ostream& out, const RunOutcome& outcome,
                        const nlohmann::json& summary_extra = nlohmann::json::object());
// The cost-savings report as a table.
void write_analyze_table(std::ostream& out, const RunOutcome& outcome);
// One CSV row per file, then nothing else (the summary goes to stderr in table form).
void write_analyze_csv(std::ostream& out, const RunOutcome& outcome);

// features command outputs.
void write_features_table(std::ostream& out, const RunOutcome& outcome);
void write_features_jsonl(std::ostream& out, const RunOutcome& outcome);
void write_features_csv(std::ostream& out, const RunOutcome& outcome);

// cache stats outputs.
nlohmann::json cache_stats_json(const CacheStats& stats);
void write_cache_stats_table(std::ostream& out, const CacheStats& stats);

// Formats a JSON document with non-finite numbers turned into null.
std::string dump_json(const nlohmann::json& document, int indent = 2);

}  // namespace samplemind
