#pragma once
// What every batch command (analyze, features) sets up before its run: the shared flags
// (--shard K/N, -q/--quiet, --tempo-range), the checks made on the paths, and the cache it runs with
// (failing open, or, with --require-cache, failing the batch: exit 3).
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cache/ai_cache.hpp"
#include "cli/cli_context.hpp"
#include "pipeline/batch_runner.hpp"
#include "pipeline/fatal_stop.hpp"

namespace samplemind {

struct RunFlags {
  std::string shard;   // "K/N", empty: the whole library
  bool quiet = false;  // -q: the summary only (no rows, no progress line)
  std::string tempo_range;  // --tempo-range MIN-MAX, empty: SAMPLEMIND_TEMPO_RANGE or none
  bool check_statements = false;  // --check-statements: each stated tempo, key and root against the audio
};

// Adds --shard, -q/--quiet, --tempo-range and --check-statements to a batch command.
void add_run_flags(CLI::App& command, RunFlags& flags);

// Sets the inputs, the shard, the tempo range and the statement check on options; a PATH that
// does not exist, a bad --shard, a bad tempo range or --check-statements with --ignore-metadata
// is a usage error (ConfigError, exit 2), so a typo never looks like a broken sample.
void apply_run_flags(const RunFlags& flags, const std::vector<std::string>& paths, const Environment& env,
                     AnalyzeOptions& options);

struct RunCacheOptions {
  bool disabled = false;          // --no-cache
  FatalStop* required = nullptr;  // --require-cache: failures raise this stop
};

// Opens the run's cache, or returns null when caching is off. With options.required, the
// cache is probed first: one that cannot be reached throws (exit 3, nothing done yet), and
// --no-cache or --cache none is a usage error. Fail-open warnings go to `warnings` when given.
std::unique_ptr<AiCache> open_run_cache(const CliContext& context, const RunCacheOptions& options,
                                        std::ostream* warnings = nullptr);

}  // namespace samplemind
