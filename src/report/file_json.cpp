// Field names here are a contract with CI scripts (README, "JSON output").
#include "file_json.hpp"

#include <cmath>
#include <cstdint>

namespace samplemind {

namespace {
// True when text is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? c : c & (0x7fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    constexpr std::uint32_t k_min_code[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < k_min_code[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

// Lower-case hex of every byte, so a name that is not UTF-8 survives JSON byte-exact.
std::string hex_bytes(const std::string& bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char byte : bytes) {
    hex.push_back(k_digits[static_cast<unsigned char>(byte) >> 4]);
    hex.push_back(k_digits[static_cast<unsigned char>(byte) & 0xf]);
  }
  return hex;
}
}  // namespace

double round_usd(double usd) { return std::round(finite_or(usd, 0.0) * 1e8) / 1e8; }

nlohmann::json file_base_json(const FileResult& file) {
  nlohmann::json json;
  json["path"] = file.path;  // dump_json replaces invalid UTF-8 with U+FFFD: readable, not exact
  if (!is_valid_utf8(file.path)) json["path_hex"] = hex_bytes(file.path);  // the exact bytes (README, Output)
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
