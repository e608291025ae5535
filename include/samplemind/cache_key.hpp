#pragma once
// The AI cache key: SHA-256 over a versioned canonical text of exactly the prompt's inputs.
#include <string>

#include "samplemind/analysis_type.hpp"
#include "samplemind/normalized_features.hpp"

namespace samplemind {

constexpr int k_ai_key_version = 1;

struct AiCacheKey {
  std::string canonical_text;  // one name=value line per input, fixed order
  std::string hex;             // sha256(canonical_text)
};

// The key for asking provider/model this analysis type about these features.
AiCacheKey make_ai_cache_key(const std::string& provider, const std::string& model,
                             const AnalysisType& type, const NormalizedFeatures& features);

}  // namespace samplemind
