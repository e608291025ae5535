// The exit code a finished run reports (the table is in exit_codes.hpp and the README).
#include "cli/exit_codes.hpp"

namespace samplemind {

int exit_code_for(const RunSummary& summary) {
  if (!summary.fatal_error.empty()) return k_exit_fatal;
  if (summary.interrupted) return k_exit_interrupted;
  // A dry run skips every miss on purpose: that alone is not a partial failure.
  if (summary.files_failed > 0 || summary.files_skipped > summary.skipped_dry_run) return k_exit_partial;
  if (summary.files_disagreeing > 0) return k_exit_statements;
  if (summary.files_total == 0) return k_exit_no_files;
  return k_exit_ok;
}

int exit_code_for(const RunOutcome& outcome) {
  const RunSummary& summary = outcome.summary;
  if (!summary.fatal_error.empty()) return k_exit_fatal;
  if (summary.interrupted) return k_exit_interrupted;
  if (outcome.budget_reached && summary.files_skipped > 0) return k_exit_budget;
  // A dry run skips every miss on purpose: that alone is not a partial failure.
  if (summary.files_failed > 0 || summary.files_skipped > summary.skipped_dry_run) return k_exit_partial;
  if (summary.files_disagreeing > 0) return k_exit_statements;
  if (summary.files_total == 0 && outcome.files_outside_shard == 0) return k_exit_no_files;
  return k_exit_ok;
}

const char* exit_code_help() {
  return "Exit codes:\n"
         "  0    every file analysed\n"
         "  1    some files failed (each is named on stderr; the batch went on)\n"
         "  2    usage or configuration error, including a PATH that does not exist\n"
         "  3    a fatal provider or cache error (--require-cache), or stdout could not be written\n"
         "  4    --max-cost reached: the files left were skipped\n"
         "  5    no audio files found\n"
         "  6    --check-statements: a file's audio contradicts the tempo, key or root it states (each is named on stderr)\n"
         "  130  interrupted (SIGINT/SIGTERM)";
}

}  // namespace samplemind
