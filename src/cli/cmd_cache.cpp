// `samplemind cache stats` and `samplemind cache clear`; the other subcommands live in
// cmd_cache_*.cpp. Parses, calls the backend, prints.
#include "cli/cmd_cache.hpp"

#include <iostream>

#include "samplemind/ai_cache.hpp"
#include "samplemind/cache_config.hpp"
#include "samplemind/cache_units.hpp"
#include "samplemind/diagnostics.hpp"
#include "samplemind/report.hpp"

namespace samplemind {
namespace {

struct StatsOptions {
  std::string format = "table";
};

struct ClearOptions {
  std::string older_than;
  std::string provider;
  std::string model;
  std::string analysis;
  bool features_only = false;
  bool ai_only = false;
};

void run_stats(CliContext& context, const StatsOptions& options) {
  auto backend = open_cache_for_command(context);
  auto stats = backend->stats();
  if (!stats) return report_cache_error(context, stats.error());
  if (options.format == "json") {
    std::cout << dump_json(cache_stats_json(*stats)) << "\n";
  } else {
    write_cache_stats_table(std::cout, *stats);
  }
}

ClearFilter clear_filter_from(const ClearOptions& options) {
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
  stats->callback([&context, stats_options] { run_stats(context, *stats_options); });

  auto clear_options = std::make_shared<ClearOptions>();
  CLI::App* clear = cache->add_subcommand("clear", "Remove samplemind's entries (all, or those matching filters)");
  clear->add_option("--older-than", clear_options->older_than, "Only entries cached longer ago than this (7d, 12h)");
  clear->add_option("--provider", clear_options->provider, "Only AI entries of this provider");
  clear->add_option("--model", clear_options->model, "Only AI entries of this model");
  clear->add_option("--analysis", clear_options->analysis, "Only AI entries of this analysis type");
  clear->add_flag("--features", clear_options->features_only, "Only the feature cache");
  clear->add_flag("--ai", clear_options->ai_only, "Only AI answers (keep the feature cache)")->excludes("--features");
  clear->callback([&context, clear_options] { run_clear(context, *clear_options); });

  register_cache_prune_command(*cache, context);
  register_cache_transfer_commands(*cache, context);
  register_cache_key_command(*cache, context);
}

}  // namespace samplemind
