// Hostile provider answers: nesting, size, key-shaped messages, escape
// sequences, echoed keys, unbounded timeouts. Each case crashed, hung or leaked before.
#include <chrono>

#include <doctest/doctest.h>

#include "provider/provider_errors.hpp"
#include "provider/answer_sanitizer.hpp"
#include "util/bounded_json.hpp"
#include "util/environment.hpp"
#include "provider/prompt.hpp"
#include "provider/provider.hpp"
#include "util/secret_mask.hpp"
#include "support/fake_http.hpp"

using namespace samplemind;
using json = nlohmann::json;

namespace {
constexpr const char* k_key = "sk-hostile-KEY-0123456789abcdef";
constexpr const char* k_other_key = "ant-other-provider-key-0123456789";
constexpr const char* k_redis_password = "redis-pass-42-xyz";

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string openai_body(const std::string& content) {
  return json{{"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}},
                            {"finish_reason", "stop"}}}},
              {"usage", {{"prompt_tokens", 100}, {"completion_tokens", 20}}}}
      .dump();
}

struct Hostile {
  std::shared_ptr<FakeHttpClient> http = std::make_shared<FakeHttpClient>();
  const AnalysisType& type = *find_analysis_type("genre_classification");
  NormalizedFeatures features = {{"kind", "loop"}};
  Prompt prompt = build_prompt(type, features);

  std::unique_ptr<Provider> make(std::map<std::string, std::string> env = {}) {
    env.emplace("OPENAI_API_KEY", k_key);
    env.emplace("ANTHROPIC_API_KEY", k_other_key);
    env.emplace("REDIS_URL", std::string("redis://:") + k_redis_password + "@127.0.0.1:6379/0");
    env.emplace("OPENAI_BASE_URL", "http://mock/v1");
    env.emplace("SAMPLEMIND_MAX_RETRIES", "0");
    ProviderSettings settings;
    settings.name = "openai";
    settings.analysis_type = type.name;
    settings.http = http;
    return make_provider(settings, Environment::from_map(env));
  }
  ProviderOutcome ask(Provider& provider) { return provider.analyze({type, prompt, features}); }
};
}  // namespace

