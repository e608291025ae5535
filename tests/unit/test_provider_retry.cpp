// Retry decisions and backoff: which statuses retry, how long to wait, and server-given delays.
#include <doctest/doctest.h>

#include "provider/retry_policy.hpp"

using namespace samplemind;

namespace {
HttpResponse response_with(long status, std::map<std::string, std::string> headers, std::string body = "") {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}
}  // namespace

TEST_CASE("provider retry: statuses and backoff like the SDKs") {
  for (long status : {408L, 409L, 429L, 500L, 502L, 503L, 504L, 529L}) CHECK(is_retryable_status(status));
  for (long status : {400L, 401L, 403L, 404L, 422L}) CHECK_FALSE(is_retryable_status(status));
  RetryPolicy policy;
  CHECK(backoff_delay_ms(policy, 0, 0.0) == doctest::Approx(500.0));
  CHECK(backoff_delay_ms(policy, 1, 0.0) == doctest::Approx(1000.0));
  CHECK(backoff_delay_ms(policy, 1, 1.0) == doctest::Approx(750.0));
  CHECK(backoff_delay_ms(policy, 10, 0.0) == doctest::Approx(8000.0));
}

TEST_CASE("provider retry: server delays from headers and RetryInfo") {
  const std::time_t now = 1'700'000'000;
  CHECK(*server_retry_delay_ms(response_with(429, {{"retry-after-ms", "250"}, {"retry-after", "9"}}), now) == 250.0);
  CHECK(*server_retry_delay_ms(response_with(429, {{"retry-after", "2"}}), now) == 2000.0);
  CHECK(*server_retry_delay_ms(response_with(429, {{"retry-after", "Tue, 14 Nov 2023 22:13:30 GMT"}}), now) ==
        doctest::Approx(10'000.0));
  const std::string body =
      R"({"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"45.8s"}]}})";
  CHECK(*server_retry_delay_ms(response_with(429, {}, body), now) == doctest::Approx(45'800.0));
  CHECK_FALSE(server_retry_delay_ms(response_with(429, {}), now));
  CHECK_FALSE(parse_protobuf_duration_ms("soon"));
}

TEST_CASE("provider retry: decisions") {
  RetryPolicy policy;
  policy.max_retries = 2;
  const HttpOutcome limited = response_with(429, {{"retry-after", "1"}});
  auto decision = decide_retry(policy, 0, limited, 0.5, 0);
  CHECK(decision.retry);
  CHECK(decision.delay_ms == 1000.0);
  CHECK_FALSE(decide_retry(policy, 2, limited, 0.5, 0).retry);
  CHECK_FALSE(decide_retry(policy, 0, response_with(429, {{"retry-after", "600"}}), 0.5, 0).retry);
  CHECK_FALSE(decide_retry(policy, 0, response_with(400, {}), 0.5, 0).retry);
  CHECK(decide_retry(policy, 0, response_with(400, {{"x-should-retry", "true"}}), 0.5, 0).retry);
  CHECK_FALSE(decide_retry(policy, 0, response_with(503, {{"x-should-retry", "false"}}), 0.5, 0).retry);
  CHECK(decide_retry(policy, 0, HttpOutcome{TransportError{"reset", false}}, 0.5, 0).retry);
}
