#pragma once
// `samplemind cache ...`: inspect and manage the cache (stats, clear, prune, export, import, key).
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cache/cache_backend.hpp"

namespace samplemind {

// Adds the cache command and its subcommands to the app.
void register_cache_command(CLI::App& app, CliContext& context);

// The cache selected by --cache and the environment; ConfigError when caching is off.
std::unique_ptr<CacheBackend> open_cache_for_command(const CliContext& context);

// Prints a cache error on stderr and sets the fatal exit code.
void report_cache_error(CliContext& context, const std::string& message);

// Subcommands defined in their own files.
void register_cache_prune_command(CLI::App& cache, CliContext& context);
void register_cache_transfer_commands(CLI::App& cache, CliContext& context);
void register_cache_key_command(CLI::App& cache, CliContext& context);

}  // namespace samplemind