TEST_CASE("bounded json: depth and size caps, brackets inside strings do not count") {
  CHECK(parse_bounded_json(R"({"genre":"[[[[{{{{","tags":["a"]})"));
  CHECK(parse_bounded_json(nested(k_max_json_depth)));
  auto deep = parse_bounded_json(nested(100'000));
  REQUIRE_FALSE(deep);
  CHECK(deep.error() == "JSON nested deeper than 64 levels");
  auto big = parse_bounded_json("\"" + std::string(k_max_json_bytes, 'a') + "\"");
  REQUIRE_FALSE(big);
  CHECK(big.error().find("JSON larger than") == 0);
  CHECK(parse_bounded_json("{not json").error() == "not valid JSON");
  CHECK(check_json_bounds(R"(["\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["])").ok);
}

TEST_CASE("secret masking: a 40,000-character key-shaped message is masked in linear time") {
  const std::string huge = "sk-" + std::string(40'000, 'a');
  const auto start = std::chrono::steady_clock::now();
  CHECK(mask_secrets("key " + huge + " end", "") == "key *** end");  // std::regex overflowed the stack here
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  HttpResponse response;
  response.status = 400;
  response.body = json{{"error", {{"message", huge}, {"type", "invalid_request_error"}}}}.dump();
  ProviderIdentity who{"openai", "gpt-4o-mini", "OPENAI_API_KEY", "OPENAI_BASE_URL", k_key, {}};
  CHECK(per_file_http_failure(who, response, "").message == "openai: HTTP 400: ***");
  // The old shapes still hold for messages.
  CHECK(mask_secrets("key sk-abc123456789 here", "") == "key *** here");
  CHECK(mask_secrets("AIzaSyA1234567890abcdef", "") == "***");
  CHECK(mask_secrets("sk-abc", "") == "sk-abc");
}

TEST_CASE("answer sanitizer: control characters, configured secrets and strict key shapes") {
  CHECK(strip_control_chars("a\x1b[2Jb\x1b]0;pwned\x07" "c\r\nd\te\x7f\xc2\x9b" "f") == "a[2Jb]0;pwnedc  d ef");
  CHECK(strip_control_chars("caf\xc3\xa9 \xc2\xa0ok") == "caf\xc3\xa9 \xc2\xa0ok");  // UTF-8 text stays
  const json answer = {{"genre", "house \x1b[2J"},
                       {"tags", {std::string("x") + k_other_key + "y", "risk-taking", "sk-proj-abcdefghijklmnopqrstuvwx"}},
                       {"confidence", 0.5}};
  const json clean = sanitize_answer(answer, {k_other_key});
  CHECK(clean["genre"] == "house [2J");
  CHECK(clean["tags"][0] == "x***y");
  CHECK(clean["tags"][1] == "risk-taking");
  CHECK(clean["tags"][2] == "***");
  CHECK(clean["confidence"] == 0.5);
}

TEST_CASE("hostile provider: an answer nested 100,000 deep is a per-file error, not a crash") {
  Hostile h;
  h.http->reply(200, openai_body(R"({"genre":)" + nested(100'000) + R"(,"subgenres":[],"confidence":1,"mood":"x","tags":[]})"));
  auto provider = h.make();
  auto outcome = h.ask(*provider);
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  const auto& error = std::get<ProviderError>(outcome);
  CHECK(error.severity == ProviderFailure::per_file);
  CHECK(error.message == "openai: the answer was rejected: JSON nested deeper than 64 levels");
  CHECK(error.input_tokens == 100);  // still billed

  Hostile body_deep;  // the nesting in the body itself, around the answer
  body_deep.http->reply(200, R"({"choices":[],"x":)" + nested(100'000) + "}");
  auto again = body_deep.make();
  auto rejected = body_deep.ask(*again);
  REQUIRE(std::holds_alternative<ProviderError>(rejected));
  CHECK(std::get<ProviderError>(rejected).message ==
        "openai: HTTP 200 answer rejected: JSON nested deeper than 64 levels");
}

TEST_CASE("hostile provider: escapes and echoed configured keys never reach the answer") {
  Hostile h;
  const json answer = {{"genre", std::string("house\x1b]0;title\x07\x1b[2J\r\nFAKE LINE")},
                       {"subgenres", {std::string("deep ") + k_key}},
                       {"confidence", 0.5},
                       {"mood", std::string("pw ") + k_redis_password},
                       {"tags", {std::string("other ") + k_other_key}}};
  h.http->reply(200, openai_body(answer.dump()));
  auto provider = h.make();
  auto outcome = h.ask(*provider);
  REQUIRE(std::holds_alternative<ProviderAnswer>(outcome));
  const json& result = std::get<ProviderAnswer>(outcome).result;
  CHECK(result["genre"] == "house]0;title[2J  FAKE LINE");
  CHECK(result["subgenres"][0] == "deep ***");
  CHECK(result["mood"] == "pw ***");
  CHECK(result["tags"][0] == "other ***");
}

TEST_CASE("hostile provider: a body over the cap fails the file at once, without retries") {
  Hostile h;
  h.http->fail_transport_permanent("the response body is larger than 4194304 bytes");
  auto provider = h.make({{"SAMPLEMIND_MAX_RETRIES", "4"}});
  auto outcome = h.ask(*provider);
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  CHECK(std::get<ProviderError>(outcome).message == "openai: the response body is larger than 4194304 bytes");
  CHECK(h.http->requests.size() == 1);
  CHECK(h.http->requests[0].max_body_bytes == k_max_response_body_bytes);
}

TEST_CASE("hostile provider: the interrupt flag reaches the HTTP call, interrupted files are skipped") {
  Hostile h;
  h.http->reply(500, R"({"error":{"message":"boom","type":"server_error"}})");
  auto provider = h.make({{"SAMPLEMIND_MAX_RETRIES", "4"}});
  std::atomic<bool> interrupt{false};
  h.http->on_post = [&] { interrupt = true; };  // the signal arrives during the call
  auto outcome = provider->analyze({h.type, h.prompt, h.features, nullptr, &interrupt});
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  CHECK(std::get<ProviderError>(outcome).severity == ProviderFailure::skipped);
  CHECK(std::get<ProviderError>(outcome).message == "not analysed: interrupted");
  REQUIRE(h.http->requests.size() == 1);
  CHECK(h.http->requests[0].abort == &interrupt);
}

TEST_CASE("hostile provider: timeouts are finite and capped at 600 s") {
  Hostile h;
  h.http->reply(200, openai_body(R"({"genre":"x","subgenres":[],"confidence":1,"mood":"x","tags":[]})"));
  auto provider = h.make({{"SAMPLEMIND_TIMEOUT_S", "86400"}, {"SAMPLEMIND_CONNECT_TIMEOUT_S", "3600"}});
  h.ask(*provider);
  REQUIRE(h.http->requests.size() == 1);
  CHECK(h.http->requests[0].total_timeout_ms == k_max_timeout_ms);
  CHECK(h.http->requests[0].connect_timeout_ms == k_max_timeout_ms);
  Hostile bad;
  CHECK_THROWS_AS(bad.make({{"SAMPLEMIND_TIMEOUT_S", "inf"}}), ConfigError);
  CHECK_THROWS_AS(bad.make({{"SAMPLEMIND_TIMEOUT_S", "1e300"}}), ConfigError);
  CHECK_THROWS_AS(bad.make({{"SAMPLEMIND_TIMEOUT_S", "nan"}}), ConfigError);
  CHECK_THROWS_AS(bad.make({{"SAMPLEMIND_TIMEOUT_S", "0"}}), ConfigError);
}
