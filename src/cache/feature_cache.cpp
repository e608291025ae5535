// The feature cache: stat check -> content hash -> features entry, else decode and store.
#include "samplemind/feature_cache.hpp"

#include <sys/stat.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "samplemind/ai_cache.hpp"
#include "samplemind/cache_entry.hpp"
#include "samplemind/feature_extractor.hpp"
#include "samplemind/sha256.hpp"

namespace samplemind {
namespace {

struct FileIdentity {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t inode = 0;
  std::int64_t device = 0;
};

std::optional<FileIdentity> identity_of(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return FileIdentity{static_cast<std::int64_t>(info.st_size),
                      static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec,
                      static_cast<std::int64_t>(info.st_ino), static_cast<std::int64_t>(info.st_dev)};
}


CacheRecord make_record(EntryKind kind, std::string key, std::string payload) {
  CacheRecord record;
  record.kind = kind;
  record.key = std::move(key);
  record.payload = std::move(payload);
  record.cached_at = unix_now();
  record.expires_at = 0;  // content-addressed: never stale, only evicted by prune
  record.key_version = k_extractor_version;
  return record;
}

}  // namespace

std::string file_stat_key(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  return sha256_hex("path\n" + (error ? path : absolute).lexically_normal().string());
}

std::string feature_cache_key(const std::string& content_sha256) {
  return fmt::format("{}-x{}", content_sha256, k_extractor_version);
}

FeatureCache::FeatureCache(CacheBackend& backend, bool rehash) : backend_(backend), rehash_(rehash) {}

Result<std::string> FeatureCache::content_hash(const std::filesystem::path& path) {
  auto known = identify(path);
  if (!known) return Error{known.error()};
  return known->sha256;
}

Result<FeatureCache::KnownContent> FeatureCache::identify(const std::filesystem::path& path) {
  const auto before = identity_of(path);
  if (!before) return Error{"cannot stat " + path.string()};
  KnownContent known;
  known.stat_key = file_stat_key(path);
  if (!rehash_) {
    CacheLookup found = backend_.get(EntryKind::file_stat, known.stat_key);
    if (found.status == LookupStatus::hit) {
      nlohmann::json stat = nlohmann::json::parse(found.record->payload, nullptr, false);
      if (stat.is_object() && stat.value("size", -1LL) == before->size &&
          stat.value("mtime_ns", -1LL) == before->mtime_ns && stat.value("inode", -1LL) == before->inode &&
          stat.value("device", -1LL) == before->device && stat.value("sha256", "").size() == 64) {
        known.sha256 = stat.value("sha256", "");
        // The stat record also carries the features when they were known at write time,
        // saving the second lookup; only for this extractor version.
        if (found.record->key_version == k_extractor_version && stat.contains("features")) {
          try {
            known.features = features_from_json(stat["features"]);
          } catch (const nlohmann::json::exception&) {
            known.features.reset();  // unreadable: the content-addressed entry still answers
          }
        }
        if (!known.features) {
          known.stat = std::move(stat);  // rewritten with the features once they are known
          known.stat_needs_features = true;
        }
        return known;
      }
    }
  }
  ++files_hashed_;
  auto digest = sha256_file(path);
  if (!digest) return Error{digest.error()};
  known.sha256 = *digest;
  const auto after = identity_of(path);
  const std::int64_t now_ns = unix_now_ms() * 1'000'000LL;
  // Only remember the hash when the file did not change while it was read and is not racy.
  if (after && after->size == before->size && after->mtime_ns == before->mtime_ns &&
      now_ns - after->mtime_ns > k_racy_mtime_window_ns) {
    known.stat = nlohmann::json{{"path", path.string()}, {"size", after->size},     {"mtime_ns", after->mtime_ns},
                                {"inode", after->inode}, {"device", after->device}, {"sha256", *digest}};
  }
  return known;
}

void FeatureCache::store_stat(KnownContent& known, const Features* features) {
  if (known.stat.is_null() || (known.stat_needs_features && features == nullptr)) return;
  if (features) known.stat["features"] = features_to_json(*features);
  backend_.put(make_record(EntryKind::file_stat, known.stat_key, known.stat.dump()));
}

std::optional<Features> FeatureCache::lookup_features(const std::string& content_sha256) {
  CacheLookup found = backend_.get(EntryKind::features, feature_cache_key(content_sha256));
  if (found.status != LookupStatus::hit) return std::nullopt;
  nlohmann::json json = nlohmann::json::parse(found.record->payload, nullptr, false);
  if (!json.is_object()) return std::nullopt;  // unreadable: a miss, replaced by the store below
  try {
    return features_from_json(json);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void FeatureCache::store_features(const std::string& content_sha256, const Features& features) {
  backend_.put(make_record(EntryKind::features, feature_cache_key(content_sha256), features_to_json(features).dump()));
}

Result<Features> FeatureCache::features_for(const std::filesystem::path& path, const FeatureExtractorFunction& extract) {
  auto known = identify(path);
  if (known && known->features) {
    ++hits_;
    return std::move(*known->features);
  }
  if (known) {
    if (auto cached = lookup_features(known->sha256)) {
      ++hits_;
      store_stat(*known, &*cached);
      return std::move(*cached);
    }
  }
  ++misses_;
  auto features = extract(path);
  if (features && known) {
    store_features(known->sha256, *features);
    store_stat(*known, &*features);
  } else if (known) {
    store_stat(*known, nullptr);
  }
  return features;
}

FeatureCacheCounters FeatureCache::counters() const { return {hits_.load(), misses_.load(), files_hashed_.load()}; }

}  // namespace samplemind
