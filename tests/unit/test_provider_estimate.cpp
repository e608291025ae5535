// The dry-run estimate counts the real request, the expected answer
// and the reasoning budget, and needs no key; Anthropic's out-of-credit 400 stops the batch.
#include <doctest/doctest.h>
#include "provider/provider.hpp"

#include "provider/answer_schema.hpp"
#include "provider/http_provider.hpp"
#include "support/money_fixture.hpp"

using namespace samplemind;
using namespace samplemind::money_test;

TEST_CASE("provider estimate: no API key is needed when no call will be made") {
  ProviderFixture f;
  ProviderSettings no_calls;
  no_calls.makes_calls = false;
  CHECK_THROWS_AS(f.make("openai", "", {}, false), ConfigError);
  auto provider = f.make("openai", "", {}, false, no_calls);
  CHECK(provider->name() == "openai");
  CHECK(f.estimate(*provider) > 0.0);
  CHECK(f.http->requests.empty());
}

TEST_CASE("provider estimate: request size in, expected answer and reasoning out") {
  ProviderFixture f;
  auto mini = f.make("openai", "gpt-4o-mini");
  auto* http = dynamic_cast<HttpProvider*>(mini.get());
  REQUIRE(http != nullptr);
  const Prompt prompt = build_prompt(*f.type, f.features);
  const ProviderRequest request{*f.type, prompt, f.features};
  const TokenUsage usage = http->estimate_tokens(request);
  // Input: the body actually sent, which holds the prompt and the schema.
  CHECK(usage.input * 4 >= static_cast<std::int64_t>(prompt.system.size() + prompt.user.size()));
  CHECK(usage.output == expected_answer_tokens(*f.type));

  auto reasoning = f.make("openai", "gpt-5-mini");
  const TokenUsage thinking = dynamic_cast<HttpProvider&>(*reasoning).estimate_tokens(request);
  CHECK(thinking.output == expected_answer_tokens(*f.type) + k_expected_reasoning_tokens);
  auto pro = f.make("gemini", "gemini-2.5-pro");
  CHECK(dynamic_cast<HttpProvider&>(*pro).estimate_tokens(request).output > usage.output);
  auto flash = f.make("gemini", "gemini-2.5-flash");  // thinkingBudget 0
  CHECK(dynamic_cast<HttpProvider&>(*flash).estimate_tokens(request).output == usage.output);
}

TEST_CASE("provider errors: Anthropic's 400 'credit balance is too low' is fatal") {
  ProviderFixture f;
  f.http->reply(400, R"({"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."},"request_id":"req_1"})");
  auto anthropic = f.make("anthropic");
  const auto outcome = f.ask(*anthropic);
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  const auto& error = std::get<ProviderError>(outcome);
  CHECK(error.severity == ProviderFailure::fatal);
  CHECK(error.message.rfind("anthropic:", 0) == 0);
  CHECK(f.http->requests.size() == 1);  // not retried

  ProviderFixture g;  // any other 400 stays a per-file error
  g.http->reply(400, R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too large"}})");
  auto other = g.make("anthropic");
  CHECK(std::get<ProviderError>(g.ask(*other)).severity == ProviderFailure::per_file);
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
