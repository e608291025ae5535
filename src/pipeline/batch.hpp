#pragma once
// One batch of files: the walker hands files to a feed, extraction workers take runs of
// neighbouring files (features from the feature cache or decoded), and with an AI stage the
// cache misses queue for AI workers. Every file is reported as it finishes.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "cache/feature_cache.hpp"
#include "cache/prefetching_backend.hpp"
#include "pipeline/ai_stage.hpp"
#include "pipeline/batch_runner.hpp"
#include "pipeline/file_feed.hpp"
#include "util/work_queue.hpp"

namespace samplemind {

class Batch {
 public:
  Batch(const AnalyzeOptions& options, const ProgressCallback& progress, const std::atomic<bool>* stop)
      : options_(options), progress_(progress), stop_(stop), feed_(options.keep_results),
        fatal_(options.fatal != nullptr ? *options.fatal : own_fatal_) {}

  // Walks the inputs into the feed (its own thread, while workers already take files).
  // Files go out in batches (with a prefetcher, batches whose stat records were fetched
  // together).
  void walk();

  // Stat records are fetched ahead in batches through this (null: one lookup per file).
  void use_prefetch(PrefetchingBackend* prefetch) { prefetch_ = prefetch; }

  // Why: every worker checks this between files, so an interrupt or a fatal error stops them all.
  bool stopped() const { return (stop_ != nullptr && stop_->load()) || fatal_.raised(); }

  // Fatal errors of this batch: raised by AI workers, or by a guard outside (--require-cache).
  FatalStop& fatal() { return fatal_; }

  // With a feature cache, unchanged files are neither decoded nor re-hashed.
  void use_feature_cache(FeatureCache* feature_cache) { feature_cache_ = feature_cache; }

  // Extraction worker step: false when there is nothing left to take.
  // With an AI stage, cache hits are answered here and only misses queue for a worker.
  bool extract_next(WorkQueue<FileResult*>* ai_queue, AiStageContext* context);

  // AI worker step: false once the queue is drained and closed.
  bool analyse_next(WorkQueue<FileResult*>& ai_queue, AiStageContext& context);

  // What the run did, once every worker has stopped: the files and their summary.
  RunOutcome outcome(double elapsed_s);

 private:
  // A worker's run of neighbouring files, with the stat records fetched ahead for them.
  struct WorkerRun {
    std::vector<FileResult*> files;
    std::vector<std::optional<FetchedStat>> stats;  // by position in files; empty: none fetched
    std::size_t next = 0;
  };

  // The next file of this worker's run of neighbouring files (with its stat record when it
  // was fetched ahead), taking a new run when it is done: a folder's stat records then come
  // through one cache connection, which reads their pages once (two workers alternating
  // file by file made both connections read all).
  std::pair<FileResult*, FetchedStat*> next_of_run();

  // Fetches the stat records of each folder's files in the run together, when the cache
  // reads a folder's records faster that way (SQLite: one range read instead of a lookup
  // per file; on a warm run over 100,000 files, 2-4 % less CPU).
  void fetch_stat_records(WorkerRun& run);

  // Features from the feature cache when there is one, else decoded now; then the final
  // values, with what the file's tags, chunks and name state.
  // with_answer: the file goes on to the AI stage, so its stat record may keep its answer.
  Result<Features> features_of(FileResult& file, FetchedStat* fetched, bool with_answer);

  // Marks a file not analysed because the run was interrupted or stopped by a fatal error.
  void skip(FileResult& file);

  // Counts the file, reports it (progress, with the total once the walk has finished: 0
  // while it is still walking), then hands it back to the feed, which frees streamed results.
  void finished(FileResult& file);

  const AnalyzeOptions& options_;
  const ProgressCallback& progress_;
  const std::atomic<bool>* stop_;
  FileFeed feed_;
  FatalStop own_fatal_;
  FatalStop& fatal_;
  std::size_t outside_shard_ = 0;  // written by the walker before it closes the feed
  FeatureCache* feature_cache_ = nullptr;
  PrefetchingBackend* prefetch_ = nullptr;
  std::atomic<std::int64_t> files_decoded_{0};
  // Every decode goes through here so the report can say how many files were decoded.
  FeatureExtractorFunction decode_ = [this](const std::filesystem::path& path) {
    ++files_decoded_;
    return extract_features_from_file(path);
  };
  std::mutex progress_mutex_;  // guards done_ and summary_
  std::size_t done_ = 0;
  RunSummary summary_;
};

}  // namespace samplemind
