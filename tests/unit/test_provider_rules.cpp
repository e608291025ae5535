// Retry timing, the price table, routing, provider choice, rate limiting and masking.
#include <chrono>
#include <thread>

#include <doctest/doctest.h>

#include "provider/answer_schema.hpp"
#include "provider/provider_errors.hpp"
#include "provider/provider_routes.hpp"
#include "util/environment.hpp"
#include "provider/price_table.hpp"
#include "provider/provider.hpp"
#include "provider/rate_limiter.hpp"
#include "util/result.hpp"
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

TEST_CASE("provider prices: parse, alias lookup and cost") {
  auto table = PriceTable::parse(R"({"prices_read":"2026-03-31","providers":{"openai":{
      "gpt-4o":{"input":2.5,"output":10,"aliases":["gpt-4o-2024-08-06"]},
      "gpt-4o-mini":{"input":0.15,"output":0.6,"cached_input":0.075}}}})");
  REQUIRE(table.ok());
  CHECK(table->prices_read() == "2026-03-31");
  CHECK_FALSE(table->find("openai", "gpt-4o-mini-2024-07-18"));  // not declared: unknown, never a prefix guess
  CHECK(table->find("openai", "gpt-4o-2024-08-06")->input_usd_per_mtok == 2.5);
  CHECK_FALSE(table->find("openai", "gpt-3.5-turbo"));
  CHECK_FALSE(table->find("anthropic", "gpt-4o"));
  const ModelPrice price = *table->find("openai", "gpt-4o");
  CHECK(price.cached_input_usd_per_mtok == 2.5);  // unlisted cache price: plain input price
  CHECK(cost_usd(price, TokenUsage{1'000'000, 0, 0, 1'000'000}) == doctest::Approx(12.5));
  CHECK_FALSE(PriceTable::parse("{").ok());
  CHECK_FALSE(PriceTable::parse(R"({"providers":{"x":{"m":{"input":-1,"output":1}}}})").ok());
}

TEST_CASE("provider prices: the shipped table and the SAMPLEMIND_PRICES override") {
  const PriceTable shipped = PriceTable::load_default(Environment::from_map({}));
  CHECK(shipped.prices_read() != "unknown");
  CHECK(shipped.find("openai", "gpt-4o-mini"));
  CHECK(shipped.find("anthropic", "claude-haiku-4-5"));
  CHECK(shipped.find("gemini", "gemini-2.5-flash"));
  CHECK(shipped.find("ollama", "anything")->output_usd_per_mtok == 0.0);
  CHECK_THROWS_AS(PriceTable::load_default(Environment::from_map({{"SAMPLEMIND_PRICES", "/nonexistent.json"}})),
                  ConfigError);
}

TEST_CASE("provider routes and auto choice") {
  const auto routes = parse_provider_routes("genre_classification=gemini:gemini-2.5-flash, production_coaching=anthropic");
  CHECK(routes.at("genre_classification").provider == "gemini");
  CHECK(routes.at("genre_classification").model == "gemini-2.5-flash");
  CHECK(routes.at("production_coaching").model.empty());
  CHECK_THROWS_AS(parse_provider_routes("nonsense=openai"), ConfigError);
  CHECK_THROWS_AS(parse_provider_routes("genre_classification=skynet"), ConfigError);
  CHECK_THROWS_AS(parse_provider_routes("genre_classification"), ConfigError);

  ProviderSettings settings;
  settings.analysis_type = "genre_classification";
  CHECK(make_provider(settings, Environment::from_map({{"ANTHROPIC_API_KEY", "k"}}))->name() == "anthropic");
  CHECK(make_provider(settings, Environment::from_map({{"GOOGLE_API_KEY", "k"}}))->name() == "gemini");
  CHECK(make_provider(settings, Environment::from_map({{"OPENAI_API_KEY", "k"}, {"GEMINI_API_KEY", "k"}}))->name() ==
        "openai");
  auto routed = make_provider(settings, Environment::from_map({{"OPENAI_API_KEY", "k"}, {"GEMINI_API_KEY", "k"},
                                                                {"SAMPLEMIND_ROUTES", "genre_classification=gemini:gemini-2.5-pro"}}));
  CHECK(routed->name() == "gemini");
  CHECK(routed->model() == "gemini-2.5-pro");
  settings.analysis_type = "rhythm_analysis";
  CHECK(make_provider(settings, Environment::from_map({{"SAMPLEMIND_ROUTES", "genre_classification=gemini"}}))->is_offline());
  CHECK_THROWS_AS(make_provider({"openai", ""}, Environment::from_map({})), ConfigError);
  CHECK(make_provider({"ollama", ""}, Environment::from_map({}))->model() == "llama3.2");
}

