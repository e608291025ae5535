// SQLite backend: WAL mode, busy timeout, prepared statements, a versioned schema.
#include "cache/sqlite_backend.hpp"

#include <chrono>
#include <system_error>
#include <thread>

#include <sys/stat.h>

#include <fmt/format.h>

#include "cache/cache_entry.hpp"
#include "cache/sqlite_checkpointer.hpp"
#include "cache/sqlite_readers.hpp"
#include "cache/sqlite_rows.hpp"

namespace samplemind {
namespace {

using sqlite_rows::bind_text;
using sqlite_rows::column_text;
using sqlite_rows::k_record_columns;
using sqlite_rows::read_record;

constexpr const char* k_schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS entries (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  payload TEXT NOT NULL,
  checksum TEXT NOT NULL,
  provider TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  analysis_type TEXT NOT NULL DEFAULT '',
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cost_usd REAL NOT NULL DEFAULT 0,
  key_version INTEGER NOT NULL DEFAULT 0,
  cached_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL DEFAULT 0,
  last_access_ms INTEGER NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_last_access ON entries (last_access_ms);
CREATE TABLE IF NOT EXISTS usage (
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  analysis_type TEXT NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0,
  misses INTEGER NOT NULL DEFAULT 0,
  saved_usd REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (provider, model, analysis_type)
) WITHOUT ROWID;
)sql";

constexpr int k_sqlite_open_retry_ms = 5;

// SQLite counts every allocation under one process-wide mutex unless told not to; with
// several read connections that mutex was a tenth of a warm run. Must precede any other
// SQLite call; a later call fails harmlessly (the count stays on).
void disable_sqlite_memory_statistics() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

}  // namespace

SqliteBackend::SqliteBackend(std::filesystem::path path, std::int64_t recency_resolution_ms)
    : path_(std::move(path)), recency_resolution_ms_(recency_resolution_ms) {
  disable_sqlite_memory_statistics();
  Status status = open();
  if (!status) {
    open_error_ = status.error;
    db_.reset();
  } else if (file_inode_ != 0) {
    readers_ = std::make_unique<SqliteReaders>(path_, k_sqlite_read_connections);
    checkpointer_ = std::make_unique<SqliteCheckpointer>(path_);
    checkpointer_->attach(db_.get(), [readers = readers_.get()] { readers->note_commit(); });
  }
}

SqliteBackend::~SqliteBackend() {
  flush_deferred_locked();
  flush_touches_locked();
  if (checkpointer_) checkpointer_->detach();
  // Statements must be finalised before the connection closes.
  get_statement_.reset();
  touch_statement_.reset();
  put_statement_.reset();
  usage_statement_.reset();
}

Status SqliteBackend::open() {
  std::error_code error;
  if (path_.has_parent_path()) {
    std::filesystem::create_directories(path_.parent_path(), error);
    if (error) return Status::failure(fmt::format("cannot create {}: {}", path_.parent_path().string(), error.message()));
  }
  bool existed = std::filesystem::exists(path_, error);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  db_.reset(raw);  // owned even when open failed: sqlite3_close_v2 accepts it
  if (rc != SQLITE_OK) return Status::failure(sqlite_error("open"));
  struct stat opened {};
  if (::stat(path_.c_str(), &opened) == 0) {
    file_device_ = opened.st_dev;
    file_inode_ = opened.st_ino;
  }
  if (!existed) {
    std::filesystem::permissions(path_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 error);
  }
  sqlite3_busy_timeout(db_.get(), k_sqlite_busy_timeout_ms);
  // A new file gets 16 kB pages: with 4 kB pages a key-ordered table keeps only ~1 kB of a
  // row in its page and chains the rest to an overflow page of its own, so a 1.4 kB stat
  // record took two page reads and ~5 kB of file. Only possible before the first write
  // (and before WAL mode); existing files keep their page size.
  if (!existed) exec("PRAGMA page_size=16384");
  // Switching to WAL does not wait on the busy handler, so a first open racing another
  // process retries here; the mode is stored in the file, later opens only read it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_sqlite_busy_timeout_ms);
  Status wal = exec("PRAGMA journal_mode=WAL");
  while (!wal && std::chrono::steady_clock::now() < deadline &&
         (sqlite3_errcode(db_.get()) & 0xff) == SQLITE_BUSY) {
    std::this_thread::sleep_for(std::chrono::milliseconds(k_sqlite_open_retry_ms));
    wal = exec("PRAGMA journal_mode=WAL");
  }
  if (!wal) return wal;
  if (Status s = exec("PRAGMA synchronous=NORMAL"); !s) return s;
  // When the WAL starts over it is cut back to 16 MB: its file size then tells readers
  // whether a writer is busy (sqlite_readers.cpp), and a burst does not keep its disk space.
  exec("PRAGMA journal_size_limit=16777216");

  sqlite3_stmt* raw_statement = nullptr;
  if (sqlite3_prepare_v2(db_.get(), "PRAGMA user_version", -1, &raw_statement, nullptr) != SQLITE_OK) {
    return Status::failure(sqlite_error("read schema version"));
  }
  SqliteStatement version_statement(raw_statement);
  int version = sqlite3_step(raw_statement) == SQLITE_ROW ? sqlite3_column_int(raw_statement, 0) : 0;
  version_statement.reset();  // end the read, or BEGIN IMMEDIATE below fails instead of waiting
  if (version > k_sqlite_schema_version) {
    return Status::failure(fmt::format("{} has schema version {}, newer than this samplemind ({})", path_.string(),
                                       version, k_sqlite_schema_version));
  }
  if (version < k_sqlite_schema_version) {
    // IMMEDIATE so two processes creating the schema at once serialise on the write lock.
    if (Status s = exec("BEGIN IMMEDIATE"); !s) return s;
    if (Status s = exec(k_schema_sql); !s) {
      exec("ROLLBACK");
      return s;
    }
    exec(fmt::format("PRAGMA user_version = {}", k_sqlite_schema_version).c_str());
    if (Status s = exec("COMMIT"); !s) return s;
  }
  return Status::success();
}

Status SqliteBackend::check_file_locked() const {
  if (file_inode_ == 0) return Status::success();  // not known (e.g. ":memory:")
  struct stat now {};
  if (::stat(path_.c_str(), &now) != 0 || now.st_dev != file_device_ || now.st_ino != file_inode_) {
    return Status::failure(fmt::format("the cache file {} was deleted or replaced during the run", path_.string()));
  }
  return Status::success();
}

Status SqliteBackend::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_.get());
    sqlite3_free(message);
    return Status::failure(fmt::format("sqlite {}: {}", path_.string(), text));
  }
  return Status::success();
}

