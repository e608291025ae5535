#pragma once
// One file's entry in the analyze and features JSON documents.
#include <nlohmann/json.hpp>

#include "pipeline/file_result.hpp"

namespace samplemind {

// {"path", "status", "error", "features"}: the part every output shares.
nlohmann::json file_base_json(const FileResult& file);

// The full analyze entry: base plus cache, provider, model, costs and the AI answer.
nlohmann::json file_analysis_json(const FileResult& file);

// The documented summary object of the analyze report.
nlohmann::json summary_json(const RunSummary& summary);

// A money amount rounded to 1e-8 USD so sums print cleanly.
double round_usd(double usd);

}  // namespace samplemind
