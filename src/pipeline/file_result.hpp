#pragma once
// What happened to one file in a run, and the run's totals.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/features.hpp"
#include "model/statement_check.hpp"
#include "util/file_stat.hpp"

namespace samplemind {

struct AnswerSlot;  // cache/feature_cache.hpp

enum class FileStatus { ok, error, skipped };
enum class CacheOutcome { hit, miss, off };

// Why a file was skipped: scripts and exit codes decide on this, never on the message text.
enum class SkipReason { none, dry_run, budget, interrupted, stopped };

struct FileResult {
  std::string path;                  // as found, byte-exact
  std::size_t scan_index = 0;        // position in the walk (the order of every report)
  std::optional<FileStat> walk_stat;  // the stat the walk took (ScanItem::stat), if any
  std::chrono::steady_clock::time_point walk_stat_taken{};  // and when
  FileStatus status = FileStatus::ok;
  std::string error;                 // empty unless status != ok
  SkipReason skip_reason = SkipReason::none;  // set with status skipped
  std::optional<Features> features;
  std::optional<StatementCheck> statement_check;  // --check-statements: the file's statements against its audio
  CacheOutcome cache = CacheOutcome::off;
  std::string provider;
  std::string model;
  std::string analysis_type;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool api_call = false;             // a billed call was made for this file
  double cost_usd = 0.0;             // spent on this file in this run
  double saved_usd = 0.0;            // fill cost of the hit entry
  std::optional<nlohmann::json> result;
  // While the file is in flight: its stat record's answer memo, and what storing its answer
  // there takes (cache/feature_cache.hpp); released when the file is finished.
  std::shared_ptr<AnswerSlot> answer_slot;
};

struct RunSummary {
  std::int64_t files_total = 0;
  std::int64_t files_ok = 0;
  std::int64_t files_failed = 0;
  std::int64_t files_skipped = 0;
  bool statements_checked = false;      // --check-statements was given
  std::int64_t files_stating = 0;       // --check-statements: files that state a tempo, key or root
  std::int64_t files_disagreeing = 0;   // ... of them, files whose audio contradicts a statement
  std::int64_t skipped_dry_run = 0;  // of files_skipped: misses a dry run did not call about
  std::int64_t skipped_budget = 0;   // of files_skipped: refused by the --max-cost budget
  std::string cache_backend;         // "sqlite", ..., "off"
  std::string provider;
  std::string model;
  bool offline = false;
  bool cost_known = true;            // false: the model has no price; costs are reported as unknown
  std::int64_t cache_hits = 0;
  std::int64_t cache_misses = 0;
  std::int64_t cache_errors = 0;
  std::int64_t cache_corrupt = 0;    // corrupt AI entries read as misses (and replaced)
  std::int64_t feature_cache_hits = 0;  // files whose features came from the feature cache
  std::int64_t files_decoded = 0;    // files decoded and analysed in this run
  std::int64_t api_calls = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  double cost_usd = 0.0;
  double saved_usd = 0.0;
  double elapsed_s = 0.0;
  bool interrupted = false;
  std::string fatal_error;           // set when the batch was stopped

  // hits / (hits + misses), 0 when there were no lookups.
  double hit_rate() const;
};

// Adds one file's outcome to the totals.
void add_to_summary(RunSummary& summary, const FileResult& file);

const char* to_string(FileStatus status);
const char* to_string(CacheOutcome outcome);
const char* to_string(SkipReason reason);

}  // namespace samplemind
