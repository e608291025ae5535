#pragma once
// A fake feature extractor for the feature cache tests: counts its calls, and its features
// say how many bytes the file held when it was "decoded".
#include <filesystem>
#include <string>

#include "cache/feature_cache.hpp"

namespace samplemind::testing {

// Why: a cache hit must not call it, and a stale entry shows up as the wrong size.
struct CountingExtractor {
  int calls = 0;
  FeatureExtractorFunction function() {
    return [this](const std::filesystem::path& path) -> Result<Features> {
      ++calls;
      Features features;
      features.duration_s = static_cast<double>(std::filesystem::file_size(path));
      features.tempo_bpm = 120.0;
      features.key = std::string("A");  // not = "A": GCC 12 warns wrongly (-Wrestrict) on that assignment
      features.mode = std::string("minor");
      return features;
    };
  }
};

}  // namespace samplemind::testing
