#pragma once
// The cache a command runs with: resolved from --cache and the environment, failing open,
// or, with --require-cache, failing the batch (exit 3).
#include <memory>
#include <ostream>

#include "cache/ai_cache.hpp"
#include "cli/cli_context.hpp"
#include "pipeline/fatal_stop.hpp"

namespace samplemind {

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
