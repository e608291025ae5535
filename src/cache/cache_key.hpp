#pragma once
// The AI cache key: SHA-256 over a versioned canonical text of exactly the prompt's inputs.
#include <string>

#include "model/analysis_type.hpp"
#include "model/normalized_features.hpp"

namespace samplemind {

constexpr int k_ai_key_version = 2;  // 2: the request shape is part of the key

struct AiCacheKey {
  std::string canonical_text;  // one name=value line per input, fixed order
  std::string hex;             // sha256(canonical_text)
};

// Keys for one provider, model, analysis type and request shape: the lines they share
// (with the prompt template's hash) are made once, not once per file.
class AiKeyBuilder {
 public:
  AiKeyBuilder(const std::string& provider, const std::string& model, const AnalysisType& type,
               const std::string& request_hash = "none");
  // Why: a warm run or a find computes one key per file; this is the per-file part.
  AiCacheKey key(const NormalizedFeatures& features) const;

 private:
  std::string header_;
};

// The key for asking provider/model this analysis type about these features; request_hash
// covers everything else the provider sends (request_shape_hash).
AiCacheKey make_ai_cache_key(const std::string& provider, const std::string& model,
                             const AnalysisType& type, const NormalizedFeatures& features,
                             const std::string& request_hash = "none");

// The key's "request" line: SHA-256 of what a provider sends for an analysis type with the
// features blanked (Provider::request_shape), so a change to temperature, token limits,
// thinking budget, schema or message templates changes the key without a hand-bumped version.
std::string request_shape_hash(const std::string& request_shape);

}  // namespace samplemind
