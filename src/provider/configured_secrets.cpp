// Secrets are collected once per run, when the provider is made.
#include "provider/configured_secrets.hpp"

#include <array>

#include "cache/redis_url.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace samplemind {

namespace {
constexpr std::array<const char*, 5> k_key_variables = {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
                                                        "GOOGLE_API_KEY", "OLLAMA_API_KEY"};

void add_redis_password(const std::string& url, std::vector<std::string>& secrets) {
  if (url.rfind("redis://", 0) != 0 && url.rfind("rediss://", 0) != 0) return;
  try {
    const RedisUrl parsed = parse_redis_url(url);
    if (!parsed.password.empty()) secrets.push_back(parsed.password);
  } catch (const ConfigError&) {
    // The cache reports a malformed URL itself.
  }
}
}  // namespace

std::vector<std::string> configured_secrets(const Environment& env, const std::string& cache_url) {
  std::vector<std::string> secrets;
  for (const char* name : k_key_variables) {
    if (auto key = env.get(name); key && !key->empty()) secrets.push_back(*key);
  }
  add_redis_password(env.get_or("REDIS_URL", ""), secrets);
  add_redis_password(cache_url, secrets);
  return secrets;
}

}  // namespace samplemind
