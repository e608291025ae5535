// The batch: a pool of extraction threads feeds a pool of AI workers through a queue.
// Results are committed to the cache as each file finishes, so an interrupted run
// loses nothing that was paid for.
#include "pipeline/batch_runner.hpp"

#include <chrono>
#include <optional>
#include <thread>

#include "cache/ai_cache.hpp"
#include "cache/cache_key.hpp"
#include "pipeline/batch.hpp"
#include "pipeline/single_flight.hpp"
#include "provider/price_budget.hpp"
#include "provider/provider.hpp"

namespace samplemind {

namespace {
// Stat records fetched ahead that may wait for a worker (bounded memory).
constexpr std::size_t k_prefetch_window = 1024;

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
