#pragma once
// The feature cache read as a library index: every path the cache has analysed, with its
// features at this extractor version and whether the file changed or vanished since.
// Used by `similar` and `find`; one scan of the backend, one stat per path, no hashing.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cache/cache_backend.hpp"
#include "model/features.hpp"
#include "model/tempo_range.hpp"
#include "util/file_stat.hpp"

namespace samplemind {

struct IndexedFile {
  std::string path;          // absolute, normalised, as analysed (bytes, maybe not UTF-8)
  Features features;         // as extracted then (this extractor version only), with what the
                             // file's name states applied, as `analyze` reports them
  bool stale = false;        // the file changed or vanished since it was analysed
  std::string stale_reason;  // "" / "changed" / "vanished" / "not a regular file"
  // Listed with StaleCheck::when_shown: stale is not known yet (check_staleness decides),
  // and recorded holds what the stat record says the file looked like.
  bool stale_unchecked = false;
  FileStat recorded;
};

// When list_cached_files stats each path: at once, or only for the files a command shows
// (find's matches, similar's nearest), which saves 100,000 stat calls on a narrow query.
enum class StaleCheck { listing, when_shown };

// Why: the deferred half of StaleCheck::when_shown; a no-op once stale is known.
void check_staleness(IndexedFile& file);

// Why: `similar` and `find` search what the cache knows without decoding or hashing any
// file; under (folders or files, empty = all) keeps the paths inside them. Sorted by path.
// A backend failure leaves the list empty and, when error is given, says why there.
// tempo_range: the range analyze ran with (--tempo-range), so tempos and answers match.
std::vector<IndexedFile> list_cached_files(CacheBackend& backend, const std::vector<std::filesystem::path>& under,
                                           std::string* error = nullptr, StaleCheck when = StaleCheck::listing,
                                           const std::optional<TempoRange>& tempo_range = std::nullopt);

}  // namespace samplemind
