#pragma once
// A provider built against the scripted fake HTTP client (support/fake_http.hpp), with a
// known secret in every key variable, and helpers to read what it sent and what it answered.
#include <map>
#include <memory>
#include <string>
#include <variant>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "provider/prompt.hpp"
#include "provider/provider.hpp"
#include "support/fake_http.hpp"
#include "util/environment.hpp"

namespace samplemind::testing {

using json = nlohmann::json;

inline constexpr const char* k_secret = "sk-test-SECRET-0123456789";

struct Fixture {
  std::shared_ptr<FakeHttpClient> http = std::make_shared<FakeHttpClient>();
  const AnalysisType& type = *find_analysis_type("genre_classification");
  NormalizedFeatures features = {{"kind", "loop"}, {"tempo_bpm", "124"}, {"key", "A"}, {"mode", "minor"}};
  Prompt prompt = build_prompt(type, features);

  std::unique_ptr<Provider> make(const std::string& name, std::map<std::string, std::string> env = {}) {
    env.emplace("OPENAI_API_KEY", k_secret);
    env.emplace("ANTHROPIC_API_KEY", k_secret);
    env.emplace("GEMINI_API_KEY", k_secret);
    env.emplace("OPENAI_BASE_URL", "http://mock/v1");
    env.emplace("ANTHROPIC_BASE_URL", "http://mock");
    env.emplace("GEMINI_BASE_URL", "http://mock/");
    ProviderSettings settings;
    settings.name = name;
    settings.analysis_type = type.name;
    settings.http = http;
    return make_provider(settings, Environment::from_map(env));
  }
  ProviderOutcome ask(Provider& provider) { return provider.analyze({type, prompt, features}); }
  json sent(std::size_t index = 0) const { return json::parse(http->requests.at(index).body); }
  std::string header(const std::string& name, std::size_t index = 0) const {
    for (const auto& [key, value] : http->requests.at(index).headers) {
      if (key == name) return value;
    }
    return "";
  }
};

inline std::string good_answer() {
  return json{{"genre", "house"}, {"subgenres", {"deep house"}}, {"confidence", 0.7}, {"mood", "dark"}, {"tags", {"loop"}}}
      .dump();
}

inline std::string openai_body(const std::string& content, const std::string& finish = "stop", int cached = 0) {
  return json{{"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}, {"refusal", nullptr}}},
                            {"finish_reason", finish}}}},
              {"usage", {{"prompt_tokens", 1000}, {"completion_tokens", 200}, {"total_tokens", 1200},
                         {"prompt_tokens_details", {{"cached_tokens", cached}}}}}}
      .dump();
}

inline ProviderAnswer answer_of(const ProviderOutcome& outcome) {
  if (const auto* error = std::get_if<ProviderError>(&outcome)) FAIL("unexpected error: " << error->message);
  return std::get<ProviderAnswer>(outcome);
}

inline ProviderError error_of(const ProviderOutcome& outcome) {
  REQUIRE(std::holds_alternative<ProviderError>(outcome));
  return std::get<ProviderError>(outcome);
}

}  // namespace samplemind::testing
