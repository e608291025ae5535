#pragma once
// Flags every batch command shares (analyze, features): --shard K/N and -q/--quiet, and the
// checks made on the paths before any work starts.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeline/batch_runner.hpp"

namespace samplemind {

struct RunFlags {
  std::string shard;   // "K/N", empty: the whole library
  bool quiet = false;  // -q: the summary only (no rows, no progress line)
};

// Adds --shard and -q/--quiet to a batch command.
void add_run_flags(CLI::App& command, RunFlags& flags);

// Sets the inputs and the shard on options; a PATH that does not exist or a bad --shard is a
// usage error (ConfigError, exit 2), so a typo never looks like a broken sample.
void apply_run_flags(const RunFlags& flags, const std::vector<std::string>& paths, AnalyzeOptions& options);

}  // namespace samplemind
