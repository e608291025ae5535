#pragma once
// One interface for every AI provider: hosted APIs, a local server, or the offline analyser.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "model/analysis_type.hpp"
#include "provider/http_client.hpp"
#include "model/normalized_features.hpp"
#include "provider/price_table.hpp"
#include "provider/prompt.hpp"

namespace samplemind {

class Environment;

struct ProviderRequest {
  const AnalysisType& type;
  const Prompt& prompt;
  const NormalizedFeatures& features;
  const std::atomic<bool>* cancel = nullptr;     // set: stop retrying and give up (batch stopped)
  const std::atomic<bool>* interrupt = nullptr;  // set by SIGINT/SIGTERM: same, without waiting out a retry
};

struct ProviderAnswer {
  nlohmann::json result;               // validated against type.required_fields
  std::int64_t input_tokens = 0;       // all input tokens billed, cached ones included
  std::int64_t cached_input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0.0;
};

enum class ProviderFailure {
  per_file,  // this file failed (bad answer, retries exhausted); the batch goes on
  fatal,     // nothing else can succeed (bad key, quota): stop the batch, exit 3
  skipped,   // not attempted (--max-cost budget reached): the file is reported as skipped
};

struct ProviderError {
  ProviderFailure severity = ProviderFailure::per_file;
  std::string message;  // never contains a key
  // A call whose answer was unusable (truncated, refused, invalid) is still billed.
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0.0;
};

using ProviderOutcome = std::variant<ProviderAnswer, ProviderError>;

class Provider {
 public:
  virtual ~Provider() = default;
  // "openai", "anthropic", "gemini", "ollama", "offline".
  virtual std::string name() const = 0;
  virtual std::string model() const = 0;
  // True when calls cost nothing and need no network.
  virtual bool is_offline() const { return false; }
  // Asks the provider once (retries are the provider's business); thread-safe.
  virtual ProviderOutcome analyze(const ProviderRequest& request) = 0;
  // Expected cost of one call, for --dry-run and --max-cost (docs/providers.md, "Estimates").
  // The request body this provider would send for type with the features blanked (never
  // headers: no secrets); "" when nothing but the prompt shapes the answer (offline).
  virtual std::string request_shape(const AnalysisType& type) const {
    (void)type;
    return "";
  }

  virtual double estimate_cost_usd(const ProviderRequest& request) const { (void)request; return 0.0; }
  // False when the model has no price (table, SAMPLEMIND_PRICES or --price): its costs
  // are reported as unknown, never guessed.
  virtual bool price_known() const { return true; }
};

struct ProviderSettings {
  std::string name = "auto";  // openai|anthropic|gemini|ollama|offline|auto ("" reads SAMPLEMIND_PROVIDER)
  std::string model;          // empty: the provider's (or the route's) default
  std::string analysis_type;  // with "auto", SAMPLEMIND_ROUTES may send this type elsewhere
  double requests_per_minute = 0.0;  // --rpm: 0 = no limit
  std::shared_ptr<HttpClient> http;  // null: libcurl; tests pass a fake
  std::string cache_url;             // --cache: a Redis password in it is masked out of answers too
  std::optional<ModelPrice> price;   // --price IN/OUT: used instead of the price table
  bool makes_calls = true;           // false (--dry-run, cache key): no call, so no API key needed
};

// Creates the provider named in settings ("auto": the SAMPLEMIND_ROUTES entry for the
// analysis type, else the first provider with a key set, else offline).
// Throws ConfigError on an unknown name, a bad route or a missing key for an explicit choice
// (no key is needed when settings.makes_calls is false). Warns once when the model has no price.
std::unique_ptr<Provider> make_provider(const ProviderSettings& settings, const Environment& env);

// The provider names make_provider accepts, for --help and errors.
constexpr const char* k_provider_names = "openai, anthropic, gemini, ollama, offline, auto";

}  // namespace samplemind
