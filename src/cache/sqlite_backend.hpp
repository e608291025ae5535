#pragma once
// The default backend: one SQLite file in WAL mode, safe for several processes at once.
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <sqlite3.h>
#include <sys/types.h>

#include "cache/cache_backend.hpp"

namespace samplemind {

// Waits this long for another process's write lock before the operation fails (fail open).
constexpr int k_sqlite_busy_timeout_ms = 5000;
// Hits whose last-access update is written together in one transaction. Large, because
// the pages a batch dirties are bounded by the table, not the batch: 256 made a warm run
// over 624 files write ~3,100 WAL pages, one batch ~800 (about 1 MB of pending keys).
constexpr std::size_t k_sqlite_touch_batch = 8192;
// A hit rewrites an entry's last-access time only when the stored one is older than this
// (a day, like the relatime mount option): LRU eviction needs days, not milliseconds, and
// the rewrites (a row and an index entry per hit) tripled a warm run over 20,000 files.
constexpr std::int64_t k_sqlite_recency_resolution_ms = 24LL * 3600 * 1000;
// Bump when the tables change; stored in PRAGMA user_version.
constexpr int k_sqlite_schema_version = 1;
// Read connections for lookups: enough for the extraction and AI stages of a run.
constexpr std::size_t k_sqlite_read_connections = 4;
// Features and stat records (recomputable, never paid for) are written together: up to
// this many, or as old as this, then one transaction. One commit per record wrote ~6
// pages of 16 kB each under the write lock, and a cold run's two workers queued on it.
// 256: each commit rewrites every index page its random keys touch (16 kB each), so small
// batches wrote the same pages again and again: a cold run over 6,000 small files took
// 1.40 s with 16 and 1.15 s with 256 (the extraction alone takes 0.56 s). The pages a
// batch dirties (a few MB) once sat between the results a JSON report kept and raised
// the peak; no report keeps results now (docs/fleet.md), and the bench's cold peak RSS
// is measured with this batch.
// AI answers are never deferred: each is committed before put() returns, with whatever
// was waiting.
constexpr std::size_t k_sqlite_deferred_batch = 256;
constexpr std::int64_t k_sqlite_deferred_age_ms = 200;

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteStatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;
using SqliteStatement = std::unique_ptr<sqlite3_stmt, SqliteStatementFinalizer>;

class SqliteReaders;
class SqliteCheckpointer;

class SqliteBackend final : public CacheBackend {
 public:
  // Opens (creating parent folders and the schema) the database at path; an open failure
  // is remembered and returned by every operation.
  explicit SqliteBackend(std::filesystem::path path,
                         std::int64_t recency_resolution_ms = k_sqlite_recency_resolution_ms);
  ~SqliteBackend() override;

  std::string name() const override { return "sqlite"; }
  std::string location() const override { return path_.string(); }
  CacheLookup get(EntryKind kind, const std::string& key) override;
  // One range read of the prefix on a read connection (sqlite_prefix_reads.cpp).
  std::vector<CacheLookup> get_prefixed(EntryKind kind, const std::string& prefix,
                                        const std::vector<std::string>& keys) override;
  bool scans_prefixes() const override { return true; }
  Status put(const CacheRecord& record) override;
  Status erase(EntryKind kind, const std::string& key) override;
  Result<std::int64_t> clear(const ClearFilter& filter) override;
  Result<CacheStats> stats() override;
  Status add_usage(const std::vector<UsageCounters>& deltas) override;
  Result<PruneResult> prune(const PruneOptions& options) override;
  Status for_each(const EntryVisitor& visitor) override;
  Status for_each_of(EntryKind kind, const EntryVisitor& visitor) override;
  Result<MatchTotals> measure(const ClearFilter& filter) override;
  Status reset_usage() override;
  // Leases are rows (key, token, expires_at_ms) of the table "leases" in the same file
  // (sqlite_lease.cpp), created on first use so older samplemind versions still open it.
  Result<LeaseGrant> acquire_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Result<LeaseGrant> renew_lease(const std::string& key, const std::string& token, std::int64_t ttl_ms) override;
  Status release_lease(const std::string& key, const std::string& token) override;
  bool shares_leases() const override { return true; }
  // One row of the table "settings" (sqlite_memo_epoch.cpp), created on first use.
  std::optional<std::string> answer_memo_epoch() override;

 private:
  // Deletes the epoch, so memos written before stop answering (a clear of AI entries).
  void drop_memo_epoch_locked();
  // The stored epoch row as it is, or nothing (no table, no row).
  std::optional<std::string> read_memo_epoch_locked();
  Status ensure_lease_table_locked();
  Status open();
  Status exec(const char* sql);
  Result<sqlite3_stmt*> prepared(SqliteStatement& slot, const char* sql);
  std::string sqlite_error(const char* what) const;
  Result<std::int64_t> total_bytes();
  // Fails when the file at path_ is no longer the one opened (deleted or replaced while
  // running): writes would go to an unlinked inode and be lost without a word.
  Status check_file_locked() const;
  void flush_touches_locked();
  // Queues a hit's last-access update when the stored one is older than the resolution.
  void note_access(EntryKind kind, const std::string& key, std::int64_t last_access_ms);
  void queue_touch_locked(EntryKind kind, const std::string& key, std::int64_t last_access_ms);
  // Prefixes whose range held more rows than a read may take (sqlite_prefix_reads.cpp).
  bool prefix_is_wide(const std::string& prefix);
  void note_wide_prefix(const std::string& prefix);
  Status visit_rows(std::optional<EntryKind> kind, const EntryVisitor& visitor);
  // Deferred writes (sqlite_deferred_writes.cpp).
  bool defer(const CacheRecord& record);
  bool defer_erase(EntryKind kind, const std::string& key);
  std::optional<CacheLookup> deferred_lookup(EntryKind kind, const std::string& key);
  Status flush_deferred_locked(const CacheRecord* also = nullptr);
  Status write_record_locked(const CacheRecord& record);
  Status erase_record_locked(EntryKind kind, const std::string& key);

  struct PendingTouch {
    EntryKind kind;
    std::string key;
    std::int64_t at_ms;
  };

  std::filesystem::path path_;
  std::int64_t recency_resolution_ms_;
  std::mutex mutex_;
  SqliteHandle db_;
  std::string open_error_;
  dev_t file_device_ = 0;  // identity of the opened file, for check_file_locked()
  ino_t file_inode_ = 0;
  SqliteStatement get_statement_;
  SqliteStatement touch_statement_;
  SqliteStatement put_statement_;
  SqliteStatement erase_statement_;
  SqliteStatement usage_statement_;
  std::vector<PendingTouch> pending_touches_;
  std::mutex deferred_mutex_;  // guards the four below; never held while SQLite runs
  std::vector<CacheRecord> deferred_;
  std::unordered_map<std::string, std::size_t> deferred_index_;  // "kind/key" -> position in deferred_
  std::unordered_map<std::string, std::pair<EntryKind, std::string>> deferred_erases_;  // "kind/key" -> entry
  std::int64_t deferred_since_ms_ = 0;
  std::atomic<std::size_t> deferred_count_{0};  // lets get() skip the lock when nothing waits
  bool lease_table_ready_ = false;
  std::mutex wide_mutex_;  // guards wide_prefixes_
  std::unordered_set<std::string> wide_prefixes_;
  std::unique_ptr<SqliteReaders> readers_;  // lookups beside the write connection; null for ":memory:"
  std::unique_ptr<SqliteCheckpointer> checkpointer_;  // WAL checkpoints off the writing threads
};

}  // namespace samplemind
