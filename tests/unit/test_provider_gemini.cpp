// The Gemini provider against a scripted fake: request shape, answer and usage, RetryInfo
// honoured, an invalid key and the daily quota fatal.
#include <doctest/doctest.h>

#include "support/provider_fixture.hpp"

using namespace samplemind;
using namespace samplemind::testing;

TEST_CASE("provider gemini: request shape, answer and usage") {
  Fixture f;
  f.http->reply(200, json{{"candidates", {{{"content", {{"parts", {{{"text", "thinking"}, {"thought", true}},
                                                                    {{"text", good_answer()}}}}}},
                                           {"finishReason", "STOP"}}}},
                          {"usageMetadata", {{"promptTokenCount", 300}, {"candidatesTokenCount", 60},
                                             {"thoughtsTokenCount", 40}, {"cachedContentTokenCount", 100}}}}.dump());
  auto provider = f.make("gemini");
  const auto answer = answer_of(f.ask(*provider));
  CHECK(answer.result["genre"] == "house");
  CHECK(answer.input_tokens == 300);
  CHECK(answer.cached_input_tokens == 100);
  CHECK(answer.output_tokens == 100);
  CHECK(f.http->requests[0].url == "http://mock/v1beta/models/gemini-2.5-flash:generateContent");
  CHECK(f.header("x-goog-api-key") == k_secret);
  const json body = f.sent();
  CHECK(body["generationConfig"]["responseMimeType"] == "application/json");
  CHECK(body["generationConfig"]["responseSchema"]["type"] == "OBJECT");
  CHECK(body["generationConfig"]["thinkingConfig"]["thinkingBudget"] == 0);
  CHECK(body["systemInstruction"]["parts"][0]["text"].is_string());
}

TEST_CASE("provider gemini: RetryInfo is honoured, API_KEY_INVALID and daily quota are fatal") {
  Fixture f;
  f.http->reply(429, json{{"error", {{"code", 429}, {"status", "RESOURCE_EXHAUSTED"}, {"message", "slow"},
                                     {"details", {{{"@type", "type.googleapis.com/google.rpc.RetryInfo"},
                                                   {"retryDelay", "0.01s"}}}}}}}.dump());
  f.http->reply(200, json{{"candidates", {{{"content", {{"parts", {{{"text", good_answer()}}}}}},
                                           {"finishReason", "STOP"}}}}}.dump());
  auto provider = f.make("gemini");
  answer_of(f.ask(*provider));
  CHECK(f.http->requests.size() == 2);

  Fixture g;
  g.http->reply(400, json{{"error", {{"code", 400}, {"status", "INVALID_ARGUMENT"}, {"message", "API key not valid"},
                                     {"details", {{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
                                                   {"reason", "API_KEY_INVALID"}}}}}}}.dump());
  auto bad = g.make("gemini");
  const auto error = error_of(g.ask(*bad));
  CHECK(error.severity == ProviderFailure::fatal);
  CHECK(error.message.find("GEMINI_API_KEY") != std::string::npos);

  Fixture h;
  h.http->reply(429, json{{"error", {{"code", 429}, {"status", "RESOURCE_EXHAUSTED"}, {"message", "quota"},
                                     {"details", {{{"@type", "type.googleapis.com/google.rpc.QuotaFailure"},
                                                   {"violations", {{{"quotaId", "GenerateRequestsPerDayPerProject"}}}}}}}}}}
                          .dump());
  auto daily = h.make("gemini");
  CHECK(error_of(h.ask(*daily)).severity == ProviderFailure::fatal);

  Fixture k;
  k.http->reply(200, R"({"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS"}]})");
  auto cut = k.make("gemini");
  CHECK(error_of(k.ask(*cut)).message.find("MAX_TOKENS") != std::string::npos);
}
