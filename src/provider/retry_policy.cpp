// Retry decisions, kept free of clocks and randomness (both are passed in) so the
// rules can be tested exactly.
#include "provider/retry_policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/bounded_json.hpp"

#include "provider/curl_library.hpp"

namespace samplemind {

namespace {
constexpr double k_ms_per_s = 1000.0;
constexpr double k_jitter_floor = 0.75;

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> retry_info_delay_ms(const std::string& body) {
  const auto parsed = parse_bounded_json(body);
  if (!parsed || !parsed->is_object() || !parsed->contains("error")) return std::nullopt;
  const auto& error = (*parsed)["error"];
  if (!error.is_object()) return std::nullopt;  // Ollama's {"error": "text"}
  const auto& details = error.value("details", nlohmann::json::array());
  if (!details.is_array()) return std::nullopt;
  for (const auto& detail : details) {
    if (!detail.is_object() || !detail.value("@type", nlohmann::json()).is_string()) continue;
    const std::string type = detail.value("@type", "");
    if (type.find("google.rpc.RetryInfo") != std::string::npos && detail.contains("retryDelay") &&
        detail["retryDelay"].is_string()) {
      return parse_protobuf_duration_ms(detail["retryDelay"].get<std::string>());
    }
  }
  return std::nullopt;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}
}  // namespace

bool is_retryable_status(long status) { return status == 408 || status == 409 || status == 429 || status >= 500; }

std::optional<double> parse_protobuf_duration_ms(const std::string& text) {
  if (text.size() < 2 || text.back() != 's') return std::nullopt;
  const auto seconds = parse_number(text.substr(0, text.size() - 1));
  if (!seconds || *seconds < 0) return std::nullopt;
  return *seconds * k_ms_per_s;
}

std::optional<double> server_retry_delay_ms(const HttpResponse& response, std::time_t now) {
  if (auto ms = parse_number(response.header("retry-after-ms"))) return *ms;
  const std::string after = response.header("retry-after");
  if (auto seconds = parse_number(after)) return *seconds * k_ms_per_s;
  if (!after.empty()) {
    // An HTTP date: libcurl is loaded already, since this header came in a response.
    if (auto curl = curl_library()) {
      const std::time_t date = (*curl)->getdate(after.c_str(), nullptr);
      if (date != -1) return std::max(0.0, std::difftime(date, now) * k_ms_per_s);
    }
  }
  return retry_info_delay_ms(response.body);
}

double backoff_delay_ms(const RetryPolicy& policy, int retries_done, double unit_random) {
  const double exponential = policy.initial_backoff_ms * std::pow(2.0, std::max(0, retries_done));
  const double capped = std::min(exponential, policy.max_backoff_ms);
  const double factor = 1.0 - (1.0 - k_jitter_floor) * std::clamp(unit_random, 0.0, 1.0);
  return capped * factor;
}

RetryDecision decide_retry(const RetryPolicy& policy, int retries_done, const HttpOutcome& outcome,
                           double unit_random, std::time_t now) {
  RetryDecision decision;
  if (const auto* failure = std::get_if<TransportError>(&outcome)) {
    decision.reason = failure->timed_out ? "timed out" : fmt::format("connection error: {}", failure->message);
    if (failure->permanent) {
      decision.reason = failure->message;
      return decision;
    }
  } else {
    const auto& response = std::get<HttpResponse>(outcome);
    const std::string should_retry = lower(response.header("x-should-retry"));
    decision.reason = fmt::format("HTTP {}", response.status);
    if (should_retry == "false") {
      decision.reason += " (server said not to retry)";
      return decision;
    }
    if (should_retry != "true" && !is_retryable_status(response.status)) return decision;
    if (auto delay = server_retry_delay_ms(response, now); delay && *delay > 0.0) {
      if (*delay > policy.max_server_delay_ms) {
        decision.reason += fmt::format(" (server asked to wait {:.0f} s, over the {:.0f} s cap)", *delay / k_ms_per_s,
                                       policy.max_server_delay_ms / k_ms_per_s);
        return decision;
      }
      decision.delay_ms = *delay;
    }
  }
  if (retries_done >= policy.max_retries) {
    decision.reason += fmt::format(" after {} retries", retries_done);
    return decision;
  }
  decision.retry = true;
  if (decision.delay_ms <= 0.0) decision.delay_ms = backoff_delay_ms(policy, retries_done, unit_random);
  return decision;
}

}  // namespace samplemind
