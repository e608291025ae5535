#pragma once
// What every hosted or local HTTP provider shares: the retry loop, the rate limiter,
// fatal-error detection, answer validation and pricing. Subclasses only know their
// wire format: how to build the request and how to read the answer.
#include <memory>
#include <optional>
#include <string>

#include "provider/provider_errors.hpp"
#include "provider/http_client.hpp"
#include "provider/price_table.hpp"
#include "provider/provider.hpp"
#include "provider/rate_limiter.hpp"
#include "provider/retry_policy.hpp"

namespace samplemind {

constexpr int k_default_max_output_tokens = 1024;
constexpr int k_reasoning_max_output_tokens = 4096;  // thinking models spend output tokens on thought
constexpr double k_default_temperature = 0.2;
// Reasoning tokens a reasoning model (gpt-5*, o-series, Gemini 2.5 Pro) typically spends on
// one short structured answer: a quarter of the limit those requests carry.
constexpr std::int64_t k_expected_reasoning_tokens = k_reasoning_max_output_tokens / 4;

struct HttpProviderConfig {
  ProviderIdentity identity;     // name, model, key variable, the key itself (never logged)
  std::string base_url;          // without a trailing slash
  RetryPolicy retry;
  long connect_timeout_ms = k_default_connect_timeout_ms;
  long total_timeout_ms = k_default_total_timeout_ms;
  int max_output_tokens = k_default_max_output_tokens;
  double temperature = k_default_temperature;
  std::shared_ptr<HttpClient> http;
  std::shared_ptr<RateLimiter> limiter;
  std::optional<ModelPrice> price;  // nothing: no known price (costs reported as unknown)
};

// A successful HTTP answer read by the wire format: the answer or what is wrong with it.
struct WireAnswer {
  std::optional<nlohmann::json> result;  // validated; empty when problem is set
  std::string problem;                   // "the answer was cut off at the token limit", ...
  TokenUsage usage;
};

// A token count from a usage object: 0 when absent or not a number, clamped to a sane
// range so a hostile or broken answer cannot overflow the run's sums.
std::int64_t token_count_at(const nlohmann::json& object, const char* name);

// Sets answer.result from the model's text, or answer.problem (no_text_problem when empty).
void accept_answer_text(WireAnswer& answer, const std::string& text, const AnalysisType& type,
                        const std::string& no_text_problem);

class HttpProvider : public Provider {
 public:
  explicit HttpProvider(HttpProviderConfig config);
  std::string name() const override { return config_.identity.name; }
  std::string model() const override { return config_.identity.model; }
  // Calls the provider, retrying transient failures; thread-safe.
  ProviderOutcome analyze(const ProviderRequest& request) final;
  // The request's real size / 4 tokens in; the type's expected answer plus the model's
  // reasoning budget out; at the model's price (docs/providers.md, "Estimates").
  double estimate_cost_usd(const ProviderRequest& request) const override;
  std::string request_shape(const AnalysisType& type) const override;
  bool price_known() const override { return config_.price.has_value(); }
  // The tokens estimate_cost_usd counts for one call.
  TokenUsage estimate_tokens(const ProviderRequest& request) const;

 protected:
  // The request for one analysis, headers (with the key) included.
  virtual HttpRequest build_request(const ProviderRequest& request) const = 0;
  // Reads a 2xx answer: text, stop reason and usage.
  virtual WireAnswer read_answer(const nlohmann::json& body, const AnalysisType& type) const = 0;
  // Thinking / reasoning tokens one call is expected to bill as output (0: the request
  // turns thinking off or the model has none).
  virtual std::int64_t expected_reasoning_tokens() const { return 0; }

  const HttpProviderConfig& config() const { return config_; }
  // Timeouts and the JSON content headers every request carries.
  HttpRequest base_request(std::string url, const nlohmann::json& body) const;

 private:
  ProviderOutcome answer_from(const HttpResponse& response, const AnalysisType& type) const;

  HttpProviderConfig config_;
};

// The wire formats (one file each).
std::unique_ptr<Provider> make_openai_provider(HttpProviderConfig config);
std::unique_ptr<Provider> make_ollama_provider(HttpProviderConfig config);
std::unique_ptr<Provider> make_anthropic_provider(HttpProviderConfig config);
std::unique_ptr<Provider> make_gemini_provider(HttpProviderConfig config);

}  // namespace samplemind
