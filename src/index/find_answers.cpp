// Cached answers as find sees them: lower-case text fields, whatever their shape was.
#include "index/find_answers.hpp"

#include <nlohmann/json.hpp>

#include "cache/cache_key.hpp"
#include "model/normalized_features.hpp"

namespace samplemind {
namespace {

// A string field, or "" when absent or of another type.
std::string text_field(const nlohmann::json& answer, const char* name) {
  const auto found = answer.find(name);
  return found != answer.end() && found->is_string() ? ascii_lower(found->get<std::string>()) : std::string();
}

// A list of strings (a single string counts as a list of one); other items are skipped.
std::vector<std::string> list_field(const nlohmann::json& answer, const char* name) {
  std::vector<std::string> out;
  const auto found = answer.find(name);
  if (found == answer.end()) return out;
  if (found->is_string()) out.push_back(ascii_lower(found->get<std::string>()));
  if (!found->is_array()) return out;
  for (const auto& item : *found) {
    if (item.is_string()) out.push_back(ascii_lower(item.get<std::string>()));
  }
  return out;
}

}  // namespace

FindAnswer find_answer_fields(const nlohmann::json& answer) {
  FindAnswer out;
  if (!answer.is_object()) return out;
  out.genre = text_field(answer, "genre");
  out.subgenres = list_field(answer, "subgenres");
  out.mood = text_field(answer, "mood");
  out.tags = list_field(answer, "tags");
  return out;
}

AnswerJoin::AnswerJoin(AiCache& cache, AnswerSource source, int point_lookups)
    : cache_(cache), source_(std::move(source)), point_lookup_limit_(point_lookups) {}

std::optional<FindAnswer> AnswerJoin::answer_for(const Features& final_features) {
  if (source_.type == nullptr) return std::nullopt;
  const AiCacheKey key = make_ai_cache_key(source_.provider, source_.model, *source_.type,
                                           normalize_features(final_features), source_.request_hash);
  if (point_lookups_.fetch_add(1, std::memory_order_relaxed) < point_lookup_limit_) {
    auto hit = cache_.lookup_answer(key.hex);
    return hit ? std::optional(find_answer_fields(hit->answer)) : std::nullopt;
  }
  std::call_once(loaded_, [this] { load_all_entries(); });
  if (scan_failed_) {  // the backend could not be scanned: one by one, as before
    auto hit = cache_.lookup_answer(key.hex);
    return hit ? std::optional(find_answer_fields(hit->answer)) : std::nullopt;
  }
  const auto found = entries_.find(key.hex);
  if (found == entries_.end()) return std::nullopt;
  auto hit = cache_.answer_of(found->second);  // expiry, parsing and cleaning as on a lookup
  return hit ? std::optional(find_answer_fields(hit->answer)) : std::nullopt;
}

void AnswerJoin::load_all_entries() {
  const Status scanned = cache_.backend().for_each_of(EntryKind::ai, [this](const CacheRecord& record) {
    // Keys hash the provider and model, so an entry another provider filled can never match.
    if (record.provider == source_.provider && record.model == source_.model) entries_.emplace(record.key, record);
    return true;
  });
  if (!scanned) {
    entries_.clear();
    scan_failed_ = true;
  }
}

}  // namespace samplemind
