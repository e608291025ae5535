// `samplemind cache prune [--max-size SIZE]`: drop expired entries, then evict least recently
// used ones until the cache fits the cap.
#include <iostream>

#include "cli/cmd_cache.hpp"
#include "cache/ai_cache.hpp"
#include "cache/cache_config.hpp"
#include "cache/cache_units.hpp"

namespace samplemind {
namespace {

struct PruneFlags {
  std::string max_size;
  bool dry_run = false;
};

void run_prune(CliContext& context, const PruneFlags& flags) {
  PruneOptions options;
  options.now = unix_now();
  options.expired_before = expired_before(cache_ttl_seconds(context.env), options.now);  // the TTL in force
  options.dry_run = flags.dry_run;
  if (!flags.max_size.empty()) {
    auto bytes = parse_size_bytes(flags.max_size);
    if (!bytes) throw ConfigError("--max-size: " + bytes.error());
    options.max_bytes = *bytes;
  }
  auto backend = open_cache_for_command(context);
  auto result = backend->prune(options);
  if (!result) return report_cache_error(context, result.error());
  if (flags.dry_run) {
    std::cout << "Would remove " << result->expired_removed << " expired and evict " << result->evicted
              << " least recently used entries (" << result->bytes_before - result->bytes_after << " bytes; "
              << result->bytes_before << " -> " << result->bytes_after << " bytes) (dry run: nothing removed)\n";
    return;
  }
  std::cout << "Removed " << result->expired_removed << " expired and evicted " << result->evicted
            << " least recently used entries; " << result->bytes_before << " -> " << result->bytes_after
            << " bytes\n";
}

}  // namespace

void register_cache_prune_command(CLI::App& cache, CliContext& context) {
  auto flags = std::make_shared<PruneFlags>();
  CLI::App* prune = cache.add_subcommand("prune", "Remove entries expired under the TTL in force (AI_CACHE_TTL_HOURS); with --max-size evict LRU entries");
  prune->add_option("--max-size", flags->max_size, "Evict least recently used entries above this size; a unit is required (500MB, 2GiB)");
  prune->add_flag("--dry-run", flags->dry_run, "Print how many entries and bytes would go; remove nothing");
  prune->callback([&context, flags] { run_prune(context, *flags); });
}

}  // namespace samplemind
