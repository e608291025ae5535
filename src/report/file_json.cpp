// Field names here are a contract with CI scripts (README, "JSON output"). Entries are
// written straight to text, one per file of a report that may hold 100,000.
#include "report/file_json.hpp"

#include <cmath>

#include "util/json_text_writer.hpp"
#include "util/path_json.hpp"

namespace samplemind {

double round_usd(double usd) { return std::round(finite_or(usd, 0.0) * 1e8) / 1e8; }

namespace {
// Empty text is an absent value (no error, no provider yet).
std::optional<std::string_view> unless_empty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}

std::optional<std::string_view> verdict_text(const std::optional<StatementVerdict>& verdict) {
  return verdict ? std::optional<std::string_view>(to_string(*verdict)) : std::nullopt;
}

// {"disagreements": [...], "key", "root", "tempo"}: each verdict null when nothing is stated.
void write_statement_check(JsonTextWriter& out, const StatementCheck& check) {
  out.begin_object();
  out.key("disagreements");
  out.begin_array();
  for (const std::string& sentence : check.disagreements) out.string(sentence);
  out.end_array();
  out.key("key");
  out.string_or_null(verdict_text(check.key));
  out.key("root");
  out.string_or_null(verdict_text(check.root));
  out.key("tempo");
  out.string_or_null(verdict_text(check.tempo));
  out.end_object();
}
}  // namespace

void write_file_json(JsonTextWriter& out, const FileResult& file, FileJsonFields fields) {
  const bool analysis = fields != FileJsonFields::base;
  out.begin_object();  // keys in nlohmann's sorted order (base fields interleave)
  if (analysis) {
    out.key("analysis_type");
    out.string_or_null(unless_empty(file.analysis_type));
    out.key("cache");
    out.string(to_string(file.cache));
    out.key("cost_usd");
    // A call made at an unknown price has an unknown cost: null, never a guessed 0.
    if (fields == FileJsonFields::analysis_cost_unknown && file.api_call) {
      out.null();
    } else {
      out.number(round_usd(file.cost_usd));
    }
  }
  out.key("error");
  out.string_or_null(unless_empty(file.error));
  out.key("features");
  if (file.features) {
    write_features_json(out, *file.features);
  } else {
    out.null();
  }
  if (analysis) {
    out.key("input_tokens");
    out.integer(file.input_tokens);
    out.key("model");
    out.string_or_null(unless_empty(file.model));
    out.key("output_tokens");
    out.integer(file.output_tokens);
  }
  out.key("path");  // readable; "path_hex" the exact bytes when not UTF-8 (README, Output)
  out.string(file.path);
  if (!is_valid_utf8(file.path)) {
    out.key("path_hex");
    out.string(hex_bytes(file.path));
  }
  if (analysis) {
    out.key("provider");
    out.string_or_null(unless_empty(file.provider));
    out.key("result");
    if (file.result) {
      out.value(*file.result);
    } else {
      out.null();
    }
    out.key("saved_usd");
    out.number(round_usd(file.saved_usd));
  }
  if (file.statement_check) {  // --check-statements only
    out.key("statement_check");
    write_statement_check(out, *file.statement_check);
  }
  out.key("status");
  out.string(to_string(file.status));
  out.end_object();
}

std::string file_json_text(const FileResult& file, FileJsonFields fields, int indent, int base_level) {
  std::string text;
  JsonTextWriter out(text, indent, base_level);
  write_file_json(out, file, fields);
  return text;
}

nlohmann::json summary_json(const RunSummary& s) {
  return {
      {"files_total", s.files_total},
      {"files_ok", s.files_ok},
      {"files_failed", s.files_failed},
      {"files_skipped", s.files_skipped},
      {"files_stating", s.statements_checked ? nlohmann::json(s.files_stating) : nlohmann::json(nullptr)},
      {"files_disagreeing", s.statements_checked ? nlohmann::json(s.files_disagreeing) : nlohmann::json(nullptr)},
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
