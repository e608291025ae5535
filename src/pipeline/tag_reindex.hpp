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

// Why: records freshly tagged files in the feature cache without decoding them, so find
// lists them at once. No wait: a file tagged within the racy-stat window gets a racy record
// (listed, not trusted: the next run hashes it again); one tagged earlier in a long batch a
// trusted one. A file the cache knew nothing about is analysed with extract, as `analyze` would.
void reindex_tagged_files(CacheBackend& backend, const std::vector<std::string>& paths,
                          const FeatureExtractorFunction& extract);

}  // namespace samplemind
