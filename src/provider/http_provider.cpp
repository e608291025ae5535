// The call loop shared by all HTTP providers. A fatal answer (bad key, no quota,
// unknown model) stops at once; transient ones are retried by retry_policy's rules;
// a 429 with a server delay pauses every worker, not just the one that saw it.
#include "provider/http_provider.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "provider/answer_schema.hpp"
#include "provider/answer_sanitizer.hpp"
#include "util/bounded_json.hpp"

namespace samplemind {

namespace {
constexpr std::int64_t k_chars_per_token = 4;  // English text and JSON, all four vendors' tokenizers
constexpr std::chrono::milliseconds k_cancel_poll_interval{50};

double unit_random() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

bool is_success(long status) { return status >= 200 && status < 300; }
}  // namespace

HttpProvider::HttpProvider(HttpProviderConfig config) : config_(std::move(config)) {
  if (!config_.limiter) config_.limiter = std::make_shared<RateLimiter>();
}

HttpRequest HttpProvider::base_request(std::string url, const nlohmann::json& body) const {
  HttpRequest request;
  request.url = std::move(url);
  request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  request.connect_timeout_ms = config_.connect_timeout_ms;
  request.total_timeout_ms = config_.total_timeout_ms;
  request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  return request;
}

ProviderOutcome HttpProvider::answer_from(const HttpResponse& response, const AnalysisType& type) const {
  const auto& who = config_.identity;
  const auto parsed = parse_bounded_json(response.body);
  if (!parsed) {
    const bool not_json = parsed.error() == "not valid JSON";
    return ProviderError{ProviderFailure::per_file,
                         not_json ? fmt::format("{}: HTTP {} with a body that is not JSON", who.name, response.status)
                                  : fmt::format("{}: HTTP {} answer rejected: {}", who.name, response.status,
                                                parsed.error())};
  }
  const nlohmann::json& body = *parsed;
  if (!body.is_object()) {
    return ProviderError{ProviderFailure::per_file, fmt::format("{}: HTTP {} with a body that is not JSON", who.name,
                                                                response.status)};
  }
  WireAnswer answer;
  try {
    answer = read_answer(body, type);
  } catch (const nlohmann::json::exception&) {
    answer.problem = "the answer has an unexpected shape";
  }
  const double cost = config_.price ? cost_usd(*config_.price, answer.usage) : 0.0;
  if (!answer.problem.empty() || !answer.result) {
    ProviderError error{ProviderFailure::per_file,
                        fmt::format("{}: {}", who.name, mask_secrets(answer.problem, who.secret))};
    error.input_tokens = answer.usage.input;
    error.output_tokens = answer.usage.output;
    error.cost_usd = cost;
    return error;
  }
  ProviderAnswer out;
  // Before anything caches or prints it: one-line printable strings, no configured key.
  std::vector<std::string> secrets = who.other_secrets;
  secrets.push_back(who.secret);
  out.result = sanitize_answer(*answer.result, secrets);
  out.input_tokens = answer.usage.input;
  out.cached_input_tokens = answer.usage.cached_input;
  out.output_tokens = answer.usage.output;
  out.cost_usd = cost;
  return out;
}

ProviderOutcome HttpProvider::analyze(const ProviderRequest& request) {
  const auto& who = config_.identity;
  auto cancelled = [&] {
    return (request.cancel != nullptr && request.cancel->load()) ||
           (request.interrupt != nullptr && request.interrupt->load());
  };
  auto stopped = [&] {
    if (request.interrupt != nullptr && request.interrupt->load()) {
      return ProviderError{ProviderFailure::skipped, "not analysed: interrupted"};
    }
    return ProviderError{ProviderFailure::per_file, "not analysed: the batch was stopped"};
  };
  HttpRequest http_request = build_request(request);
  http_request.abort = request.interrupt;  // the first signal aborts the call in flight
  for (int retries = 0;; ++retries) {
    if (!config_.limiter->acquire(cancelled) || cancelled()) return stopped();
    const HttpOutcome outcome = config_.http->post(http_request);
    const auto* response = std::get_if<HttpResponse>(&outcome);
    const auto* transport = std::get_if<TransportError>(&outcome);
    if (response != nullptr && is_success(response->status)) return answer_from(*response, request.type);  // paid: keep it
    if (request.interrupt != nullptr && request.interrupt->load()) return stopped();
    if (transport != nullptr && transport->permanent) {
      return ProviderError{ProviderFailure::per_file,
                           fmt::format("{}: {}", who.name, mask_secrets(transport->message, who.secret))};
    }
    if (response != nullptr) {
      if (auto fatal = fatal_http_failure(who, *response)) return *fatal;
    }
    const RetryDecision decision = decide_retry(config_.retry, retries, outcome, unit_random(), std::time(nullptr));
    if (!decision.retry) {
      if (response != nullptr) return per_file_http_failure(who, *response, decision.reason);
      return ProviderError{ProviderFailure::per_file,
                           fmt::format("{}: {}; check {} and the network", who.name,
                                       mask_secrets(decision.reason, who.secret), who.base_env_var)};
    }
    const auto delay = std::chrono::microseconds(static_cast<long long>(decision.delay_ms * 1000.0));
    if (response != nullptr && response->status == 429) {
      config_.limiter->pause_until(RateLimiter::Clock::now() + delay);  // the whole account is limited
    }
    // Sleep in slices so a batch stopped by another worker's fatal error ends promptly.
    const auto wake = std::chrono::steady_clock::now() + delay;
    while (!cancelled() && std::chrono::steady_clock::now() < wake) {
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          wake - std::chrono::steady_clock::now(), k_cancel_poll_interval));
    }
  }
}

