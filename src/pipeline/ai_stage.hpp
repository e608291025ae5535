#pragma once
// The AI half of a file's analysis: key, cache lookup, single-flight call, store.
#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "cache/cache_key.hpp"
#include "cache/cache_lease.hpp"
#include "pipeline/fatal_stop.hpp"
#include "pipeline/file_result.hpp"

namespace samplemind {

class FeatureCache;

// The reason every file an interrupt kept from being analysed carries (status skipped).
inline constexpr std::string_view k_not_analysed_interrupted = "not analysed: interrupted";

class AiCache;
class PriceBudget;
class Provider;
class SingleFlight;
struct AnalysisType;

// Shared by all AI workers of one batch.
struct AiStageContext {
  const AnalysisType& type;
  Provider& provider;
  AiCache* cache;                  // null: caching off
  SingleFlight& flights;
  FatalStop& fatal_stop;           // raised once a fatal provider error stops the batch
  bool refresh = false;            // --refresh: no lookup, store the new answer
  bool dry_run = false;            // --dry-run: no call, record the estimate in budget
  PriceBudget* budget = nullptr;   // --max-cost and dry-run estimates
  const std::atomic<bool>* interrupt = nullptr;  // SIGINT/SIGTERM: retry waits end at once
  LeaseTiming lease_timing{};      // cross-process lease on each paid call (cache_lease.hpp)
  std::string request_hash = "none";  // request_shape_hash of the provider's request, once per run
  std::optional<AiKeyBuilder> keys;   // provider, model, type and request_hash: set once per run
  FeatureCache* feature_cache = nullptr;  // keeps each file's answer in its stat record, when set
};

// Fills file.result (or file.error) for a file whose features are already extracted:
// from the AI cache, else by a single-flight call whose answer is stored.
void analyse_with_ai(FileResult& file, AiStageContext& context);

// Answers the file from the AI cache; false on a miss (or with --refresh, or no cache).
// Run by the extraction workers, so a warm run never hands files to the AI workers.
bool answer_from_cache(FileResult& file, AiStageContext& context);

}  // namespace samplemind
