// One way to open the cache for analyze, features and cache key.
#include "cli/run_cache.hpp"

#include <stdexcept>

#include "cache/cache_config.hpp"
#include "cache/required_backend.hpp"
#include "util/diagnostics.hpp"
#include "util/result.hpp"

namespace samplemind {

std::unique_ptr<AiCache> open_run_cache(const CliContext& context, const RunCacheOptions& options,
                                        std::ostream* warnings) {
  const auto url = options.disabled ? std::nullopt : resolve_cache_url(context.cache_flag, context.env);
  if (!url) {
    if (options.required != nullptr) {
      throw ConfigError("--require-cache needs a cache: it cannot be combined with --no-cache, --cache none or "
                        "AI_CACHE_ENABLED=false");
    }
    return nullptr;
  }
  const long long ttl_s = cache_ttl_seconds(context.env);  // first: a bad TTL must not create the cache file
  std::unique_ptr<CacheBackend> backend = open_cache_backend(*url);
  if (options.required != nullptr) {
    auto required = std::make_unique<RequiredBackend>(std::move(backend), *options.required);
    required->probe();
    if (options.required->raised.load()) throw std::runtime_error(options.required->first_error());
    backend = std::move(required);
  }
  auto cache = std::make_unique<AiCache>(std::move(backend), ttl_s, warnings);
  if (context.verbose) diagnostic("samplemind: cache {}", cache->backend().location());  // redis_location() masks
  return cache;
}

}  // namespace samplemind
