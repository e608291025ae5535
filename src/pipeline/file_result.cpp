// Run totals: the arithmetic behind the cost-savings report.
#include "pipeline/file_result.hpp"

namespace samplemind {

double RunSummary::hit_rate() const {
  const auto lookups = cache_hits + cache_misses;
  return lookups == 0 ? 0.0 : static_cast<double>(cache_hits) / static_cast<double>(lookups);
}

void add_to_summary(RunSummary& summary, const FileResult& file) {
  ++summary.files_total;
  switch (file.status) {
    case FileStatus::ok: ++summary.files_ok; break;
    case FileStatus::error: ++summary.files_failed; break;
    case FileStatus::skipped: ++summary.files_skipped; break;
  }
  if (file.skip_reason == SkipReason::dry_run) ++summary.skipped_dry_run;
  if (file.statement_check && file.statement_check->states_anything()) ++summary.files_stating;
  if (file.statement_check && file.statement_check->disagrees()) ++summary.files_disagreeing;
  if (file.skip_reason == SkipReason::budget) ++summary.skipped_budget;
  if (file.cache == CacheOutcome::hit) ++summary.cache_hits;
  if (file.cache == CacheOutcome::miss) ++summary.cache_misses;
  if (file.api_call) ++summary.api_calls;
  summary.input_tokens += file.input_tokens;
  summary.output_tokens += file.output_tokens;
  summary.cost_usd += file.cost_usd;
  summary.saved_usd += file.saved_usd;
}

const char* to_string(FileStatus status) {
  switch (status) {
    case FileStatus::ok: return "ok";
    case FileStatus::error: return "error";
    case FileStatus::skipped: return "skipped";
  }
  return "error";
}

const char* to_string(CacheOutcome outcome) {
  switch (outcome) {
    case CacheOutcome::hit: return "hit";
    case CacheOutcome::miss: return "miss";
    case CacheOutcome::off: return "off";
  }
  return "off";
}

const char* to_string(SkipReason reason) {
  switch (reason) {
    case SkipReason::none: return "none";
    case SkipReason::dry_run: return "dry_run";
    case SkipReason::budget: return "budget";
    case SkipReason::interrupted: return "interrupted";
    case SkipReason::stopped: return "stopped";
  }
  return "none";
}

}  // namespace samplemind
