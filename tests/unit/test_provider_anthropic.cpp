// The Anthropic provider against a scripted fake: the forced tool, its headers, usage with
// prompt-cache fields, 529 retried, max_tokens and refusal as per-file errors.
#include <doctest/doctest.h>

#include "support/provider_fixture.hpp"

using namespace samplemind;
using namespace samplemind::testing;

TEST_CASE("provider anthropic: forced tool, headers, usage with cache fields") {
  Fixture f;
  f.http->reply(200, json{{"content", {{{"type", "tool_use"}, {"name", "emit_analysis"}, {"id", "t"},
                                        {"input", json::parse(good_answer())}}}},
                          {"stop_reason", "tool_use"},
                          {"usage", {{"input_tokens", 100}, {"output_tokens", 50}, {"cache_creation_input_tokens", 20},
                                     {"cache_read_input_tokens", 30}}}}.dump());
  auto provider = f.make("anthropic");
  CHECK(provider->model() == "claude-haiku-4-5");
  const auto answer = answer_of(f.ask(*provider));
  CHECK(answer.result["mood"] == "dark");
  CHECK(answer.input_tokens == 150);
  CHECK(answer.cached_input_tokens == 30);
  CHECK(answer.output_tokens == 50);
  CHECK(answer.cost_usd == doctest::Approx((100 * 1.0 + 20 * 1.25 + 30 * 0.10 + 50 * 5.0) / 1e6));
  CHECK(f.http->requests[0].url == "http://mock/v1/messages");
  CHECK(f.header("x-api-key") == k_secret);
  CHECK(f.header("anthropic-version") == "2023-06-01");
  const json body = f.sent();
  CHECK(body["system"].is_string());
  CHECK(body["max_tokens"].is_number());
  CHECK(body["tool_choice"]["name"] == "emit_analysis");
  CHECK(body["tools"][0]["input_schema"]["type"] == "object");
}

TEST_CASE("provider anthropic: 529 is retried, max_tokens and refusal are errors") {
  Fixture f;
  f.http->reply(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
                {{"retry-after", "0.001"}});
  f.http->reply(200, json{{"content", {{{"type", "text"}, {"text", good_answer()}}}}, {"stop_reason", "end_turn"}}.dump());
  auto provider = f.make("anthropic");
  answer_of(f.ask(*provider));
  CHECK(f.http->requests.size() == 2);

  Fixture g;
  g.http->reply(200, R"({"content":[{"type":"text","text":"{\"genre\":"}],"stop_reason":"max_tokens"})");
  auto cut = g.make("anthropic");
  CHECK(error_of(g.ask(*cut)).message.find("cut off") != std::string::npos);

  Fixture h;
  h.http->reply(200, R"({"content":[],"stop_reason":"refusal"})");
  auto refusing = h.make("anthropic");
  CHECK(error_of(h.ask(*refusing)).message.find("refused") != std::string::npos);

  Fixture k;
  k.http->reply(401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})");
  auto bad = k.make("anthropic");
  const auto error = error_of(k.ask(*bad));
  CHECK(error.severity == ProviderFailure::fatal);
  CHECK(error.message.find("ANTHROPIC_API_KEY") != std::string::npos);
}