TokenUsage HttpProvider::estimate_tokens(const ProviderRequest& request) const {
  TokenUsage usage;
  // The body as sent: prompt, schema or tool definition, and the JSON around them.
  const auto body_chars = static_cast<std::int64_t>(build_request(request).body.size());
  usage.input = (body_chars + k_chars_per_token - 1) / k_chars_per_token;
  usage.output = expected_answer_tokens(request.type) + expected_reasoning_tokens();
  return usage;
}

double HttpProvider::estimate_cost_usd(const ProviderRequest& request) const {
  if (!config_.price) return 0.0;
  return cost_usd(*config_.price, estimate_tokens(request));
}

void accept_answer_text(WireAnswer& answer, const std::string& text, const AnalysisType& type,
                        const std::string& no_text_problem) {
  if (text.empty()) {
    answer.problem = no_text_problem;
  } else if (auto parsed = parse_and_validate_answer(text, type)) {
    answer.result = std::move(*parsed);
  } else {
    answer.problem = parsed.error();
  }
}

std::int64_t token_count_at(const nlohmann::json& object, const char* name) {
  constexpr std::int64_t k_max_token_count = 1'000'000'000'000;
  if (!object.is_object()) return 0;
  const auto it = object.find(name);
  if (it == object.end()) return 0;
  if (it->is_number_unsigned()) return static_cast<std::int64_t>(std::min<std::uint64_t>(it->get<std::uint64_t>(), k_max_token_count));
  if (it->is_number_integer()) return std::clamp<std::int64_t>(it->get<std::int64_t>(), 0, k_max_token_count);
  if (it->is_number_float()) {
    const double value = it->get<double>();
    if (!std::isfinite(value) || value <= 0.0) return 0;
    return value >= static_cast<double>(k_max_token_count) ? k_max_token_count : std::llround(value);
  }
  return 0;
}

// Built by the same request builder as a real call, so every parameter it sends is covered.
std::string HttpProvider::request_shape(const AnalysisType& type) const {
  const NormalizedFeatures blank;
  const Prompt prompt = build_prompt(type, blank);
  return build_request(ProviderRequest{type, prompt, blank}).body;
}

}  // namespace samplemind
