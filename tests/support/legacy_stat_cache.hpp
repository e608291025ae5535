#pragma once
// A cache as versions before the folder-clustered stat key left it, for upgrade tests.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

#include "cache/cache_backend.hpp"
#include "cache/feature_cache.hpp"

namespace samplemind::testing {

// A memory cache holding only path's stat record from analysed, under the older key
// (SHA-256 of the path alone).
inline std::unique_ptr<CacheBackend> cache_with_legacy_stat_record(CacheBackend& analysed,
                                                                   const std::filesystem::path& path) {
  CacheLookup stored = analysed.get(EntryKind::file_stat, file_stat_key(path));
  REQUIRE(stored.status == LookupStatus::hit);
  auto older = open_cache_backend("memory");
  CacheRecord legacy = *stored.record;
  legacy.key = legacy_file_stat_key(path);
  REQUIRE(older->put(legacy));
  return older;
}

}  // namespace samplemind::testing
