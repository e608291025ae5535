// Field names here are a contract with CI scripts (README, "JSON output").
#include "report/file_json.hpp"

#include <cmath>

#include "util/path_json.hpp"

namespace samplemind {

double round_usd(double usd) { return std::round(finite_or(usd, 0.0) * 1e8) / 1e8; }

nlohmann::json file_base_json(const FileResult& file) {
  nlohmann::json json;
  put_path(json, file.path);  // "path" readable, "path_hex" the exact bytes when not UTF-8 (README, Output)
  json["status"] = to_string(file.status);
  json["error"] = file.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(file.error);
  json["features"] = file.features ? features_to_json(*file.features) : nlohmann::json(nullptr);
  return json;
}

nlohmann::json file_analysis_json(const FileResult& file) {
  nlohmann::json json = file_base_json(file);
  json["cache"] = to_string(file.cache);
  json["provider"] = file.provider.empty() ? nlohmann::json(nullptr) : nlohmann::json(file.provider);
  json["model"] = file.model.empty() ? nlohmann::json(nullptr) : nlohmann::json(file.model);
  json["analysis_type"] = file.analysis_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(file.analysis_type);
  json["input_tokens"] = file.input_tokens;
  json["output_tokens"] = file.output_tokens;
  json["cost_usd"] = round_usd(file.cost_usd);
  json["saved_usd"] = round_usd(file.saved_usd);
  json["result"] = file.result ? *file.result : nlohmann::json(nullptr);
  return json;
}

nlohmann::json summary_json(const RunSummary& s) {
  return {
      {"files_total", s.files_total},
      {"files_ok", s.files_ok},
      {"files_failed", s.files_failed},
      {"files_skipped", s.files_skipped},
      {"cache_backend", s.cache_backend},
      {"cache_hits", s.cache_hits},
      {"cache_misses", s.cache_misses},
      {"cache_errors", s.cache_errors},
      {"cache_corrupt", s.cache_corrupt},
      {"feature_cache_hits", s.feature_cache_hits},
      {"files_decoded", s.files_decoded},
      {"hit_rate", std::round(s.hit_rate() * 10000.0) / 10000.0},
      {"api_calls", s.api_calls},
      {"input_tokens", s.input_tokens},
      {"output_tokens", s.output_tokens},
      {"cost_usd", s.cost_known ? nlohmann::json(round_usd(s.cost_usd)) : nlohmann::json(nullptr)},
      {"saved_usd", round_usd(s.saved_usd)},
      {"elapsed_s", std::round(finite_or(s.elapsed_s, 0.0) * 1000.0) / 1000.0},
      {"provider", s.provider},
      {"model", s.model},
      {"offline", s.offline},
      {"interrupted", s.interrupted},
      {"fatal_error", s.fatal_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.fatal_error)},
  };
}

}  // namespace samplemind
