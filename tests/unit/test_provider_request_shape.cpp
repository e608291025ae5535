// The AI key covers exactly what shapes the answer: the request each provider would send,
// built by its own request builder with the features blanked, is hashed into the key.
#include <doctest/doctest.h>

#include <string>

#include "provider/http_provider.hpp"
#include "model/analysis_type.hpp"
#include "cache/cache_key.hpp"
#include "model/normalized_features.hpp"

using namespace samplemind;

namespace {

HttpProviderConfig config_for(const std::string& name, const std::string& model) {
  HttpProviderConfig config;
  config.identity.name = name;
  config.identity.model = model;
  config.identity.secret = "sk-test-not-a-real-key-0123456789";
  config.base_url = "http://127.0.0.1:9";
  return config;
}

std::string key_hex(const Provider& provider, const char* analysis) {
  const AnalysisType& type = *find_analysis_type(analysis);
  const NormalizedFeatures features{{"kind", "loop"}, {"tempo_bpm", "120"}, {"key", "A"}};
  return make_ai_cache_key(provider.name(), provider.model(), type, features,
                           request_shape_hash(provider.request_shape(type)))
      .hex;
}

}  // namespace

TEST_CASE("request shape: the same settings give the same key, every request parameter changes it") {
  auto base = make_openai_provider(config_for("openai", "gpt-4o-mini"));
  auto same = make_openai_provider(config_for("openai", "gpt-4o-mini"));
  CHECK(key_hex(*base, "genre_classification") == key_hex(*same, "genre_classification"));

  HttpProviderConfig warmer = config_for("openai", "gpt-4o-mini");
  warmer.temperature = 0.7;
  CHECK(key_hex(*make_openai_provider(warmer), "genre_classification") != key_hex(*base, "genre_classification"));

  HttpProviderConfig longer = config_for("openai", "gpt-4o-mini");
  longer.max_output_tokens = 2048;
  CHECK(key_hex(*make_openai_provider(longer), "genre_classification") != key_hex(*base, "genre_classification"));

  for (auto* make : {&make_anthropic_provider, &make_gemini_provider, &make_ollama_provider}) {
    HttpProviderConfig a = config_for("x", "m"), b = config_for("x", "m");
    b.temperature = 0.9;
    CHECK(key_hex(*(*make)(a), "quick_analysis") != key_hex(*(*make)(b), "quick_analysis"));
  }
}

TEST_CASE("request shape: features are blanked, secrets never enter it") {
  auto provider = make_anthropic_provider(config_for("anthropic", "claude-haiku-4-5"));
  const AnalysisType& type = *find_analysis_type("genre_classification");
  const std::string shape = provider->request_shape(type);
  CHECK_FALSE(shape.empty());
  CHECK(shape.find("sk-test-not-a-real-key") == std::string::npos);
  CHECK(shape.find("tempo_bpm=120") == std::string::npos);
  CHECK(shape == provider->request_shape(type));  // deterministic: one key per run and per process
  CHECK(request_shape_hash("") == "none");
  CHECK(request_shape_hash(shape).size() == 64);
}
