// Per-file AI step. Order matters: the leader stores the answer before waking waiters,
// so a file that arrives later finds it in the cache.
#include "pipeline/ai_stage.hpp"

#include <variant>

#include "cache/ai_cache.hpp"
#include "cache/cache_key.hpp"
#include "cache/cache_lease.hpp"
#include "cache/feature_cache.hpp"
#include "model/normalized_features.hpp"
#include "provider/price_budget.hpp"
#include "provider/prompt.hpp"
#include "provider/provider.hpp"
#include "pipeline/single_flight.hpp"

namespace samplemind {

namespace {
CacheRecord make_record(const std::string& key, const FileResult& file, const ProviderAnswer& answer) {
  CacheRecord record;
  record.kind = EntryKind::ai;
  record.key = key;
  record.payload = answer.result.dump();
  record.provider = file.provider;
  record.model = file.model;
  record.analysis_type = file.analysis_type;
  record.input_tokens = answer.input_tokens;
  record.output_tokens = answer.output_tokens;
  record.cost_usd = answer.cost_usd;
  return record;  // AiCache::store sets cached_at (expiry is decided when reading)
}

void fail(FileResult& file, std::string message) {
  file.status = FileStatus::error;
  file.error = std::move(message);
}

// The file's normalised features and AI key, worked out once per stage.
struct KeyedFile {
  NormalizedFeatures normalized;
  AiCacheKey key;
};

KeyedFile key_file(FileResult& file, const AiStageContext& context) {
  file.provider = context.provider.name();
  file.model = context.provider.model();
  file.analysis_type = context.type.name;
  NormalizedFeatures normalized = normalize_features(*file.features);
  AiCacheKey key = context.keys ? context.keys->key(normalized)
                                : make_ai_cache_key(file.provider, file.model, context.type, normalized, context.request_hash);
  return {std::move(normalized), std::move(key)};
}

// True when the file's stat record keeps its answer (SQLite, the file in the feature cache):
// checked before the answer's text is made, which no other cache needs.
bool keeps_answer(const FileResult& file, const AiStageContext& context) {
  return context.feature_cache != nullptr && file.answer_slot;
}

// Keeps the file's answer in its stat record (a memo), for the next run to read with the record.
void remember_answer(FileResult& file, AiStageContext& context, const std::string& key, std::string payload,
                     double cost_usd, std::int64_t cached_at) {
  context.feature_cache->remember_answer(*file.answer_slot, AnswerMemo{{}, key, std::move(payload), cost_usd, cached_at});
}

// Fills the file from its stat record's memo or a live cache entry; false on a miss, with
// --refresh or no cache.
bool answer_by_key(FileResult& file, AiStageContext& context, const AiCacheKey& key) {
  if (context.cache == nullptr || context.refresh) return false;
  std::optional<AiCacheHit> hit;
  if (file.answer_slot && file.answer_slot->memo) hit = context.cache->answer_from_memo(*file.answer_slot->memo, key.hex);
  if (!hit) {
    hit = context.cache->lookup_answer(key.hex);
    if (hit && keeps_answer(file, context)) {
      remember_answer(file, context, key.hex, std::move(hit->record.payload), hit->record.cost_usd, hit->record.cached_at);
    }
  }
  if (!hit) return false;
  file.cache = CacheOutcome::hit;
  file.saved_usd = hit->record.cost_usd;
  file.result = std::move(hit->answer);
  context.cache->count(file.provider, file.model, file.analysis_type, true, file.saved_usd);
  return true;
}

// The provider call under a budget; a billed answer is stored. A call the budget refuses
// is reported through over_budget (no call made).
ProviderOutcome paid_call(const FileResult& file, AiStageContext& context, const KeyedFile& keyed, bool& over_budget) {
  const Prompt prompt = build_prompt(context.type, keyed.normalized);
  const ProviderRequest request{context.type, prompt, keyed.normalized, context.fatal_stop.flag(), context.interrupt};
  const double estimate = context.budget != nullptr ? context.provider.estimate_cost_usd(request) : 0.0;
  if (context.budget != nullptr && !context.budget->try_reserve(estimate)) {
    over_budget = true;
    return ProviderError{ProviderFailure::skipped, "not analysed: the --max-cost budget was reached"};
  }
  ProviderOutcome outcome = context.provider.analyze(request);
  if (context.budget != nullptr) {
    const auto* billed = std::get_if<ProviderAnswer>(&outcome);
    const auto* failed = std::get_if<ProviderError>(&outcome);
    context.budget->settle(estimate, billed != nullptr ? billed->cost_usd : failed->cost_usd);
  }
  if (auto* answer = std::get_if<ProviderAnswer>(&outcome); answer && context.cache != nullptr) {
    context.cache->store(make_record(keyed.key.hex, file, *answer));
  }
  return outcome;
}

// How the single-flight call for one key ended, as seen by one file.
struct CallResult {
  ProviderOutcome outcome = ProviderError{ProviderFailure::per_file, "not analysed"};
  bool leader = false;       // this file made (or tried) the call
  bool from_peer = false;    // another process paid for the answer while this one waited
  bool over_budget = false;  // the budget refused the call
  bool paid_here() const { return leader && !from_peer; }
};

// The single-flight leader's call, under the key's cross-process lease: when another
// process holds it, its stored answer is used instead (from_peer), so no answer is paid twice.
void lease_and_call(const FileResult& file, AiStageContext& context, const KeyedFile& keyed, CallResult& call) {
  // The offline analyser costs nothing and answers at once: another process answering the
  // same key too loses nothing, and a lease per miss (three write transactions and a
  // renewer thread) was a fifth of a cold run over small files.
  if (context.cache == nullptr || context.refresh || context.provider.is_offline()) {
    call.outcome = paid_call(file, context, keyed, call.over_budget);
    return;
  }
  // The permit (and its lease) lives until the answer is stored, then is released.
  CallPermit permit = acquire_call_permit(*context.cache, keyed.key.hex, context.lease_timing, context.fatal_stop.flag(),
                                          context.interrupt);
  if (permit.answer) {
    call.from_peer = true;
    ProviderAnswer shared;
    shared.result = std::move(permit.answer->answer);
    shared.cost_usd = permit.answer->record.cost_usd;  // what the peer paid: saved here
    call.outcome = std::move(shared);
  } else if (permit.stopped) {
    call.outcome = ProviderError{ProviderFailure::per_file, "not analysed: the batch was stopped"};
  } else {
    call.outcome = paid_call(file, context, keyed, call.over_budget);
  }
}

// One call per key across the batch: the leader calls, the other files wait for its outcome.
CallResult single_flight_call(const FileResult& file, AiStageContext& context, const KeyedFile& keyed) {
  CallResult call;
  auto flight = context.flights.join(keyed.key.hex, call.leader);
  if (!call.leader) {
    call.outcome = SingleFlight::wait(*flight);
    return call;
  }
  if (context.fatal_stop.raised()) {
    call.outcome = ProviderError{ProviderFailure::per_file, "not analysed: the batch was stopped"};
  } else {
    lease_and_call(file, context, keyed, call);
  }
  context.flights.finish(keyed.key.hex, flight, call.outcome);
  return call;
}

void skip(FileResult& file, SkipReason reason, std::string message) {
  file.status = FileStatus::skipped;
  file.skip_reason = reason;
  file.error = std::move(message);
}

// --dry-run: the estimate is recorded, no call is made.
void estimate_only(FileResult& file, AiStageContext& context, const KeyedFile& keyed) {
  const Prompt prompt = build_prompt(context.type, keyed.normalized);
  const double estimate = context.provider.estimate_cost_usd(ProviderRequest{context.type, prompt, keyed.normalized});
  if (context.budget != nullptr) context.budget->add_estimate(keyed.key.hex, estimate);
  skip(file, SkipReason::dry_run, "dry run: the provider was not called");
}

// A failed call: skipped (interrupt, budget, stop) or failed, with what a billed failure cost.
void apply_failure(FileResult& file, AiStageContext& context, const ProviderError& error, const CallResult& call) {
  const bool billed = error.input_tokens > 0 || error.output_tokens > 0 || error.cost_usd > 0.0;
  const bool interrupted = context.interrupt != nullptr && context.interrupt->load();
  if (interrupted && !billed && error.severity != ProviderFailure::fatal) {
    // A call cut short by SIGINT/SIGTERM (a rate-limit wait, a retry pause, an aborted
    // transfer) is a file not reached, like those never started: skipped, not failed.
    skip(file, SkipReason::interrupted, std::string(k_not_analysed_interrupted));
    return;
  }
  if (error.severity == ProviderFailure::fatal && call.leader) context.fatal_stop.raise(error.message);
  if (error.severity == ProviderFailure::skipped) {
    skip(file, call.over_budget ? SkipReason::budget : SkipReason::stopped, error.message);
    return;
  }
  if (call.paid_here() && billed) {
    // The call was billed even though its answer was unusable (truncated, refused, invalid).
    file.api_call = true;
    file.input_tokens = error.input_tokens;
    file.output_tokens = error.output_tokens;
    file.cost_usd = error.cost_usd;
  }
  if (context.cache != nullptr) context.cache->count(file.provider, file.model, file.analysis_type, false, 0.0);
  fail(file, error.message);
}

// An answer: paid here (a miss) or shared by another file or process (a hit, nothing spent).
void apply_answer(FileResult& file, AiStageContext& context, const ProviderAnswer& answer, const CallResult& call,
                  const std::string& key) {
  file.result = answer.result;
  if (keeps_answer(file, context)) remember_answer(file, context, key, answer.result.dump(), answer.cost_usd, unix_now());
  if (call.paid_here()) {
    file.api_call = !context.provider.is_offline();
    file.input_tokens = answer.input_tokens;
    file.output_tokens = answer.output_tokens;
    file.cost_usd = answer.cost_usd;
    if (context.cache != nullptr) context.cache->count(file.provider, file.model, file.analysis_type, false, 0.0);
    return;
  }
  file.cache = context.cache != nullptr ? CacheOutcome::hit : CacheOutcome::off;
  file.saved_usd = answer.cost_usd;
  if (context.cache != nullptr) context.cache->count(file.provider, file.model, file.analysis_type, true, file.saved_usd);
}

// The call for a file whose lookup missed.
void call_ai(FileResult& file, AiStageContext& context, const KeyedFile& keyed) {
  if (context.cache != nullptr) file.cache = CacheOutcome::miss;
  if (context.dry_run) {
    estimate_only(file, context, keyed);
    return;
  }
  const CallResult call = single_flight_call(file, context, keyed);
  if (const auto* error = std::get_if<ProviderError>(&call.outcome)) {
    apply_failure(file, context, *error, call);
  } else {
    apply_answer(file, context, std::get<ProviderAnswer>(call.outcome), call, keyed.key.hex);
  }
}

}  // namespace

bool answer_from_cache(FileResult& file, AiStageContext& context) {
  return answer_by_key(file, context, key_file(file, context).key);
}

void analyse_with_ai(FileResult& file, AiStageContext& context) {
  const KeyedFile keyed = key_file(file, context);
  if (!answer_by_key(file, context, keyed.key)) call_ai(file, context, keyed);
}

}  // namespace samplemind
