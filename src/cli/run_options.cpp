// Shared batch flags and the usage checks made before a batch starts.
#include "cli/run_options.hpp"

#include "pipeline/scan.hpp"
#include "pipeline/shard.hpp"
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
}

void apply_run_flags(const RunFlags& flags, const std::vector<std::string>& paths, AnalyzeOptions& options) {
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

}  // namespace samplemind
