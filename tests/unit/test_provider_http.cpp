// The OpenAI provider (and Ollama through its OpenAI-compatible endpoint) against a scripted
// fake: exact requests, answers, usage, cost, retries, fatal errors, keys kept out of messages.
#include <chrono>
#include <thread>

#include <doctest/doctest.h>

#include "support/provider_fixture.hpp"

using namespace samplemind;
using namespace samplemind::testing;

TEST_CASE("provider openai: request shape, answer, usage and cost") {
  Fixture f;
  f.http->reply(200, openai_body(good_answer(), "stop", 400));
  auto provider = f.make("openai");
  CHECK(provider->name() == "openai");
  CHECK(provider->model() == "gpt-4o-mini");
  const auto answer = answer_of(f.ask(*provider));
  CHECK(answer.result["genre"] == "house");
  CHECK(answer.input_tokens == 1000);
  CHECK(answer.cached_input_tokens == 400);
  CHECK(answer.output_tokens == 200);
  // 600 x 0.15 + 400 x 0.075 + 200 x 0.60 per million.
  CHECK(answer.cost_usd == doctest::Approx((600 * 0.15 + 400 * 0.075 + 200 * 0.60) / 1e6));
  REQUIRE(f.http->requests.size() == 1);
  CHECK(f.http->requests[0].url == "http://mock/v1/chat/completions");
  CHECK(f.header("Authorization") == std::string("Bearer ") + k_secret);
  const json body = f.sent();
  CHECK(body["model"] == "gpt-4o-mini");
  CHECK(body["messages"][0]["role"] == "system");
  CHECK(body["response_format"]["type"] == "json_schema");
  CHECK(body["response_format"]["json_schema"]["strict"] == true);
  CHECK(body["response_format"]["json_schema"]["schema"]["required"].size() == f.type.required_fields.size());
  CHECK(body.contains("max_completion_tokens"));
  CHECK(body.contains("temperature"));
}

TEST_CASE("provider openai: gpt-5 models get no temperature") {
  Fixture f;
  f.http->reply(200, openai_body(good_answer()));
  ProviderSettings settings{"openai", "gpt-5-mini", "", 0.0, f.http};
  auto provider = make_provider(settings, Environment::from_map({{"OPENAI_API_KEY", k_secret}}));
  answer_of(f.ask(*provider));
  CHECK_FALSE(f.sent().contains("temperature"));
  CHECK(f.sent()["max_completion_tokens"].get<int>() >= 4096);
}

TEST_CASE("provider openai: truncated, refused and invalid answers are per-file errors") {
  Fixture f;
  auto provider = f.make("openai");
  f.http->reply(200, openai_body(good_answer().substr(0, 20), "length"));
  auto error = error_of(f.ask(*provider));
  CHECK(error.severity == ProviderFailure::per_file);
  CHECK(error.message.find("cut off") != std::string::npos);
  CHECK(error.cost_usd > 0.0);  // billed even though unusable

  Fixture g;
  auto refusing = g.make("openai");
  g.http->reply(200, json{{"choices", {{{"message", {{"content", nullptr}, {"refusal", "I can't help"}}},
                                        {"finish_reason", "stop"}}}}}.dump());
  CHECK(error_of(g.ask(*refusing)).message.find("refused") != std::string::npos);

  Fixture h;
  auto invalid = h.make("openai");
  h.http->reply(200, openai_body(R"({"genre":"house"})"));
  CHECK(error_of(h.ask(*invalid)).message.find("subgenres") != std::string::npos);
}

TEST_CASE("provider openai: a bad key is fatal, names the variable and hides the key") {
  Fixture f;
  f.http->reply(401, json{{"error", {{"message", std::string("Incorrect API key provided: ") + k_secret},
                                     {"type", "invalid_request_error"}, {"code", "invalid_api_key"}}}}.dump());
  auto provider = f.make("openai");
  const auto error = error_of(f.ask(*provider));
  CHECK(error.severity == ProviderFailure::fatal);
  CHECK(error.message.find("OPENAI_API_KEY") != std::string::npos);
  CHECK(error.message.find("openai") == 0);
  CHECK(error.message.find(k_secret) == std::string::npos);
  CHECK(error.message.find("SECRET") == std::string::npos);
  CHECK(f.http->requests.size() == 1);  // never retried
}

