// Backends are chosen by URL scheme, in this one place.
#include <string_view>

#include "cache/file_backend.hpp"
#include "cache/memory_backend.hpp"
#include "cache/redis_backend.hpp"
#include "cache/cache_config.hpp"
#include "cache/cache_backend.hpp"
#include "util/result.hpp"
#include "cache/sqlite_backend.hpp"

namespace samplemind {

std::unique_ptr<CacheBackend> open_cache_backend(const std::string& url) {
  std::string_view text(url);
  if (text == "memory" || text == "memory:") return std::make_unique<MemoryBackend>();
  if (text.starts_with("sqlite:")) {
    std::string path(text.substr(7));
    if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path also accepted
    if (path.empty()) throw ConfigError("cache URL 'sqlite:' needs a path, e.g. sqlite:/tmp/cache.db");
    return std::make_unique<SqliteBackend>(path);
  }
  if (text.starts_with("file:")) {
    std::string dir(text.substr(5));
    if (dir.starts_with("//")) dir = dir.substr(2);
    if (dir.empty()) throw ConfigError("cache URL 'file:' needs a folder, e.g. file:/var/cache/samplemind");
    return std::make_unique<FileBackend>(dir);
  }
  if (text.starts_with("redis://") || text.starts_with("rediss://")) {
    return std::make_unique<RedisBackend>(parse_redis_url(url));
  }
  throw ConfigError("unknown cache URL '" + mask_url_secrets(url) + "': use sqlite:PATH, file:DIR, redis://HOST:PORT, memory or none");
}

}  // namespace samplemind
