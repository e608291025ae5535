#pragma once
// One file's entry in the analyze and features JSON documents.
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/file_result.hpp"

namespace samplemind {

class JsonTextWriter;

// Which entry: the features command's base, or analyze's (with its cost known or not).
enum class FileJsonFields { base, analysis, analysis_cost_unknown };

// {"path", "status", "error", "features"} (base), plus cache, provider, model, costs and the
// AI answer (analysis); written as text, the way every report prints it.
void write_file_json(JsonTextWriter& out, const FileResult& file, FileJsonFields fields);
// The same entry as a string: compact (indent < 0) or pretty from base_level.
std::string file_json_text(const FileResult& file, FileJsonFields fields, int indent = -1, int base_level = 0);

// The documented summary object of the analyze report.
nlohmann::json summary_json(const RunSummary& summary);

// A money amount rounded to 1e-8 USD so sums print cleanly.
double round_usd(double usd);

}  // namespace samplemind
