// The exit code a finished run reports, from its summary (the table is in exit_codes.hpp).
#include "cli/exit_codes.hpp"

namespace samplemind {

int exit_code_for(const RunSummary& summary) {
  if (!summary.fatal_error.empty()) return k_exit_fatal;
  if (summary.interrupted) return k_exit_interrupted;
  // A dry run skips every miss on purpose: that alone is not a partial failure.
  if (summary.files_failed > 0 || summary.files_skipped > summary.skipped_dry_run) return k_exit_partial;
  return k_exit_ok;
}

}  // namespace samplemind
