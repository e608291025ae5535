#pragma once
// SAMPLEMIND_ROUTES: "genre_classification=gemini:gemini-2.5-flash,production_coaching=anthropic"
// sends analysis types to providers when --provider is auto.
#include <map>
#include <string>

namespace samplemind {

struct ProviderRoute {
  std::string provider;
  std::string model;  // "" = the provider's default
};

// Parses the routes text; throws ConfigError naming SAMPLEMIND_ROUTES on bad syntax,
// an unknown analysis type or an unknown provider.
std::map<std::string, ProviderRoute> parse_provider_routes(const std::string& text);

}  // namespace samplemind
