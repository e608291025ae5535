#pragma once
// Exit codes are a contract with CI scripts (README, "Exit codes"): change them only on purpose.

#include "pipeline/batch_runner.hpp"
#include "pipeline/file_result.hpp"

namespace samplemind {

constexpr int k_exit_ok = 0;              // every file analysed
constexpr int k_exit_partial = 1;         // some files failed (the batch went on)
constexpr int k_exit_usage = 2;           // usage or configuration error, including a PATH that does not exist
constexpr int k_exit_fatal = 3;           // a fatal provider or cache error stopped the batch
constexpr int k_exit_budget = 4;          // --max-cost reached: the files left were skipped
constexpr int k_exit_no_files = 5;        // no audio files found under the given paths
constexpr int k_exit_statements = 6;      // --check-statements: a file's audio contradicts what it states
constexpr int k_exit_interrupted = 130;   // SIGINT / SIGTERM

// The documented exit code for a finished run from its totals alone (no budget, no shard).
int exit_code_for(const RunSummary& summary);

// The documented exit code for a finished run. Several can apply; the first in this order
// wins: 3 fatal, 130 interrupted, 4 budget reached, 1 files failed or skipped, 6 a statement
// contradicted, 5 nothing found (a shard whose files all fell to other shards found
// something: 0), else 0.
int exit_code_for(const RunOutcome& outcome);

// The exit-code table for --help, one code a line.
const char* exit_code_help();

}  // namespace samplemind
