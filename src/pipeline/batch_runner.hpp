#pragma once
// The analyze pipeline: scan -> features -> normalise -> key -> cache -> provider -> results.
#include <atomic>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/fatal_stop.hpp"
#include "pipeline/file_result.hpp"
#include "pipeline/shard.hpp"
#include "model/tempo_range.hpp"

namespace samplemind {

class AiCache;
class CacheBackend;
class Provider;
struct AnalysisType;

struct AnalyzeOptions {
  std::vector<std::filesystem::path> inputs;
  unsigned jobs = 0;               // extraction threads; 0 = number of cores
  unsigned concurrency = 4;        // AI lookups/calls in flight
  bool include_hidden = false;
  bool refresh = false;            // skip the lookup, call, store the fresh answer
  bool rehash = false;             // feature cache: hash every file again instead of trusting stat
  bool ignore_metadata = false;    // audio estimates only: no tempo/key/root from tags, chunks or names
  bool check_statements = false;   // compare each stated tempo, key and root with the audio (FileResult::statement_check)
  std::optional<TempoRange> tempo_range;  // audio tempos moved into this range (--tempo-range)
  bool dry_run = false;            // look up, but never call: estimate the misses' cost
  std::optional<double> max_cost_usd;  // stop calling once this would be exceeded
  std::optional<Shard> shard;      // --shard K/N: only this part of the library
  bool keep_results = true;        // false: each result is freed once reported (streamed output)
  FatalStop* fatal = nullptr;      // shared with a guard outside the batch (--require-cache); null: the batch's own
  // Called for each finished file on the worker that finished it, before the progress
  // callback and outside its lock: any thread, any order, so it must be thread-safe. Rendering
  // a report entry here keeps it off the serialised path (null: nothing).
  std::function<void(const FileResult&)> render_file;
};

struct RunOutcome {
  RunSummary summary;
  std::deque<FileResult> files;    // in scan order (a deque: results never move while the walk adds more)
  std::size_t estimated_calls = 0; // dry run: distinct calls the misses would make
  double estimated_cost_usd = 0.0; // dry run: their estimated cost (meaningless when !summary.cost_known)
  bool dry_run = false;            // --dry-run: the report shows the estimate, not per-file skips
  std::optional<Shard> shard;      // the --shard this run covered
  std::optional<TempoRange> tempo_range;  // the --tempo-range audio tempos were moved into
  std::size_t files_outside_shard = 0;  // walked files left to the other shards
  bool budget_reached = false;     // --max-cost refused at least one call
};

// Called after each finished file (from worker threads, serialised); total is 0 while the walk goes on.
// With keep_results false this is the last look at the file: it is freed right after.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total, const FileResult&)>;

// Runs one batch; cache may be null (caching off). stop is polled between files.
RunOutcome run_analysis(const AnalyzeOptions& options, const AnalysisType& type, Provider& provider,
                        AiCache* cache, const ProgressCallback& progress,
                        const std::atomic<bool>* stop = nullptr);

// Extraction only (the features command): no AI. With a backend, features come from and go
// to its feature cache (unchanged files are not decoded); null: every file is decoded.
RunOutcome run_feature_extraction(const AnalyzeOptions& options, const ProgressCallback& progress,
                                  const std::atomic<bool>* stop = nullptr, CacheBackend* feature_backend = nullptr);

}  // namespace samplemind
