#pragma once
// The feature cache (ccache's "direct mode" for audio): file content SHA-256 + extractor
// version -> features, in the same backend as the AI cache. A stat check (size, mtime,
// ctime, inode, device) of each path decides whether its content must be hashed again, so a rerun
// over unchanged files neither decodes nor reads them. Duplicate files (same bytes, other
// names) share one entry.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache_backend.hpp"
#include "cache/feature_cache_keys.hpp"
#include "cache/stat_record.hpp"
#include "model/features.hpp"
#include "util/result.hpp"

namespace samplemind {

// A file modified this recently may change again within the same mtime tick (git's
// "racy clean" problem): its stat record is stored marked racy, so it lists the file but is
// never trusted; the next run hashes the file again.
constexpr std::int64_t k_racy_mtime_window_ns = 2'000'000'000;

// Decodes and extracts a file; extract_features_from_file in production, a fake in tests.
using FeatureExtractorFunction = std::function<Result<Features>(const std::filesystem::path&)>;

struct FeatureCacheCounters {
  std::int64_t hits = 0;          // features served without decoding
  std::int64_t misses = 0;        // files decoded
  std::int64_t files_hashed = 0;  // files whose content was read for the hash
};

// A path's stat record fetched ahead of features_for (FeatureCache::fetch_stat_records).
struct FetchedStat {
  std::string key;     // file_stat_key of the path
  CacheLookup lookup;  // what a lookup of that key found
};

// A file's answer memo as its stat record held it, and what rewriting the record takes.
// features_for fills it when the cache keeps memos (use_answer_epoch); the AI stage hands
// the file's answer to remember_answer; settle_answer stores what is still pending.
struct AnswerSlot {
  std::optional<AnswerMemo> memo;  // the record's memo, when it is of this run's epoch
  std::string stat_key;
  std::string record_payload;      // the stat record as read (a warm file), rewritten when the answer changes
  std::optional<StatRecord> pending;  // a record not stored yet (a file hashed this run): stored when settled
  std::optional<Features> pending_features;
};

class FeatureCache {
 public:
  // backend is usually AiCache::backend(), the fail-open wrapper shared with the AI cache.
  // rehash (--rehash) ignores stat records and hashes every file's content again; hashing
  // stops with an error once *stop is set (SIGINT/SIGTERM).
  FeatureCache(CacheBackend& backend, bool rehash = false, const std::atomic<bool>* stop = nullptr);

  // Cached features of the file, else extracts them and stores the result; a cache failure
  // degrades to plain extraction, never to an error of its own. walked: the plain file's
  // stat the walk took (then the path is not stat'ed again), or null.
  // fetched: the path's stat record from fetch_stat_records (taken from it), or null.
  // slot: filled for the AI stage when memos are kept (a record to store then waits in it
  // until settle_answer), or null.
  Result<Features> features_for(const std::filesystem::path& path, const FeatureExtractorFunction& extract,
                                const FileStat* walked = nullptr, FetchedStat* fetched = nullptr,
                                AnswerSlot* slot = nullptr);
  // Why: with the cache's epoch set, stat records carry each file's AI answer (answer_memo.hpp).
  void use_answer_epoch(std::string epoch) { answer_epoch_ = std::move(epoch); }
  bool keeps_answers() const { return answer_epoch_.has_value(); }
  // Why: the file's answer kept in its stat record, written only when it differs from the
  // record's memo (a warm file whose memo answered writes nothing).
  void remember_answer(AnswerSlot& slot, AnswerMemo memo);
  // Why: stores the slot's pending stat record (with its memo, once the file is done).
  void settle_answer(AnswerSlot& slot);

  // Why: the stat records of files in one folder in one read (SQLite: one range read, as
  // the keys of a folder's records start with its hash) instead of a lookup per file. One
  // per path, in order, for features_for.
  std::vector<FetchedStat> fetch_stat_records(const std::vector<std::string_view>& paths);
  // True when fetching a folder's records together pays (the backend scans prefixes) and
  // records are read at all (not --rehash).
  bool fetches_stat_records() const { return !rehash_ && backend_.scans_prefixes(); }

  // The content hash of the file, from its stat record when the file is unchanged.
  Result<std::string> content_hash(const std::filesystem::path& path);

  // Why: after a change that keeps the audio (tags written), the features the path's stat
  // record last held, whether or not the file changed since; this extractor version only.
  std::optional<Features> recorded_features(const std::filesystem::path& path);

  FeatureCacheCounters counters() const;

 private:
  // What is known of a path's content: its hash, and its features when the stat record
  // carried them; stat is the record to store (null when the file is unchanged or changed while read).
  struct KnownContent {
    std::string stat_key;
    std::string sha256;
    std::optional<Features> features;
    std::optional<StatRecord> stat;
    bool stat_needs_features = false;  // stat came from a record; rewrite only to add features
    std::string record_payload;        // the matching stat record's text (a warm file)
    std::optional<AnswerMemo> memo;    // and its answer memo
    std::optional<FileStat> read_as;   // the path's stat that sha256 stands for, when it held still
  };
  // Why: features decoded after the hash are stored under it only if the file held still.
  static bool still_reads_as(const std::filesystem::path& path, const KnownContent& known);
  // seen: the path's stat when the caller has one (saves a second stat).
  // fetched: the path's stat record read ahead, or null.
  Result<KnownContent> identify(const std::filesystem::path& path, const FileStat* seen = nullptr,
                                FetchedStat* fetched = nullptr);
  // The path's stat record under key (found: what a lookup fetched ahead found), else under
  // the key older versions used (then moved).
  CacheLookup stat_lookup(const std::filesystem::path& path, const std::string& key, CacheLookup* found = nullptr);
  // Stores the stat record now, or (slot given) leaves it pending in the slot.
  void store_stat(KnownContent& known, const Features* features, AnswerSlot* slot = nullptr);
  std::optional<Features> lookup_features(const std::string& content_sha256);
  void store_features(const std::string& content_sha256, const Features& features);

  CacheBackend& backend_;
  bool rehash_;
  const std::atomic<bool>* stop_;
  std::atomic<std::int64_t> hits_{0};
  std::atomic<std::int64_t> misses_{0};
  std::atomic<std::int64_t> files_hashed_{0};
  std::optional<std::string> answer_epoch_;
};

}  // namespace samplemind
