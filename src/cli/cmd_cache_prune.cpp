// `samplemind cache prune [--max-size SIZE]`: drop expired entries, then evict least recently
// used ones until the cache fits the cap.
#include <iostream>

#include "cli/cmd_cache.hpp"
#include "samplemind/ai_cache.hpp"
#include "samplemind/cache_units.hpp"

namespace samplemind {
namespace {

struct PruneFlags {
  std::string max_size;
};

void run_prune(CliContext& context, const PruneFlags& flags) {
  PruneOptions options;
  options.now = unix_now();
  if (!flags.max_size.empty()) {
    auto bytes = parse_size_bytes(flags.max_size);
    if (!bytes) throw ConfigError("--max-size: " + bytes.error());
    options.max_bytes = *bytes;
  }
  auto backend = open_cache_for_command(context);
  auto result = backend->prune(options);
  if (!result) return report_cache_error(context, result.error());
  std::cout << "Removed " << result->expired_removed << " expired and evicted " << result->evicted
            << " least recently used entries; " << result->bytes_before << " -> " << result->bytes_after
            << " bytes\n";
}

}  // namespace

void register_cache_prune_command(CLI::App& cache, CliContext& context) {
  auto flags = std::make_shared<PruneFlags>();
  CLI::App* prune = cache.add_subcommand("prune", "Remove expired entries; with --max-size evict LRU entries");
  prune->add_option("--max-size", flags->max_size, "Evict least recently used entries above this size (500MB, 1GB)");
  prune->callback([&context, flags] { run_prune(context, *flags); });
}

}  // namespace samplemind
