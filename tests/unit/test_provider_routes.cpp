// Provider routes and the automatic choice from the keys that are set.
#include <doctest/doctest.h>

#include "provider/provider.hpp"
#include "provider/provider_routes.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

using namespace samplemind;

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
