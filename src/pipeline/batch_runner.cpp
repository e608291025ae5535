// The batch: a pool of extraction threads feeds a pool of AI workers through a queue.
// Results are committed to the cache as each file finishes, so an interrupted run
// loses nothing that was paid for.
#include "pipeline/batch_runner.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

#include "pipeline/ai_stage.hpp"
#include "cache/prefetching_backend.hpp"
#include "pipeline/file_feed.hpp"
#include "cache/ai_cache.hpp"
#include "cache/feature_cache.hpp"
#include "audio/feature_extractor.hpp"
#include "provider/price_budget.hpp"
#include "provider/provider.hpp"
#include "pipeline/scan.hpp"
#include "metadata/stated_values.hpp"
#include "cache/cache_key.hpp"
#include "pipeline/single_flight.hpp"
#include "util/path_text.hpp"
#include "util/work_queue.hpp"

namespace samplemind {

namespace {
// Files the walker hands to the feed at once (one lock; with Redis, one prefetch round
// trip), and how many fetched stat records may wait for a worker (bounded memory).
constexpr std::size_t k_prefetch_batch = 64;
// How long the stat the walk took of a file stands for it (then it is stat'ed again).
constexpr auto k_walk_stat_fresh = std::chrono::seconds(1);
// Neighbouring files a worker takes at once (fewer while few are waiting): a folder of a
// hundred files then usually goes to one worker (128 instead of 32: warm CPU -5 %).
constexpr std::size_t k_worker_run_files = 128;
constexpr std::size_t k_prefetch_window = 1024;
// Files of one folder in a run below which their stat records are looked up one by one.
constexpr std::size_t k_min_folder_fetch = 8;

unsigned resolve_jobs(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

// Runs body(i) on n threads; each thread keeps going until body returns false.
template <class Body>
void run_threads(unsigned n, Body body) {
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (unsigned i = 0; i < n; ++i) threads.emplace_back([&body] { while (body()) {} });
  for (auto& thread : threads) thread.join();
}

class Batch {
 public:
  Batch(const AnalyzeOptions& options, const ProgressCallback& progress, const std::atomic<bool>* stop)
      : options_(options), progress_(progress), stop_(stop), feed_(options.keep_results),
        fatal_(options.fatal != nullptr ? *options.fatal : own_fatal_) {}

  // Walks the inputs into the feed (its own thread, while workers already take files).
  // Files go out in batches (with a prefetcher, batches whose stat records were fetched
  // together).
  void walk() {
    std::vector<ScanItem> pending;
    auto hand_out = [&] {
      if (prefetch_ != nullptr) {
        std::vector<std::string> keys;
        for (const ScanItem& item : pending) {
          if (item.problem.empty()) keys.push_back(file_stat_key(item.path));
        }
        prefetch_->prefetch(EntryKind::file_stat, keys);
      }
      feed_.add_all(pending);
    };
    const WalkTotals totals =
        walk_inputs(options_.inputs, ScanOptions{options_.include_hidden, options_.shard}, [&](ScanItem item) {
          pending.push_back(std::move(item));
          // A batch at a time: one lock of the feed and one wake-up per 64 files.
          if (pending.size() >= k_prefetch_batch || stopped()) hand_out();
        });
    hand_out();
    outside_shard_ = totals.outside_shard;
    feed_.close();
  }

  // Stat records are fetched ahead in batches through this (null: one lookup per file).
  void use_prefetch(PrefetchingBackend* prefetch) { prefetch_ = prefetch; }

  bool stopped() const { return (stop_ != nullptr && stop_->load()) || fatal_.raised(); }

  // Fatal errors of this batch: raised by AI workers, or by a guard outside (--require-cache).
  FatalStop& fatal() { return fatal_; }

  // With a feature cache, unchanged files are neither decoded nor re-hashed.
  void use_feature_cache(FeatureCache* feature_cache) { feature_cache_ = feature_cache; }

  // Extraction worker step: false when there is nothing left to take.
  // With an AI stage, cache hits are answered here and only misses queue for a worker.
  bool extract_next(WorkQueue<FileResult*>* ai_queue, AiStageContext* context) {
    const auto [file, fetched] = next_of_run();
    if (file == nullptr) return false;
    if (file->status != FileStatus::ok) {
      finished(*file);
    } else if (stopped()) {
      skip(*file);
    } else if (auto features = features_of(*file, fetched, ai_queue != nullptr); !features && stopped()) {
      skip(*file);  // hashing or decoding stopped by the interrupt
    } else if (!features) {
      file->status = FileStatus::error;
      file->error = features.error();
      finished(*file);
    } else {
      file->features = std::move(*features);
      if (ai_queue == nullptr || answer_from_cache(*file, *context)) finished(*file);
      else ai_queue->push(file);
    }
    return true;
  }

  // AI worker step: false once the queue is drained and closed.
  bool analyse_next(WorkQueue<FileResult*>& ai_queue, AiStageContext& context) {
    const auto file = ai_queue.pop();
    if (!file) return false;
    if (stopped()) skip(**file);
    else {
      analyse_with_ai(**file, context);  // looks up again: an equal key may have been stored since
      finished(**file);
    }
    return true;
  }

  RunOutcome outcome(double elapsed_s) {
    RunOutcome out;
    out.files = feed_.release();
    out.summary = summary_;  // added up as files finished: streamed results are gone by now
    out.summary.elapsed_s = elapsed_s;
    out.summary.interrupted = stop_ != nullptr && stop_->load();
    out.summary.fatal_error = fatal_.message();
    out.summary.files_decoded = files_decoded_.load();
    out.shard = options_.shard;
    out.tempo_range = options_.tempo_range;
    out.files_outside_shard = outside_shard_;
    return out;
  }

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
  std::pair<FileResult*, FetchedStat*> next_of_run() {
    thread_local WorkerRun run;
    if (run.next == run.files.size()) {
      run.files = feed_.take_run(k_worker_run_files);
      run.next = 0;
      run.stats.clear();
      if (run.files.empty()) return {nullptr, nullptr};
      fetch_stat_records(run);
    }
    const std::size_t at = run.next++;
    FetchedStat* fetched = at < run.stats.size() && run.stats[at] ? &*run.stats[at] : nullptr;
    return {run.files[at], fetched};
  }

  // Fetches the stat records of each folder's files in the run together, when the cache
  // reads a folder's records faster that way (SQLite: one range read instead of a lookup
  // per file; on a warm run over 100,000 files, 2-4 % less CPU).
  void fetch_stat_records(WorkerRun& run) {
    if (feature_cache_ == nullptr || !feature_cache_->fetches_stat_records() || stopped()) return;
    run.stats.resize(run.files.size());
    std::size_t begin = 0;
    while (begin < run.files.size()) {
      const std::string_view folder = parent_folder(run.files[begin]->path);
      std::size_t end = begin + 1;
      while (end < run.files.size() && parent_folder(run.files[end]->path) == folder) ++end;
      std::vector<std::size_t> members;
      std::vector<std::string_view> paths;
      for (std::size_t i = begin; i < end; ++i) {
        if (run.files[i]->status != FileStatus::ok) continue;
        members.push_back(i);
        paths.emplace_back(run.files[i]->path);
      }
      if (paths.size() >= k_min_folder_fetch) {
        std::vector<FetchedStat> fetched = feature_cache_->fetch_stat_records(paths);
        for (std::size_t j = 0; j < members.size() && j < fetched.size(); ++j) run.stats[members[j]] = std::move(fetched[j]);
      }
      begin = end;
    }
  }

  // Features from the feature cache when there is one, else decoded now; then the final
  // values, with what the file's tags, chunks and name state.
  // with_answer: the file goes on to the AI stage, so its stat record may keep its answer.
  Result<Features> features_of(FileResult& file, FetchedStat* fetched, bool with_answer) {
    const std::filesystem::path path(file.path);
    if (with_answer && feature_cache_ != nullptr && feature_cache_->keeps_answers()) {
      file.answer_slot = std::make_shared<AnswerSlot>();
    }
    // The walk's stat stands for the file only while fresh: a file changed after the walk
    // but before its turn (a cold run can be an hour behind the walk) is stat'ed again.
    const bool fresh = file.walk_stat && std::chrono::steady_clock::now() - file.walk_stat_taken <= k_walk_stat_fresh;
    const FileStat* walked = fresh ? &*file.walk_stat : nullptr;
    auto features = feature_cache_ ? feature_cache_->features_for(path, decode_, walked, fetched, file.answer_slot.get())
                                   : decode_(path);
    if (features) apply_file_statements(*features, path, {options_.ignore_metadata, options_.tempo_range});
    return features;
  }

  void skip(FileResult& file) {
    file.status = FileStatus::skipped;
    file.skip_reason = fatal_.raised() ? SkipReason::stopped : SkipReason::interrupted;
    file.error = fatal_.raised() ? "not analysed: the batch was stopped by a fatal error"
                                 : std::string(k_not_analysed_interrupted);
    finished(file);
  }

  // Counts the file, reports it (progress, with the total once the walk has finished: 0
  // while it is still walking), then hands it back to the feed, which frees streamed results.
  void finished(FileResult& file) {
    if (file.answer_slot) {
      if (feature_cache_ != nullptr) feature_cache_->settle_answer(*file.answer_slot);
      file.answer_slot.reset();
    }
    if (options_.render_file) options_.render_file(file);
    const std::size_t total = feed_.walk_finished() ? feed_.size() : 0;
    {
      std::lock_guard lock(progress_mutex_);
      add_to_summary(summary_, file);
      ++done_;
      if (progress_) progress_(done_, total, file);
    }
    feed_.retire(&file);
  }

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

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

RunOutcome run_analysis(const AnalyzeOptions& options, const AnalysisType& type, Provider& provider, AiCache* cache,
                        const ProgressCallback& progress, const std::atomic<bool>* stop) {
  const auto start = std::chrono::steady_clock::now();
  Batch batch(options, progress, stop);
  std::optional<PrefetchingBackend> prefetching;
  std::optional<FeatureCache> feature_cache;
  if (cache != nullptr) {
    // Stat records are prefetched only where a batch is one round trip (Redis); --rehash
    // never reads them.
    CacheBackend* backend = &cache->backend();
    if (!options.rehash && backend->batches_lookups()) {
      batch.use_prefetch(&prefetching.emplace(*backend, k_prefetch_window));
      backend = &*prefetching;
    }
    batch.use_feature_cache(&feature_cache.emplace(*backend, options.rehash, stop));
    if (auto epoch = cache->backend().answer_memo_epoch()) feature_cache->use_answer_epoch(std::move(*epoch));
  }
  WorkQueue<FileResult*> ai_queue;
  SingleFlight flights;
  PriceBudget budget(options.max_cost_usd);
  AiStageContext context{type, provider, cache, flights, batch.fatal(), options.refresh, options.dry_run, &budget, stop};
  context.request_hash = request_shape_hash(provider.request_shape(type));
  context.keys.emplace(provider.name(), provider.model(), type, context.request_hash);
  if (feature_cache && feature_cache->keeps_answers()) context.feature_cache = &*feature_cache;
  const unsigned ai_workers = options.concurrency > 0 ? options.concurrency : 1;
  std::thread walker([&] { batch.walk(); });
  std::thread ai_pool([&] { run_threads(ai_workers, [&] { return batch.analyse_next(ai_queue, context); }); });
  run_threads(resolve_jobs(options.jobs), [&] { return batch.extract_next(&ai_queue, &context); });
  walker.join();
  ai_queue.close();
  ai_pool.join();
  if (cache != nullptr) cache->flush_usage();
  RunOutcome outcome = batch.outcome(seconds_since(start));
  outcome.summary.provider = provider.name();
  outcome.summary.model = provider.model();
  outcome.summary.offline = provider.is_offline();
  outcome.summary.cost_known = provider.price_known();
  outcome.dry_run = options.dry_run;
  outcome.summary.cache_backend = cache != nullptr ? cache->backend().name() : "off";
  outcome.summary.cache_errors = cache != nullptr ? cache->backend_errors() : 0;
  outcome.summary.cache_corrupt = cache != nullptr ? cache->corrupt_entries() : 0;
  if (feature_cache) outcome.summary.feature_cache_hits = feature_cache->counters().hits;
  outcome.budget_reached = budget.exhausted();
  outcome.estimated_calls = budget.estimated_calls();
  outcome.estimated_cost_usd = budget.estimated_usd();
  return outcome;
}

RunOutcome run_feature_extraction(const AnalyzeOptions& options, const ProgressCallback& progress,
                                  const std::atomic<bool>* stop, CacheBackend* feature_backend) {
  const auto start = std::chrono::steady_clock::now();
  Batch batch(options, progress, stop);
  std::optional<FeatureCache> feature_cache;
  if (feature_backend != nullptr) batch.use_feature_cache(&feature_cache.emplace(*feature_backend, options.rehash, stop));
  std::thread walker([&] { batch.walk(); });
  run_threads(resolve_jobs(options.jobs), [&] { return batch.extract_next(nullptr, nullptr); });
  walker.join();
  RunOutcome outcome = batch.outcome(seconds_since(start));
  outcome.summary.cache_backend = feature_backend != nullptr ? feature_backend->name() : "off";
  if (feature_cache) outcome.summary.feature_cache_hits = feature_cache->counters().hits;
  return outcome;
}

}  // namespace samplemind
