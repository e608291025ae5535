// Routes are configuration, so mistakes are ConfigErrors that say which entry is wrong.
#include "provider/provider_routes.hpp"

#include <sstream>

#include "model/analysis_type.hpp"
#include "provider/provider.hpp"
#include "util/result.hpp"

namespace samplemind {

namespace {
std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool is_routable(const std::string& provider) {
  return provider == "openai" || provider == "anthropic" || provider == "gemini" || provider == "ollama" ||
         provider == "offline";
}
}  // namespace

std::map<std::string, ProviderRoute> parse_provider_routes(const std::string& text) {
  std::map<std::string, ProviderRoute> routes;
  std::istringstream entries(text);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    entry = trim(entry);
    if (entry.empty()) continue;
    const auto equals = entry.find('=');
    if (equals == std::string::npos) {
      throw ConfigError("SAMPLEMIND_ROUTES: '" + entry + "' is not TYPE=PROVIDER[:MODEL]");
    }
    const std::string type = trim(entry.substr(0, equals));
    std::string target = trim(entry.substr(equals + 1));
    if (find_analysis_type(type) == nullptr) {
      throw ConfigError("SAMPLEMIND_ROUTES: unknown analysis type '" + type + "' (valid: " + analysis_type_names() + ")");
    }
    ProviderRoute route;
    const auto colon = target.find(':');
    route.provider = trim(target.substr(0, colon));
    if (colon != std::string::npos) route.model = trim(target.substr(colon + 1));
    if (!is_routable(route.provider)) {
      throw ConfigError("SAMPLEMIND_ROUTES: unknown provider '" + route.provider + "' for " + type +
                        " (valid: openai, anthropic, gemini, ollama, offline)");
    }
    routes[type] = route;
  }
  return routes;
}

}  // namespace samplemind
