// Per file: the recorded features with the statements read again, stored under the new
// content hash with a new stat record (racy for a file tagged in the last 2 s).
#include "pipeline/tag_reindex.hpp"

#include "audio/feature_extractor.hpp"

namespace samplemind {

void reindex_tagged_files(CacheBackend& backend, const std::vector<std::string>& paths,
                          const FeatureExtractorFunction& extract) {
  if (paths.empty()) return;
  FeatureCache feature_cache(backend);
  for (const std::string& path : paths) {
    const std::optional<Features> recorded = feature_cache.recorded_features(path);
    feature_cache.features_for(path, [&](const std::filesystem::path& file) -> Result<Features> {
      if (recorded) {
        if (auto stated = read_content_statements(file)) {
          Features restated = *recorded;
          restated.stated = std::move(*stated);
          return restated;
        }
      }
      return extract(file);  // unknown before, or its statements unreadable: analyse it
    });
  }
}

}  // namespace samplemind
