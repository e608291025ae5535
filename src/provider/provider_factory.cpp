// Chooses the provider for a run: an explicit name, or "auto" (the first hosted
// provider whose key is set, else the offline analyser).
#include <array>
#include <string_view>

#include "offline_provider.hpp"
#include "samplemind/environment.hpp"
#include "samplemind/provider.hpp"
#include "samplemind/result.hpp"

namespace samplemind {

namespace {
constexpr std::string_view k_valid_provider_names = "openai, anthropic, gemini, ollama, offline, auto";

bool is_known(const std::string& name) {
  static constexpr std::array<std::string_view, 6> names = {"openai", "anthropic", "gemini", "ollama", "offline", "auto"};
  for (auto known : names) {
    if (known == name) return true;
  }
  return false;
}
}  // namespace

std::unique_ptr<Provider> make_provider(const ProviderSettings& settings, const Environment& env) {
  std::string name = settings.name.empty() ? "auto" : settings.name;
  if (name == "auto") name = env.get_or("SAMPLEMIND_PROVIDER", "auto");
  if (!is_known(name)) {
    throw ConfigError("unknown provider '" + name + "' (valid: " + std::string(k_valid_provider_names) + ")");
  }
  if (name == "offline" || name == "auto") return std::make_unique<OfflineProvider>();
  throw ConfigError("provider '" + name + "' is not available in this build yet (use --provider offline)");
}

}  // namespace samplemind
