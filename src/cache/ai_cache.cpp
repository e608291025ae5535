// AiCache: expiry and validity checks on lookup, timestamps on store, lifetime counters.
#include "cache/ai_cache.hpp"

#include <chrono>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider/answer_reader.hpp"

namespace samplemind {

std::int64_t unix_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

bool is_expired(std::int64_t cached_at, std::int64_t ttl_seconds, std::int64_t now) {
  return ttl_seconds > 0 && now >= cached_at + ttl_seconds;
}

std::optional<std::int64_t> expired_before(std::int64_t ttl_seconds, std::int64_t now) {
  if (ttl_seconds <= 0) return std::nullopt;
  return now - ttl_seconds + 1;  // cached_at < this  <=>  now >= cached_at + ttl
}

AiCache::AiCache(std::unique_ptr<CacheBackend> backend, std::int64_t ttl_seconds, std::ostream* warnings)
    : backend_(std::make_unique<FailOpenBackend>(std::move(backend), warnings)), ttl_seconds_(ttl_seconds) {}

std::optional<CacheRecord> AiCache::lookup(const std::string& key) {
  auto hit = lookup_answer(key);
  if (!hit) return std::nullopt;
  return std::move(hit->record);
}

std::optional<AiCacheHit> AiCache::lookup_answer(const std::string& key) {
  CacheLookup found = backend_->get(EntryKind::ai, key);
  if (found.status != LookupStatus::hit || !found.record) return std::nullopt;
  // Expiry under the TTL in force now, not the one the writer had: a stored expires_at
  // (entries written before version 2 of the TTL rules) is ignored.
  if (is_expired(found.record->cached_at, ttl_seconds_, unix_now())) return std::nullopt;
  auto answer = read_clean_answer(found.record->payload);
  if (!answer) {
    backend_->note_corrupt(EntryKind::ai, key);  // the provider answer gets stored over it
    return std::nullopt;
  }
  if (!answer->is_object()) return std::nullopt;  // valid JSON but no answer: a plain miss
  // Cleaned as it is read: entries written before answers were cleaned, or imported ones.
  return AiCacheHit{std::move(*found.record), std::move(*answer)};
}

std::optional<AiCacheHit> AiCache::answer_from_memo(const AnswerMemo& memo, const std::string& key) const {
  if (memo.key != key || is_expired(memo.cached_at, ttl_seconds_, unix_now())) return std::nullopt;
  auto answer = read_clean_answer(memo.payload);
  if (!answer || !answer->is_object()) return std::nullopt;  // a damaged memo: the entry is looked up instead
  CacheRecord record;
  record.kind = EntryKind::ai;
  record.key = key;
  record.cost_usd = memo.cost_usd;
  record.cached_at = memo.cached_at;
  return AiCacheHit{std::move(record), std::move(*answer)};
}

void AiCache::store(CacheRecord record) {
  record.kind = EntryKind::ai;
  record.cached_at = unix_now();
  record.expires_at = 0;  // expiry is decided when reading (is_expired), from cached_at
  backend_->put(record);  // failures are warned about and counted by the fail-open wrapper
}

void AiCache::count(const std::string& provider, const std::string& model, const std::string& analysis_type,
                    bool hit, double saved_usd) {
  std::lock_guard lock(mutex_);
  // A run counts under one provider, model and type: the last entry is checked first, so a
  // warm run's 100,000 hits copy no strings into a map key.
  if (last_counted_ == nullptr || last_counted_->provider != provider || last_counted_->model != model ||
      last_counted_->analysis_type != analysis_type) {
    UsageCounters& named = pending_usage_[{provider, model, analysis_type}];
    named.provider = provider;
    named.model = model;
    named.analysis_type = analysis_type;
    last_counted_ = &named;
  }
  UsageCounters& counters = *last_counted_;
  (hit ? counters.hits : counters.misses) += 1;
  if (hit) counters.saved_usd += saved_usd;
}

void AiCache::flush_usage() {
  std::vector<UsageCounters> deltas;
  {
    std::lock_guard lock(mutex_);
    for (auto& [usage_key, counters] : pending_usage_) deltas.push_back(counters);
    pending_usage_.clear();
    last_counted_ = nullptr;  // pointed into the map just cleared
  }
  if (!deltas.empty()) backend_->add_usage(deltas);
}

std::int64_t AiCache::backend_errors() const { return backend_->errors(); }

std::int64_t AiCache::corrupt_entries() const { return backend_->corrupt_entries(); }

bool AiCache::failed() const { return backend_->failed(); }

}  // namespace samplemind
