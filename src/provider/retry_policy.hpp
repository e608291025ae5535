#pragma once
// When to retry a provider call and how long to wait: the official SDKs' rules
// (408/409/429/5xx/529, connection errors, exponential backoff with jitter, server
// delays from retry-after-ms, retry-after and Gemini's RetryInfo), with caps.
#include <ctime>
#include <optional>
#include <string>

#include "provider/http_client.hpp"

namespace samplemind {

constexpr int k_default_max_retries = 4;             // 5 attempts in all
constexpr double k_initial_backoff_ms = 500.0;
constexpr double k_max_backoff_ms = 8'000.0;
constexpr double k_max_server_delay_ms = 60'000.0;   // a longer wait than this fails the file instead

struct RetryPolicy {
  int max_retries = k_default_max_retries;
  double initial_backoff_ms = k_initial_backoff_ms;
  double max_backoff_ms = k_max_backoff_ms;
  double max_server_delay_ms = k_max_server_delay_ms;
};

struct RetryDecision {
  bool retry = false;
  double delay_ms = 0.0;
  std::string reason;  // why it retries or why it gives up, for messages
};

// Statuses the SDKs retry: 408, 409, 429 and every 5xx (529 included).
bool is_retryable_status(long status);

// The delay the server asked for, in ms: retry-after-ms, retry-after (seconds or an
// HTTP date, relative to now), or a google.rpc.RetryInfo retryDelay in the body.
std::optional<double> server_retry_delay_ms(const HttpResponse& response, std::time_t now);

// Exponential backoff: min(initial * 2^retry, max) * a factor in (0.75, 1].
double backoff_delay_ms(const RetryPolicy& policy, int retries_done, double unit_random);

// Whether to try again after this outcome, given the retries already made.
// unit_random is in [0, 1); a caller decides only about outcomes that were not a success.
RetryDecision decide_retry(const RetryPolicy& policy, int retries_done, const HttpOutcome& outcome,
                           double unit_random, std::time_t now);

// A protobuf duration ("38s", "45.8s", "0.5s") in ms; nothing when malformed.
std::optional<double> parse_protobuf_duration_ms(const std::string& text);

}  // namespace samplemind
