// Choosing the cache backend: --cache flag > AI_CACHE_* / REDIS_URL > the default SQLite file.
#include "samplemind/cache_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "samplemind/environment.hpp"
#include "samplemind/result.hpp"

namespace samplemind {
namespace {

constexpr double k_default_ttl_hours = 168.0;
constexpr long long k_seconds_per_hour = 3600;
constexpr const char* k_default_redis_url = "redis://127.0.0.1:6379";

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string cache_home(const Environment& env) {
  if (auto xdg = env.get("XDG_CACHE_HOME"); xdg && !xdg->empty() && xdg->front() == '/') return *xdg;
  if (auto home = env.get("HOME")) return *home + "/.cache";
  return ".cache";
}

// The folder of the file backend when AI_CACHE_PATH does not name one.
std::string default_file_dir(const Environment& env) { return cache_home(env) + "/samplemind/entries"; }

}  // namespace

std::string default_sqlite_path(const Environment& env) { return cache_home(env) + "/samplemind/cache.db"; }

std::optional<std::string> resolve_cache_url(const std::string& flag_value, const Environment& env) {
  if (!flag_value.empty()) {
    std::string flag = lower(flag_value);
    if (flag == "none" || flag == "off") return std::nullopt;
    if (flag == "sqlite") return "sqlite:" + default_sqlite_path(env);
    if (flag == "file") return "file:" + default_file_dir(env);
    if (flag == "redis") return env.get_or("REDIS_URL", k_default_redis_url);
    return flag_value;
  }
  if (!env.get_bool("AI_CACHE_ENABLED", true)) return std::nullopt;
  const auto path = env.get("AI_CACHE_PATH");
  const std::string backend = lower(env.get_or("AI_CACHE_BACKEND", "sqlite"));
  if (backend == "sqlite") return "sqlite:" + path.value_or(default_sqlite_path(env));
  if (backend == "file") return "file:" + path.value_or(default_file_dir(env));
  if (backend == "redis") return env.get_or("REDIS_URL", k_default_redis_url);
  if (backend == "memory") return std::string("memory");
  if (backend == "none") return std::nullopt;
  throw ConfigError("AI_CACHE_BACKEND must be sqlite, file, redis, memory or none, got '" + backend + "'");
}

long long cache_ttl_seconds(const Environment& env) {
  const double hours = env.get_number("AI_CACHE_TTL_HOURS", k_default_ttl_hours);
  if (hours < 0) throw ConfigError("AI_CACHE_TTL_HOURS must not be negative");
  return std::llround(hours * k_seconds_per_hour);  // 0 = entries never expire
}

std::string mask_url_secrets(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority_start = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", authority_start);
  const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at == std::string::npos || at < authority_start) return url;
  const std::string userinfo = url.substr(authority_start, at - authority_start);
  const auto colon = userinfo.find(':');
  // "user:secret" keeps the user; a lone "secret" (redis://pw@host) is all secret.
  const std::string masked = colon == std::string::npos ? "***" : userinfo.substr(0, colon) + ":***";
  return url.substr(0, authority_start) + masked + url.substr(at);
}

}  // namespace samplemind
