#pragma once
// Which cache backend a run uses, from --cache and the seed's variables.
#include <optional>
#include <string>

namespace samplemind {

class Environment;

// The backend URL to open, or nothing when caching is off (--cache none,
// AI_CACHE_ENABLED=false). flag_value is --cache ("" when not given).
// Priority: flag > AI_CACHE_BACKEND/AI_CACHE_PATH/REDIS_URL > default sqlite file.
std::optional<std::string> resolve_cache_url(const std::string& flag_value, const Environment& env);

// $XDG_CACHE_HOME/samplemind/cache.db, else ~/.cache/samplemind/cache.db.
std::string default_sqlite_path(const Environment& env);

// TTL of AI entries from AI_CACHE_TTL_HOURS (default 168), in seconds.
long long cache_ttl_seconds(const Environment& env);

// The URL with any userinfo secret replaced by "***", for printing: the one masking function
// every message about a URL uses, for well-formed and malformed URLs alike.
std::string mask_url_secrets(const std::string& url);

}  // namespace samplemind
