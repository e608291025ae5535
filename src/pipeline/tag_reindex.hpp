#pragma once
// After `tag` or `analyze --write-tags`: a tagged file has new bytes (a new content hash),
// so its stat record no longer matches and `find` would call it stale. Re-indexing records
// it again. Its audio did not change (the tag writer checks every decoded frame), so its
// cached features are kept and only what the file now states (its tags) is read again.
#include <string>
#include <vector>

#include "cache/cache_backend.hpp"
#include "cache/feature_cache.hpp"

namespace samplemind {

// Why: records freshly tagged files in the feature cache without decoding them. Waits out
// the racy-stat window once (a stat record of a file written within it is not trusted);
// a file the cache knew nothing about is analysed with extract, as `analyze` would.
void reindex_tagged_files(CacheBackend& backend, const std::vector<std::string>& paths,
                          const FeatureExtractorFunction& extract);

}  // namespace samplemind
