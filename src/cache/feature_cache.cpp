// The feature cache: stat check -> content hash -> features entry, else decode and store.
// Only regular files are hashed; anything else is decoded uncached.
#include "cache/feature_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "cache/file_cache_tree.hpp"
#include "util/file_stat.hpp"
#include "util/path_json.hpp"
#include "cache/ai_cache.hpp"
#include "cache/cache_entry.hpp"
#include "audio/feature_extractor.hpp"
#include "cache/sha256.hpp"

namespace samplemind {
namespace {

constexpr std::size_t k_hash_block_bytes = 1 << 16;
// SHA-256 of an open regular file, block by block; stops with an error once stop is set.
Result<std::string> hash_descriptor(int fd, const std::atomic<bool>* stop) {
  Sha256 hasher;
  std::string block(k_hash_block_bytes, '\0');
  for (;;) {
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) return Error{"not analysed: interrupted"};
    const ssize_t got = ::read(fd, block.data(), block.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Error{std::string("read error while hashing: ") + std::strerror(errno)};
    if (got == 0) return hasher.hex_digest();
    hasher.update(std::string_view(block.data(), static_cast<std::size_t>(got)));
  }
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

FeatureCache::FeatureCache(CacheBackend& backend, bool rehash, const std::atomic<bool>* stop)
    : backend_(backend), rehash_(rehash), stop_(stop) {}

Result<std::string> FeatureCache::content_hash(const std::filesystem::path& path) {
  auto known = identify(path);
  if (!known) return Error{known.error()};
  return known->sha256;
}

CacheLookup FeatureCache::stat_lookup(const std::filesystem::path& path, const std::string& key, CacheLookup* fetched) {
  CacheLookup found = fetched != nullptr ? std::move(*fetched) : backend_.get(EntryKind::file_stat, key);
  if (found.status != LookupStatus::miss) return found;
  const std::string old_key = legacy_file_stat_key(path);
  CacheLookup legacy = backend_.get(EntryKind::file_stat, old_key);
  if (legacy.status != LookupStatus::hit) return found;
  // Moved under the folder-clustered key once, so the next run finds it with one lookup.
  legacy.record->key = key;
  if (backend_.put(*legacy.record)) backend_.erase(EntryKind::file_stat, old_key);
  return legacy;
}

std::optional<Features> FeatureCache::recorded_features(const std::filesystem::path& path) {
  CacheLookup found = stat_lookup(path, file_stat_key(path));
  if (found.status != LookupStatus::hit) return std::nullopt;
  const bool current = found.record->key_version == k_extractor_version;
  auto stat = parse_stat_record(found.record->payload, current);
  if (!stat) return std::nullopt;
  if (stat->features) return std::move(stat->features);
  return stat->sha256.empty() ? std::nullopt : lookup_features(stat->sha256);
}

std::vector<FetchedStat> FeatureCache::fetch_stat_records(const std::vector<std::string_view>& paths) {
  std::vector<FetchedStat> fetched(paths.size());
  std::vector<std::string> keys;
  keys.reserve(paths.size());
  for (const std::string_view path : paths) keys.push_back(file_stat_key_for(path));
  if (keys.empty()) return fetched;
  // Every key of one folder starts with the folder's part; keys of other folders make the
  // backend look those up one by one.
  std::vector<CacheLookup> found =
      backend_.get_prefixed(EntryKind::file_stat, keys.front().substr(0, k_folder_key_chars), keys);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    fetched[i].key = std::move(keys[i]);
    if (i < found.size()) fetched[i].lookup = std::move(found[i]);
  }
  return fetched;
}

Result<FeatureCache::KnownContent> FeatureCache::identify(const std::filesystem::path& path, const FileStat* seen,
                                                          FetchedStat* fetched) {
  KnownContent known;
  known.stat_key = fetched != nullptr ? std::move(fetched->key) : file_stat_key(path);
  // A warm file is decided by one stat of its path: when the stat record matches, nothing
  // is opened (the content is not read either way).
  std::optional<FileStat> path_stat;
  if (seen != nullptr) {
    path_stat = *seen;
  } else if (auto stat = stat_path(path)) {
    path_stat = *stat;
  }
  if (!rehash_ && path_stat && path_stat->is_regular()) {
    CacheLookup found = stat_lookup(path, known.stat_key, fetched != nullptr ? &fetched->lookup : nullptr);
    if (found.status == LookupStatus::hit) {
      // The features ride along only for this extractor version; else the content entry answers.
      const bool current = found.record->key_version == k_extractor_version;
      auto stat = parse_stat_record(found.record->payload, current);
      if (stat && stat_record_matches(*stat, *path_stat)) {
        known.sha256 = stat->sha256;
        known.read_as = *path_stat;
        known.features = std::move(stat->features);
        if (answer_epoch_ && known.features) {
          known.memo = std::move(stat->answer);
          known.record_payload = std::move(found.record->payload);
        }
        if (!known.features) {
          known.stat = std::move(*stat);  // rewritten with the features once they are known
          known.stat_needs_features = true;
        }
        return known;
      }
    }
  }
  // Hashing: from here on only what the open descriptor says counts.
  // O_NONBLOCK: a fifo swapped in after the caller's check must not block the open.
  const int raw = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (raw < 0) return Error{"cannot open " + path.native() + ": " + std::strerror(errno)};
  UniqueFd fd(raw);
  auto before = stat_descriptor(fd.get());
  if (!before) return Error{before.error()};
  if (!before->is_regular()) return Error{std::string("not a regular file (") + file_type_name(before->mode) + ")"};
  ++files_hashed_;
  auto digest = hash_descriptor(fd.get(), stop_);
  if (!digest) return Error{digest.error()};
  known.sha256 = *digest;
  const auto after = stat_path(path);  // by path: a rename over it while hashing shows here
  const std::int64_t now_ns = unix_now_ms() * 1'000'000LL;
  if (after && after->same_content_as(*before)) known.read_as = *after;
  // Only record the hash when the file did not change while it was read. A racy file's
  // record lists it (find, similar) but is marked so that no later run trusts it.
  if (known.read_as) {
    StatRecord stat;
    stat.path = keyed_path(path.native());
    stat.recorded = *after;
    stat.sha256 = *digest;
    stat.racy = now_ns - after->mtime_ns <= k_racy_mtime_window_ns;
    known.stat = std::move(stat);
  }
  return known;
}

void FeatureCache::store_stat(KnownContent& known, const Features* features, AnswerSlot* slot) {
  if (!known.stat || (known.stat_needs_features && features == nullptr)) return;
  if (slot != nullptr) {
    // Written once the file's answer is known (settle_answer): one write, memo included.
    known.stat->answer.reset();
    slot->pending = std::move(known.stat);
    if (features != nullptr) slot->pending_features = *features;
    return;
  }
  backend_.put(make_record(EntryKind::file_stat, known.stat_key, stat_record_json(*known.stat, features)));
}

void FeatureCache::remember_answer(AnswerSlot& slot, AnswerMemo memo) {
  if (!answer_epoch_ || memo.payload.empty() || memo.payload.size() > k_max_memo_payload_bytes) return;
  memo.epoch = *answer_epoch_;
  if (slot.memo && *slot.memo == memo) return;  // the record holds this answer already
  if (slot.pending) {
    slot.pending->answer = memo;
    slot.memo = std::move(memo);
    return;
  }
  if (slot.record_payload.empty()) return;  // nothing to rewrite (no record matched)
  auto record = parse_stat_record(slot.record_payload, true);
  slot.record_payload.clear();
  if (!record || !record->features) return;
  record->answer = memo;
  backend_.put(make_record(EntryKind::file_stat, slot.stat_key, stat_record_json(*record, &*record->features)));
  slot.memo = std::move(memo);
}

void FeatureCache::settle_answer(AnswerSlot& slot) {
  if (!slot.pending) return;
  const Features* features = slot.pending_features ? &*slot.pending_features : nullptr;
  backend_.put(make_record(EntryKind::file_stat, slot.stat_key, stat_record_json(*slot.pending, features)));
  slot.pending.reset();
  slot.pending_features.reset();
}

std::optional<Features> FeatureCache::lookup_features(const std::string& content_sha256) {
  CacheLookup found = backend_.get(EntryKind::features, feature_cache_key(content_sha256));
  if (found.status != LookupStatus::hit) return std::nullopt;
  auto features = features_from_json_text(found.record->payload);
  if (!features) return std::nullopt;  // unreadable: a miss, replaced by the store below
  return std::move(*features);
}

void FeatureCache::store_features(const std::string& content_sha256, const Features& features) {
  backend_.put(make_record(EntryKind::features, feature_cache_key(content_sha256), features_json_text(features)));
}

Result<Features> FeatureCache::features_for(const std::filesystem::path& path, const FeatureExtractorFunction& extract,
                                           const FileStat* walked, FetchedStat* fetched, AnswerSlot* slot) {
  if (!answer_epoch_) slot = nullptr;
  // A fifo or process substitution can be read only once: the decoder reads it, uncached,
  // exactly as with --cache none. Devices never get here from the walk.
  const auto seen = walked != nullptr ? Result<FileStat>(*walked) : stat_path(path);
  if (seen && !seen->is_regular()) {
    ++misses_;
    return extract(path);
  }
  auto known = identify(path, seen ? &*seen : nullptr, fetched);
  if (!known && stop_ != nullptr && stop_->load()) return Error{known.error()};  // interrupted while hashing
  if (known && slot != nullptr) {
    slot->stat_key = known->stat_key;
    if (known->memo && known->memo->epoch == *answer_epoch_) slot->memo = std::move(known->memo);
    slot->record_payload = std::move(known->record_payload);
  }
  if (known && known->features) {
    ++hits_;
    return std::move(*known->features);
  }
  if (known) {
    if (auto cached = lookup_features(known->sha256)) {
      ++hits_;
      store_stat(*known, &*cached, slot);
      return std::move(*cached);
    }
  }
  ++misses_;
  auto features = extract(path);
  // The decoder opens the path on its own: what it read is the hashed content only if the
  // path still shows the stat the hash was taken at (a rename over it, or a write in place,
  // moves the inode or the ctime). Else these features are this run's, kept nowhere.
  if (!known || !still_reads_as(path, *known)) return features;
  if (features) {
    store_features(known->sha256, *features);
    store_stat(*known, &*features, slot);
  } else {
    store_stat(*known, nullptr, slot);
  }
  return features;
}

bool FeatureCache::still_reads_as(const std::filesystem::path& path, const KnownContent& known) {
  if (!known.read_as) return false;
  const auto now = stat_path(path);
  return now && now->same_content_as(*known.read_as);
}

FeatureCacheCounters FeatureCache::counters() const { return {hits_.load(), misses_.load(), files_hashed_.load()}; }

}  // namespace samplemind
