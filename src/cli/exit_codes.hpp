#pragma once
// Exit codes are a contract with CI scripts (README, "Exit codes"): change them only on purpose.

#include "pipeline/file_result.hpp"

namespace samplemind {

constexpr int k_exit_ok = 0;              // every file analysed
constexpr int k_exit_partial = 1;         // some files failed or were skipped
constexpr int k_exit_usage = 2;           // usage or configuration error
constexpr int k_exit_fatal = 3;           // a fatal provider or cache error stopped the batch
constexpr int k_exit_interrupted = 130;   // SIGINT / SIGTERM

// The documented exit code for a finished run.
int exit_code_for(const RunSummary& summary);

}  // namespace samplemind
