#pragma once
// A provider built by make_provider against a scripted fake HTTP client, for the money
// tests (prices, estimates, endpoints, answer schemas).
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "util/environment.hpp"
#include "provider/prompt.hpp"
#include "provider/provider.hpp"
#include "support/fake_http.hpp"

namespace samplemind::money_test {

constexpr const char* k_key = "sk-test-MONEY-0123456789";

struct ProviderFixture {
  std::shared_ptr<FakeHttpClient> http = std::make_shared<FakeHttpClient>();
  const AnalysisType* type = find_analysis_type("genre_classification");
  NormalizedFeatures features = {{"kind", "loop"}, {"tempo_bpm", "124"}, {"key", "A"}, {"mode", "minor"}};

  explicit ProviderFixture(const std::string& analysis = "genre_classification") : type(find_analysis_type(analysis)) {}

  std::unique_ptr<Provider> make(const std::string& name, const std::string& model = "",
                                 std::map<std::string, std::string> env = {}, bool with_keys = true,
                                 ProviderSettings settings = {}) {
    if (with_keys) {
      env.emplace("OPENAI_API_KEY", k_key);
      env.emplace("ANTHROPIC_API_KEY", k_key);
      env.emplace("GEMINI_API_KEY", k_key);
    }
    env.emplace("OPENAI_BASE_URL", "http://mock/v1");
    env.emplace("ANTHROPIC_BASE_URL", "http://mock");
    env.emplace("GEMINI_BASE_URL", "http://mock");
    env.emplace("SAMPLEMIND_MAX_RETRIES", "0");
    settings.name = name;
    settings.model = model;
    settings.analysis_type = type->name;
    settings.http = http;
    return make_provider(settings, Environment::from_map(env));
  }
  ProviderOutcome ask(Provider& provider) {
    const Prompt prompt = build_prompt(*type, features);
    return provider.analyze({*type, prompt, features});
  }
  double estimate(const Provider& provider) const {
    const Prompt prompt = build_prompt(*type, features);
    return provider.estimate_cost_usd({*type, prompt, features});
  }
};

// An OpenAI-shaped 200 answer carrying content, with usage.
inline std::string openai_answer(const std::string& content, int prompt_tokens = 1000, int completion_tokens = 200) {
  return nlohmann::json{{"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}},
                                      {"finish_reason", "stop"}}}},
                        {"usage", {{"prompt_tokens", prompt_tokens}, {"completion_tokens", completion_tokens}}}}
      .dump();
}

}  // namespace samplemind::money_test
