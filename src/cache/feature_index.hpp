#pragma once
// The feature cache read as a library index: every path the cache has analysed, with its
// features at this extractor version and whether the file changed or vanished since.
// Used by `similar` and `find`; one scan of the backend, one stat per path, no hashing.
#include <filesystem>
#include <string>
#include <vector>

#include "cache/cache_backend.hpp"
#include "model/features.hpp"

namespace samplemind {

struct IndexedFile {
  std::string path;          // absolute, normalised, as analysed (bytes, maybe not UTF-8)
  Features features;         // as extracted then (this extractor version only), with what the
                             // file's name states applied, as `analyze` reports them
  bool stale = false;        // the file changed or vanished since it was analysed
  std::string stale_reason;  // "" / "changed" / "vanished" / "not a regular file"
};

// Why: `similar` and `find` search what the cache knows without decoding or hashing any
// file; under (folders or files, empty = all) keeps the paths inside them. Sorted by path.
// A backend failure leaves the list empty and, when error is given, says why there.
std::vector<IndexedFile> list_cached_files(CacheBackend& backend, const std::vector<std::filesystem::path>& under,
                                           std::string* error = nullptr);

}  // namespace samplemind