TEST_CASE("provider estimate: hosted models cost something, offline nothing") {
  const AnalysisType& type = *find_analysis_type("genre_classification");
  const NormalizedFeatures features = {{"tempo_bpm", "120"}};
  const Prompt prompt = build_prompt(type, features);
  auto openai = make_provider({"openai", ""}, Environment::from_map({{"OPENAI_API_KEY", "k"}}));
  const double estimate = openai->estimate_cost_usd({type, prompt, features});
  CHECK(estimate > 0.0);
  CHECK(estimate < 0.001);
  CHECK(make_provider({"offline", ""}, Environment::from_map({}))->estimate_cost_usd({type, prompt, features}) == 0.0);
}

TEST_CASE("provider rate limiter spaces calls and honours pauses") {
  RateLimiter limiter(1200.0);  // one call every 50 ms
  const auto start = RateLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) limiter.acquire();
  CHECK(RateLimiter::Clock::now() - start >= std::chrono::milliseconds(195));
  RateLimiter unlimited;
  unlimited.pause_until(RateLimiter::Clock::now() + std::chrono::milliseconds(60));
  const auto paused = RateLimiter::Clock::now();
  unlimited.acquire();
  CHECK(RateLimiter::Clock::now() - paused >= std::chrono::milliseconds(55));
}

TEST_CASE("provider errors: masking and body shapes") {
  CHECK(mask_secrets("key sk-abc123456789 here", "") == "key *** here");
  CHECK(mask_secrets("my-own-secret-value\nline", "my-own-secret-value") == "*** line");
  CHECK(mask_secrets("AIzaSyA1234567890abcdef", "") == "***");
  CHECK(parse_error_body(R"({"error":"model not found"})").message == "model not found");
  const auto gemini = parse_error_body(
      R"({"error":{"code":400,"status":"INVALID_ARGUMENT","message":"m","details":[{"reason":"API_KEY_INVALID"}]}})");
  CHECK(gemini.reason == "API_KEY_INVALID");
  CHECK(gemini.type == "INVALID_ARGUMENT");
  CHECK(gemini.code == "400");
}

TEST_CASE("provider answers: schema and validation") {
  const AnalysisType& type = *find_analysis_type("genre_classification");
  const auto schema = answer_json_schema(type);
  CHECK(schema["properties"]["tags"]["type"] == "array");
  CHECK(schema["properties"]["confidence"]["type"] == "number");
  CHECK(schema["additionalProperties"] == false);
  CHECK(answer_gemini_schema(type)["properties"]["genre"]["type"] == "STRING");
  const std::string good = R"({"genre":"a","subgenres":[],"confidence":1,"mood":"b","tags":[]})";
  CHECK(parse_and_validate_answer(good, type).ok());
  CHECK(parse_and_validate_answer("```json\n" + good + "\n```", type).ok());
  CHECK_FALSE(parse_and_validate_answer(R"({"genre":"a"})", type).ok());
  CHECK_FALSE(parse_and_validate_answer(R"({"genre":"a", "subgen)", type).ok());
  CHECK_FALSE(parse_and_validate_answer("[1,2]", type).ok());
}
