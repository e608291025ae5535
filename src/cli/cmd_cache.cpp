// `samplemind cache stats` and `samplemind cache clear`; the other subcommands live in
// cmd_cache_*.cpp. Parses, calls the backend, prints.
#include "cli/cmd_cache.hpp"

#include <algorithm>
#include <array>
#include <iostream>
#include <string_view>

#include <fmt/format.h>

#include "cache/ai_cache.hpp"
#include "model/analysis_type.hpp"
#include "cache/cache_config.hpp"
#include "cache/cache_units.hpp"
#include "util/diagnostics.hpp"
#include "report/report.hpp"

namespace samplemind {
namespace {

// The providers whose entries a cache can hold (provider.hpp's Provider::name values).
constexpr std::array<std::string_view, 5> k_known_providers = {"openai", "anthropic", "gemini", "ollama", "offline"};

struct StatsOptions {
  std::string format = "table";
  bool zero = false;
};

struct ClearOptions {
  std::string older_than;
  std::string provider;
  std::string model;
  std::string analysis;
  bool features_only = false;
  bool ai_only = false;
  bool dry_run = false;
};

void run_stats(CliContext& context, const StatsOptions& options) {
  const std::int64_t ttl_seconds = cache_ttl_seconds(context.env);  // a bad TTL fails before anything opens
  auto backend = open_cache_for_command(context);
  if (options.zero) {
    if (Status reset = backend->reset_usage(); !reset) return report_cache_error(context, reset.error);
    std::cout << "Lifetime counters of " << backend->name() << " cache " << backend->location() << " set to zero\n";
    return;
  }
  auto stats = backend->stats();
  if (!stats) return report_cache_error(context, stats.error());
  if (auto cutoff = expired_before(ttl_seconds, unix_now())) {
    ClearFilter expired;
    expired.kind = EntryKind::ai;
    expired.cached_before = *cutoff;
    auto totals = backend->measure(expired);
    if (!totals) return report_cache_error(context, totals.error());
    stats->expired = *totals;
  }
  if (options.format == "json") {
    std::cout << dump_json(cache_stats_json(*stats)) << "\n";
  } else {
    write_cache_stats_table(std::cout, *stats);
  }
}

// Rejects a provider or analysis name no entry can carry: a typo must not read as "nothing to remove".
void check_known_names(const ClearOptions& options) {
  if (!options.provider.empty() &&
      std::find(k_known_providers.begin(), k_known_providers.end(), options.provider) == k_known_providers.end()) {
    throw ConfigError(fmt::format("--provider: unknown provider '{}' (known: openai, anthropic, gemini, ollama, offline)",
                                  options.provider));
  }
  if (!options.analysis.empty() && find_analysis_type(options.analysis) == nullptr) {
    throw ConfigError(fmt::format("--analysis: unknown analysis type '{}' (known: {})", options.analysis,
                                  analysis_type_names()));
  }
}

ClearFilter clear_filter_from(const ClearOptions& options) {
  check_known_names(options);
  ClearFilter filter;
  if (!options.older_than.empty()) {
    auto seconds = parse_duration_seconds(options.older_than);
    if (!seconds) throw ConfigError("--older-than: " + seconds.error());
    filter.cached_before = unix_now() - *seconds;
  }
  if (!options.provider.empty()) filter.provider = options.provider;
  if (!options.model.empty()) filter.model = options.model;
  if (!options.analysis.empty()) filter.analysis_type = options.analysis;
  if (options.features_only && (filter.provider || filter.model || filter.analysis_type)) {
    throw ConfigError("--features cannot be combined with --provider, --model or --analysis");
  }
  if (options.features_only) filter.kind = EntryKind::features;
  if (options.ai_only || filter.provider || filter.model || filter.analysis_type) filter.kind = EntryKind::ai;
  return filter;
}

void run_clear(CliContext& context, const ClearOptions& options) {
  ClearFilter filter = clear_filter_from(options);
  auto backend = open_cache_for_command(context);
  if (options.dry_run) {
    auto matched = backend->measure(filter);
    if (!matched) return report_cache_error(context, matched.error());
    std::cout << fmt::format("Would remove {} {} ({} bytes) from {} cache {} (dry run: nothing removed)\n",
                             matched->entries, matched->entries == 1 ? "entry" : "entries", matched->bytes,
                             backend->name(), backend->location());
    return;
  }
  auto removed = backend->clear(filter);
  if (!removed) return report_cache_error(context, removed.error());
  std::cout << "Removed " << *removed << (*removed == 1 ? " entry" : " entries") << " from "
            << backend->name() << " cache " << backend->location() << "\n";
}

}  // namespace

std::unique_ptr<CacheBackend> open_cache_for_command(const CliContext& context) {
  auto url = resolve_cache_url(context.cache_flag, context.env);
  if (!url) throw ConfigError("caching is off (--cache none or AI_CACHE_ENABLED=false): no cache to manage");
  return open_cache_backend(*url);
}

void report_cache_error(CliContext& context, const std::string& message) {
  diagnostic("samplemind: error: cache: {}", message);
  context.exit_code = k_exit_fatal;
}

void register_cache_command(CLI::App& app, CliContext& context) {
  CLI::App* cache = app.add_subcommand("cache", "Inspect and manage the AI and feature caches");
  cache->require_subcommand(1);

  auto stats_options = std::make_shared<StatsOptions>();
  CLI::App* stats = cache->add_subcommand("stats", "Entries, size, age and lifetime hits/misses/savings");
  stats->add_option("--format", stats_options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  stats->add_flag("--zero", stats_options->zero, "Reset the lifetime hit/miss/saved counters to zero (entries stay)");
  stats->callback([&context, stats_options] { run_stats(context, *stats_options); });

  auto clear_options = std::make_shared<ClearOptions>();
  CLI::App* clear = cache->add_subcommand("clear", "Remove samplemind's entries (all, or those matching filters)");
  clear->add_option("--older-than", clear_options->older_than, "Only entries cached longer ago than this; a unit is required (90s, 30m, 12h, 7d, 2w)");
  clear->add_option("--provider", clear_options->provider, "Only AI entries of this provider");
  clear->add_option("--model", clear_options->model, "Only AI entries of this model");
  clear->add_option("--analysis", clear_options->analysis, "Only AI entries of this analysis type");
  clear->add_flag("--features", clear_options->features_only, "Only the feature cache");
  clear->add_flag("--ai", clear_options->ai_only, "Only AI answers (keep the feature cache)")->excludes("--features");
  clear->add_flag("--dry-run", clear_options->dry_run, "Print how many entries and bytes would go; remove nothing");
  clear->callback([&context, clear_options] { run_clear(context, *clear_options); });

  register_cache_prune_command(*cache, context);
  register_cache_transfer_commands(*cache, context);
  register_cache_key_command(*cache, context);
}

}  // namespace samplemind
