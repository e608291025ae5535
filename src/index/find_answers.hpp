#pragma once
// Joins a cached file to its cached AI answer: the answer's key is computed from the file's
// final features exactly as analyze computes it (provider, model, analysis type, request shape),
// then looked up; nothing is asked of any provider.
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "cache/ai_cache.hpp"
#include "index/find_filter.hpp"
#include "model/analysis_type.hpp"

namespace samplemind {

// Which answers to join: the same choice analyze made when it filled them.
struct AnswerSource {
  std::string provider;      // resolved name ("offline", "openai"...)
  std::string model;         // resolved model
  const AnalysisType* type = nullptr;
  std::string request_hash;  // request_shape_hash of the provider's request for type
};

// Why: pulls genre, subgenres, mood and tags (lower case) out of one answer object.
FindAnswer find_answer_fields(const nlohmann::json& answer);

class AnswerJoin {
 public:
  AnswerJoin(AiCache& cache, AnswerSource source);
  // Why: the cached answer for a file with these final features, or nothing (never cached,
  // expired, or asked with other settings).
  std::optional<FindAnswer> answer_for(const Features& final_features);

 private:
  AiCache& cache_;
  AnswerSource source_;
};

}  // namespace samplemind