TEST_CASE("provider openai: insufficient_quota is fatal, a rate limit is retried") {
  Fixture f;
  f.http->reply(429, json{{"error", {{"message", "quota"}, {"type", "insufficient_quota"}, {"code", "insufficient_quota"}}}}.dump());
  auto provider = f.make("openai");
  CHECK(error_of(f.ask(*provider)).severity == ProviderFailure::fatal);

  Fixture g;
  g.http->reply(429, R"({"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}})",
                {{"retry-after-ms", "5"}, {"retry-after", "1"}});
  g.http->reply(200, openai_body(good_answer()));
  auto limited = g.make("openai");
  answer_of(g.ask(*limited));
  CHECK(g.http->requests.size() == 2);
}

TEST_CASE("provider openai: retries stop at the limit and on x-should-retry false") {
  Fixture f;
  f.http->reply(500, R"({"error":{"message":"boom","type":"server_error"}})", {{"retry-after-ms", "1"}});
  auto provider = f.make("openai", {{"SAMPLEMIND_MAX_RETRIES", "2"}});
  const auto error = error_of(f.ask(*provider));
  CHECK(error.severity == ProviderFailure::per_file);
  CHECK(f.http->requests.size() == 3);

  Fixture g;
  g.http->reply(500, R"({"error":{"message":"boom"}})", {{"x-should-retry", "false"}});
  auto no_retry = g.make("openai");
  error_of(g.ask(*no_retry));
  CHECK(g.http->requests.size() == 1);

  Fixture h;
  h.http->reply(429, R"({"error":{"message":"later"}})", {{"retry-after", "300"}});
  auto too_long = h.make("openai");
  CHECK(error_of(h.ask(*too_long)).message.find("cap") != std::string::npos);
  CHECK(h.http->requests.size() == 1);
}

TEST_CASE("provider openai: connection errors are retried") {
  Fixture f;
  f.http->fail_transport("Couldn't connect to server", false);
  f.http->reply(200, openai_body(good_answer()));
  auto provider = f.make("openai");
  answer_of(f.ask(*provider));
  CHECK(f.http->requests.size() == 2);
}

TEST_CASE("provider ollama: OpenAI-compatible endpoint without a key") {
  Fixture f;
  f.http->reply(200, openai_body(good_answer()));
  auto provider = f.make("ollama", {{"OLLAMA_HOST", "127.0.0.1:9999"}});
  CHECK(provider->name() == "ollama");
  const auto answer = answer_of(f.ask(*provider));
  CHECK(answer.cost_usd == 0.0);
  CHECK(f.http->requests[0].url == "http://127.0.0.1:9999/v1/chat/completions");
  CHECK(f.header("Authorization").empty());
  const json body = f.sent();
  CHECK(body["response_format"]["type"] == "json_schema");  // a grammar, not a hint
  CHECK(body["response_format"]["json_schema"]["schema"]["properties"]["confidence"]["type"] == "number");
  CHECK(body.contains("max_tokens"));
  CHECK(body["stream"] == false);

  Fixture g;
  g.http->reply(404, R"({"error":{"message":"model \"llama3.2\" not found, try pulling it first","type":"not_found_error"}})");
  auto missing = g.make("ollama");
  const auto error = error_of(g.ask(*missing));
  CHECK(error.severity == ProviderFailure::fatal);
  CHECK(error.message.find("ollama pull") != std::string::npos);
}

TEST_CASE("provider http: a stopped batch ends retry waits promptly") {
  Fixture f;
  f.http->reply(503, R"({"error":{"message":"busy"}})", {{"retry-after", "30"}});
  auto provider = f.make("openai");
  std::atomic<bool> cancel{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.store(true);
  });
  const auto start = std::chrono::steady_clock::now();
  const auto outcome = provider->analyze({f.type, f.prompt, f.features, &cancel});
  stopper.join();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  CHECK(error_of(outcome).message.find("stopped") != std::string::npos);
  CHECK(f.http->requests.size() == 1);
}
