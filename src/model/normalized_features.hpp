#pragma once
// Features quantised by a documented rule per field (docs/cache-key.md): the only
// thing the prompt and the AI cache key are built from.
#include <string>
#include <utility>
#include <vector>

#include "model/features.hpp"

namespace samplemind {

// Bump when a quantisation rule changes: it is the first line of every AI key.
constexpr int k_normalization_version = 2;  // 2: category added

// Ordered name=value pairs; values are already formatted text.
using NormalizedFeatures = std::vector<std::pair<std::string, std::string>>;

// Quantises features so noise the AI never sees cannot change the key.
NormalizedFeatures normalize_features(const Features& features);

// Looks up one normalised value by name ("" when absent).
std::string normalized_value(const NormalizedFeatures& features, const std::string& name);

}  // namespace samplemind
