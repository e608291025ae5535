// Choosing the cache backend: --cache flag > AI_CACHE_* / REDIS_URL > the default SQLite file.
#include "cache/cache_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "util/environment.hpp"
#include "util/result.hpp"

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
  // Local paths have no userinfo: sqlite:/a@b/cache.db is shown as it is.
  const std::string scheme_lower = lower(url.substr(0, url.find(':') == std::string::npos ? 0 : url.find(':') + 1));
  if (scheme_lower == "sqlite:" || scheme_lower == "file:") return url;
  // Parsed or not (redis:/:pw@h, a password holding '/', no scheme at all): everything
  // between the scheme and the LAST '@' may be a secret. Over-masking beats a leaked password.
  const auto at = url.rfind('@');
  if (at == std::string::npos) return url;
  std::size_t start = 0;
  const auto colon = url.find(':');
  const bool has_scheme = colon != std::string::npos && colon > 0 && colon < at &&
                          std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](unsigned char c) {
                            return std::isalnum(c) || c == '+' || c == '-' || c == '.';
                          });
  if (has_scheme) {
    start = colon + 1;
    while (start < at && url[start] == '/') ++start;
  }
  const std::string userinfo = url.substr(start, at - start);
  const auto user_end = userinfo.find(':');
  // "user:secret" keeps the user (when it looks like one); a lone "secret" is all secret.
  // A user holding '@' means an earlier '@' may have ended the userinfo: all of it is masked.
  const bool plain_user = user_end != std::string::npos && userinfo.find_first_of("/?#@") > user_end;
  const std::string masked = plain_user ? userinfo.substr(0, user_end) + ":***" : "***";
  return url.substr(0, start) + masked + url.substr(at);
}

}  // namespace samplemind
