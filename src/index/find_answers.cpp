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

AnswerJoin::AnswerJoin(AiCache& cache, AnswerSource source) : cache_(cache), source_(std::move(source)) {}

std::optional<FindAnswer> AnswerJoin::answer_for(const Features& final_features) {
  if (source_.type == nullptr) return std::nullopt;
  const AiCacheKey key = make_ai_cache_key(source_.provider, source_.model, *source_.type,
                                           normalize_features(final_features), source_.request_hash);
  auto hit = cache_.lookup_answer(key.hex);
  if (!hit) return std::nullopt;
  return find_answer_fields(hit->answer);
}

}  // namespace samplemind
