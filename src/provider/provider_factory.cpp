// Chooses and configures the provider for a run: an explicit name, or "auto" (a
// SAMPLEMIND_ROUTES entry for the analysis type, else the first hosted provider whose
// key is set, else the offline analyser). Keys, URLs and limits come from the environment.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

#include "provider/configured_secrets.hpp"
#include "provider/http_provider.hpp"
#include "provider/offline_provider.hpp"
#include "provider/provider_endpoint.hpp"
#include "provider/provider_routes.hpp"
#include "util/diagnostics.hpp"
#include "util/environment.hpp"
#include "provider/provider.hpp"
#include "util/result.hpp"

namespace samplemind {

namespace {
constexpr double k_ms_per_s = 1000.0;

struct HostedDefaults {
  std::string_view name;
  std::string_view key_env_var;      // "" for keyless local servers
  std::string_view base_env_var;
  std::string_view default_base_url;
  std::string_view default_model;
};

constexpr HostedDefaults k_hosted[] = {
    {"openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", "https://api.openai.com/v1", "gpt-4o-mini"},
    {"anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "https://api.anthropic.com", "claude-haiku-4-5"},
    {"gemini", "GEMINI_API_KEY", "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com", "gemini-2.5-flash"},
    {"ollama", "", "OLLAMA_HOST", "http://localhost:11434", "llama3.2"},
};

const HostedDefaults* find_hosted(std::string_view name) {
  for (const auto& hosted : k_hosted) {
    if (hosted.name == name) return &hosted;
  }
  return nullptr;
}

// The key and the variable it came from (Gemini also accepts GOOGLE_API_KEY).
std::optional<std::pair<std::string, std::string>> find_key(const HostedDefaults& hosted, const Environment& env) {
  if (hosted.key_env_var.empty()) return std::nullopt;
  if (auto key = env.get(std::string(hosted.key_env_var))) return std::pair{*key, std::string(hosted.key_env_var)};
  if (hosted.name == "gemini") {
    if (auto key = env.get("GOOGLE_API_KEY")) return std::pair{*key, std::string("GOOGLE_API_KEY")};
  }
  return std::nullopt;
}

std::string base_url(const HostedDefaults& hosted, const Environment& env) {
  std::string url = env.get_or(std::string(hosted.base_env_var), std::string(hosted.default_base_url));
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (hosted.name == "ollama") {
    // OLLAMA_HOST follows Ollama's own rule; the OpenAI-compatible API lives under /v1.
    url = ollama_base_url(url);
    if (url.size() < 3 || url.compare(url.size() - 3, 3, "/v1") != 0) url += "/v1";
  }
  return url;
}

// The model's price: --price, else the table (SAMPLEMIND_PRICES or the shipped one);
// nothing, with one warning naming the model, when neither has it.
std::optional<ModelPrice> price_for(const ProviderIdentity& who, const ProviderSettings& settings,
                                    const Environment& env) {
  if (settings.price) return settings.price;
  const PriceTable prices = PriceTable::load_default(env);
  auto price = prices.find(who.name, who.model);
  if (!price) {
    diagnostic("samplemind: warning: no price for {} model '{}' in {}; its cost is reported as unknown "
               "(give one with --price IN/OUT or SAMPLEMIND_PRICES)",
               who.name, who.model, prices.origin());
  }
  return price;
}

// A timeout in whole milliseconds: positive and finite, capped at k_max_timeout_ms (with a
// warning) so a setting like 1e300 can neither overflow nor make a call wait forever.
long milliseconds_from(const Environment& env, const char* name, long fallback_ms) {
  const double seconds = env.get_number(name, fallback_ms / k_ms_per_s);
  if (!std::isfinite(seconds) || seconds <= 0) {
    throw ConfigError(std::string(name) + " must be a positive number of seconds");
  }
  if (seconds * k_ms_per_s > static_cast<double>(k_max_timeout_ms)) {
    std::fprintf(stderr, "samplemind: warning: %s is capped at %.0f seconds\n", name, k_max_timeout_ms / k_ms_per_s);
    return k_max_timeout_ms;
  }
  return std::max(1L, static_cast<long>(seconds * k_ms_per_s));
}

std::unique_ptr<Provider> make_http_provider(const HostedDefaults& hosted, const std::string& model,
                                             const ProviderSettings& settings, const Environment& env) {
  HttpProviderConfig config;
  config.identity.name = std::string(hosted.name);
  config.identity.model = normalize_model_id(config.identity.name, model.empty() ? std::string(hosted.default_model) : model);
  if (config.identity.model.empty()) throw ConfigError("--model is empty");
  config.identity.base_env_var = std::string(hosted.base_env_var);
  if (auto key = find_key(hosted, env)) {
    config.identity.secret = key->first;
    config.identity.key_env_var = key->second;
  } else if (!hosted.key_env_var.empty() && settings.makes_calls) {
    throw ConfigError(std::string(hosted.name) + " needs an API key: set " + std::string(hosted.key_env_var) +
                      (hosted.name == "gemini" ? " (or GOOGLE_API_KEY)" : ""));
  } else if (auto local_key = env.get("OLLAMA_API_KEY")) {  // llama.cpp started with --api-key
    config.identity.secret = *local_key;
    config.identity.key_env_var = "OLLAMA_API_KEY";
  }
  config.identity.other_secrets = configured_secrets(env, settings.cache_url);
  config.base_url = base_url(hosted, env);
  config.connect_timeout_ms = milliseconds_from(env, "SAMPLEMIND_CONNECT_TIMEOUT_S", k_default_connect_timeout_ms);
  config.total_timeout_ms = milliseconds_from(env, "SAMPLEMIND_TIMEOUT_S", k_default_total_timeout_ms);
  const double retries = env.get_number("SAMPLEMIND_MAX_RETRIES", k_default_max_retries);
  if (retries < 0) throw ConfigError("SAMPLEMIND_MAX_RETRIES must be 0 or more");
  config.retry.max_retries = static_cast<int>(retries);
  config.http = settings.http ? settings.http : make_curl_http_client();
  if (settings.requests_per_minute < 0) throw ConfigError("--rpm must be 0 (no limit) or more");
  config.limiter = std::make_shared<RateLimiter>(settings.requests_per_minute);
  config.price = price_for(config.identity, settings, env);
  if (hosted.name == "openai") return make_openai_provider(std::move(config));
  if (hosted.name == "anthropic") return make_anthropic_provider(std::move(config));
  if (hosted.name == "gemini") return make_gemini_provider(std::move(config));
  return make_ollama_provider(std::move(config));
}

// "auto" without a route: the first hosted provider with a key, else nothing.
const HostedDefaults* first_with_key(const Environment& env) {
  for (const auto& hosted : k_hosted) {
    if (find_key(hosted, env)) return &hosted;
  }
  return nullptr;
}
}  // namespace

std::unique_ptr<Provider> make_provider(const ProviderSettings& settings, const Environment& env) {
  std::string name = settings.name.empty() ? env.get_or("SAMPLEMIND_PROVIDER", "auto") : settings.name;
  std::string model = settings.model;
  if (name == "auto") {
    const auto routes = parse_provider_routes(env.get_or("SAMPLEMIND_ROUTES", ""));
    if (auto route = routes.find(settings.analysis_type); route != routes.end()) {
      name = route->second.provider;
      if (model.empty()) model = route->second.model;
    } else if (const HostedDefaults* hosted = first_with_key(env)) {
      name = std::string(hosted->name);
    } else {
      name = "offline";
    }
  }
  if (name == "offline") return std::make_unique<OfflineProvider>();
  if (const HostedDefaults* hosted = find_hosted(name)) return make_http_provider(*hosted, model, settings, env);
  throw ConfigError("unknown provider '" + name + "' (valid: " + k_provider_names + ")");
}

}  // namespace samplemind