Result<sqlite3_stmt*> SqliteBackend::prepared(SqliteStatement& slot, const char* sql) {
  if (!db_) return Error{open_error_};
  if (!slot) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK) {
      return Error{sqlite_error("prepare")};
    }
    slot.reset(raw);
  }
  sqlite3_reset(slot.get());
  sqlite3_clear_bindings(slot.get());
  return slot.get();
}

std::string SqliteBackend::sqlite_error(const char* what) const {
  return fmt::format("sqlite {} {}: {}", what, path_.string(), db_ ? sqlite3_errmsg(db_.get()) : "no connection");
}

CacheLookup SqliteBackend::get(EntryKind kind, const std::string& key) {
  if (deferred_count_.load(std::memory_order_acquire) > 0) {
    if (auto waiting = deferred_lookup(kind, key)) return std::move(*waiting);
  }
  if (readers_) {
    if (auto read = readers_->get(kind, key)) {
      if (read->lookup.status == LookupStatus::hit) note_access(kind, key, read->last_access_ms);
      return std::move(read->lookup);
    }
  }
  std::lock_guard lock(mutex_);
  auto statement = prepared(get_statement_, sqlite_rows::lookup_sql().c_str());
  if (!statement) return {LookupStatus::failure, std::nullopt, statement.error()};
  sqlite_rows::LookupRow row = sqlite_rows::step_lookup(*statement, kind, key);
  if (row.rc == SQLITE_DONE) return {};
  if (row.rc != SQLITE_ROW) return {LookupStatus::failure, std::nullopt, sqlite_error("get")};
  if (!row.intact) return {LookupStatus::miss, std::nullopt, "checksum mismatch", true};
  queue_touch_locked(kind, key, row.last_access_ms);
  return {LookupStatus::hit, std::move(row.record), {}};
}

Status SqliteBackend::put(const CacheRecord& record) {
  const bool deferrable = record.kind != EntryKind::ai;
  if (deferrable && defer(record)) return Status::success();
  std::lock_guard lock(mutex_);
  return flush_deferred_locked(deferrable ? nullptr : &record);
}

Status SqliteBackend::add_usage(const std::vector<UsageCounters>& deltas) {
  std::lock_guard lock(mutex_);
  auto statement = prepared(usage_statement_,
                            "INSERT INTO usage (provider, model, analysis_type, hits, misses, saved_usd) "
                            "VALUES (?,?,?,?,?,?) ON CONFLICT (provider, model, analysis_type) DO UPDATE SET "
                            "hits = hits + excluded.hits, misses = misses + excluded.misses, "
                            "saved_usd = saved_usd + excluded.saved_usd");
  if (!statement) return Status::failure(statement.error());
  if (Status file = check_file_locked(); !file) return file;
  if (Status s = exec("BEGIN IMMEDIATE"); !s) return s;
  for (const UsageCounters& delta : deltas) {
    sqlite3_reset(*statement);
    bind_text(*statement, 1, delta.provider);
    bind_text(*statement, 2, delta.model);
    bind_text(*statement, 3, delta.analysis_type);
    sqlite3_bind_int64(*statement, 4, delta.hits);
    sqlite3_bind_int64(*statement, 5, delta.misses);
    sqlite3_bind_double(*statement, 6, delta.saved_usd);
    if (sqlite3_step(*statement) != SQLITE_DONE) {
      std::string error = sqlite_error("add usage");
      sqlite3_reset(*statement);
      exec("ROLLBACK");
      return Status::failure(error);
    }
  }
  sqlite3_reset(*statement);
  return exec("COMMIT");
}

}  // namespace samplemind