// Shared batch flags, the usage checks made before a batch starts, and the run's cache.
#include "cli/batch_setup.hpp"

#include <stdexcept>

#include "cache/cache_config.hpp"
#include "cache/required_backend.hpp"
#include "cli/tempo_range_flag.hpp"
#include "pipeline/scan.hpp"
#include "pipeline/shard.hpp"
#include "util/diagnostics.hpp"
#include "util/display_text.hpp"
#include "util/result.hpp"

namespace samplemind {

void add_run_flags(CLI::App& command, RunFlags& flags) {
  command.add_option("--shard", flags.shard,
                     "K/N: analyse only shard K of N (1-based), a stable partition by a hash of each path "
                     "relative to the PATH it was found under, so N jobs cover the library exactly once");
  command.add_flag("-q,--quiet", flags.quiet,
                   "Print the summary only: no per-file rows (table, jsonl) and no progress line; failed files "
                   "are still named on stderr");
  add_tempo_range_option(command, flags.tempo_range);
  command.add_flag("--check-statements", flags.check_statements,
                   "Compare the tempo, key and root each file states (tags, chunks, name) with its audio; name each "
                   "contradiction on stderr and exit 6 (an octave, a related key or one that fits the pitch classes as well, "
                   "another octave of the root or a chord's triad on a root that sounds agree)");
}

void apply_run_flags(const RunFlags& flags, const std::vector<std::string>& paths, const Environment& env,
                     AnalyzeOptions& options) {
  options.tempo_range = resolve_tempo_range(flags.tempo_range, env);
  if (flags.check_statements && options.ignore_metadata) {
    throw ConfigError("--check-statements compares what files state with their audio: it cannot be combined with "
                      "--ignore-metadata");
  }
  options.check_statements = flags.check_statements;
  options.inputs.assign(paths.begin(), paths.end());
  if (const auto missing = first_missing_input(options.inputs)) {
    throw ConfigError(escape_control_chars(missing->native()) + ": no such file or folder");
  }
  if (!flags.shard.empty()) {
    auto shard = parse_shard(flags.shard);
    if (!shard) throw ConfigError(shard.error());
    options.shard = *shard;
  }
}

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
    if (options.required->raised()) throw std::runtime_error(options.required->message());
    backend = std::move(required);
  }
  auto cache = std::make_unique<AiCache>(std::move(backend), ttl_s, warnings);
  if (context.verbose) diagnostic("samplemind: cache {}", cache->backend().location());  // redis_location() masks
  return cache;
}

}  // namespace samplemind
