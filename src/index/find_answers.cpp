// Cached answers as find sees them: lower-case text fields, cleaned as every cached answer
// is, whatever their shape was; read with simdjson (a find may read 100,000 of them).
#include "index/find_answers.hpp"

#include "model/features_reader.hpp"
#include "provider/answer_sanitizer.hpp"

#include "cache/cache_key.hpp"
#include "model/normalized_features.hpp"

namespace samplemind {
namespace {

// Larger than any answer a provider is allowed to return (the HTTP body cap is smaller).
constexpr std::size_t k_max_answer_bytes = 1 << 20;

// A string field cleaned as a cached answer is cleaned, lower case; "" when absent or not text.
std::string text_field(const simdjson::dom::object& answer, const char* name) {
  std::string_view text;
  if (answer[name].get_string().get(text) != simdjson::SUCCESS) return {};
  return ascii_lower(sanitize_answer_text(text, {}));
}

// A list of strings (a single string counts as a list of one); other items are skipped.
std::vector<std::string> list_field(const simdjson::dom::object& answer, const char* name) {
  std::vector<std::string> out;
  simdjson::dom::element value;
  if (answer[name].get(value) != simdjson::SUCCESS) return out;
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) out.push_back(ascii_lower(sanitize_answer_text(text, {})));
  simdjson::dom::array items;
  if (value.get_array().get(items) != simdjson::SUCCESS) return out;
  for (simdjson::dom::element item : items) {
    if (item.get_string().get(text) == simdjson::SUCCESS) out.push_back(ascii_lower(sanitize_answer_text(text, {})));
  }
  return out;
}

}  // namespace

std::optional<FindAnswer> find_answer_from_text(std::string_view payload) {
  simdjson::dom::element root;
  simdjson::dom::object answer;
  if (payload.size() > k_max_answer_bytes ||
      thread_json_parser().parse(payload.data(), payload.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(answer) != simdjson::SUCCESS) {
    return std::nullopt;  // unreadable or no answer object: as a miss
  }
  FindAnswer out;
  out.genre = text_field(answer, "genre");
  out.subgenres = list_field(answer, "subgenres");
  out.mood = text_field(answer, "mood");
  out.tags = list_field(answer, "tags");
  return out;
}

AnswerJoin::AnswerJoin(AiCache& cache, AnswerSource source, int point_lookups)
    : cache_(cache), source_(std::move(source)), point_lookup_limit_(point_lookups) {
  if (source_.type != nullptr) keys_.emplace(source_.provider, source_.model, *source_.type, source_.request_hash);
}

std::optional<FindAnswer> AnswerJoin::answer_for(const Features& final_features) {
  if (!keys_) return std::nullopt;
  const AiCacheKey key = keys_->key(normalize_features(final_features));
  // Once a scan was started (or enough files asked), the table answers: no lookup twice.
  if (loading_.load(std::memory_order_relaxed) ||
      point_lookups_.fetch_add(1, std::memory_order_relaxed) >= point_lookup_limit_) {
    std::call_once(loaded_, [this] { load_all_entries(); });
    if (!scan_failed_) {
      const auto found = entries_.find(key.hex);
      return found == entries_.end() ? std::nullopt : live_answer(found->second.cached_at, found->second.payload);
    }
  }
  // One by one: the first files, or every file when the backend could not be scanned.
  CacheLookup found = cache_.backend().get(EntryKind::ai, key.hex);
  if (found.status != LookupStatus::hit || !found.record) return std::nullopt;
  return live_answer(found.record->cached_at, found.record->payload);
}

std::optional<FindAnswer> AnswerJoin::live_answer(std::int64_t cached_at, std::string_view payload) const {
  // Expiry under the TTL in force now, as every AI cache read decides it.
  if (is_expired(cached_at, cache_.ttl_seconds(), unix_now())) return std::nullopt;
  return find_answer_from_text(payload);
}

void AnswerJoin::load_in_background() {
  if (loader_.joinable()) return;
  loading_ = true;
  loader_ = std::thread([this] { std::call_once(loaded_, [this] { load_all_entries(); }); });
}

AnswerJoin::~AnswerJoin() {
  if (loader_.joinable()) loader_.join();
}

void AnswerJoin::load_all_entries() {
  const Status scanned = cache_.backend().for_each_of(EntryKind::ai, [this](const CacheRecord& record) {
    // Keys hash the provider and model, so an entry another provider filled can never match.
    if (record.provider == source_.provider && record.model == source_.model) {
      entries_.emplace(record.key, StoredAnswer{record.cached_at, record.payload});
    }
    return true;
  });
  if (!scanned) {
    entries_.clear();
    scan_failed_ = true;
  }
}

}  // namespace samplemind
