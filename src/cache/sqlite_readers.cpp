// A small pool of read-only lookups: try each connection's lock once, else wait on one.
#include "cache/sqlite_readers.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include "cache/sqlite_rows.hpp"

namespace samplemind {

namespace {
// 8 MB of pages instead of SQLite's 2 MB, once an answer connection has served this many
// hits: a warm run's answer lookups land on random pages, and with 22,568 distinct answers
// over 100,000 files the larger cache cut a warm run's CPU by 11 % for 15 MB more peak RSS
// (16 MB: 2 % more, for 20 MB more). A cold run, mostly misses, gained nothing from it and
// held 34 MB more, so its connections keep the default; so do the stat connections (8 MB
// there: 5 % fewer preads, no faster, 15 MB more). Grown after 256 hits rather than 2,000,
// the answer pages are read once instead of again and again through a 2 MB cache first
// (a warm run's preads 16,200 -> 13,600, CPU -2 %).
constexpr const char* k_reader_warm_cache_pragma = "PRAGMA cache_size=-8192";  // KiB
constexpr std::uint32_t k_hits_before_warm_cache = 256;

sqlite3_stmt* prepare_persistent(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) return nullptr;
  return statement;
}
}  // namespace

SqliteReaders::SqliteReaders(std::filesystem::path path, std::size_t count, std::chrono::milliseconds snapshot_lifetime)
    : path_(std::move(path)), wal_path_(path_.string() + "-wal"), snapshot_lifetime_(snapshot_lifetime) {
  for (std::size_t i = 0; i < count; ++i) readers_.push_back(std::make_unique<Reader>());
}

SqliteReaders::Reader& SqliteReaders::pick(EntryKind kind) {
  // Each thread starts at a connection of its own: a connection's page cache then holds
  // what its thread read last (round robin made every connection read every page). AI
  // answers and stat records keep to separate halves of the pool: a warm run streams
  // through the stat records once, folder by folder, and those pages evicted the answers'
  // pages, which are read again and again in random order.
  thread_local const std::size_t own = next_.fetch_add(1, std::memory_order_relaxed);
  const std::size_t half = readers_.size() / 2;  // 0 with one connection: no split
  const bool answers = kind == EntryKind::ai;
  const std::size_t first = answers ? 0 : half;
  const std::size_t count = answers && half > 0 ? half : readers_.size() - first;
  for (std::size_t i = 0; i < count; ++i) {
    Reader& reader = *readers_[first + (own + i) % count];
    if (reader.mutex.try_lock()) return reader;
  }
  Reader& reader = *readers_[first + own % count];
  reader.mutex.lock();
  return reader;
}

bool SqliteReaders::ready(Reader& reader) {
  if (reader.statement) return true;
  if (reader.failed) return false;
  reader.failed = true;
  sqlite3* raw = nullptr;
  // No CREATE: the writer made the file; a reader must never make an empty one elsewhere.
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  reader.db.reset(raw);
  if (rc != SQLITE_OK) return false;
  sqlite3_busy_timeout(raw, k_sqlite_busy_timeout_ms);
  reader.statement.reset(prepare_persistent(raw, sqlite_rows::lookup_sql().c_str()));
  reader.begin.reset(prepare_persistent(raw, "BEGIN"));
  reader.commit.reset(prepare_persistent(raw, "COMMIT"));
  if (!reader.statement) {
    reader.db.reset();
    return false;
  }
  reader.failed = false;
  return true;
}

// Starts a read transaction the next lookups share; without BEGIN (never prepared, or it
// failed) each lookup simply runs on its own.
void SqliteReaders::begin_snapshot(Reader& reader) {
  if (!reader.begin || !reader.commit) return;
  // Read before the snapshot starts: a commit after this read makes the count differ.
  reader.snapshot_commits = commits_.load(std::memory_order_acquire);
  sqlite3_reset(reader.begin.get());
  reader.in_snapshot = sqlite3_step(reader.begin.get()) == SQLITE_DONE;
  sqlite3_reset(reader.begin.get());
  reader.snapshot_started = std::chrono::steady_clock::now();
}

// Ends the shared read transaction (nothing was written in it, so COMMIT only lets go).
void SqliteReaders::end_snapshot(Reader& reader) {
  if (!reader.in_snapshot) return;
  sqlite3_reset(reader.commit.get());
  if (sqlite3_step(reader.commit.get()) != SQLITE_DONE) sqlite3_exec(reader.db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_reset(reader.commit.get());
  reader.in_snapshot = false;
}

SqliteRead SqliteReaders::lookup(Reader& reader, EntryKind kind, const std::string& key) {
  sqlite_rows::LookupRow row = sqlite_rows::step_lookup(reader.statement.get(), kind, key);
  SqliteRead read;
  if (row.rc == SQLITE_DONE) return read;  // a miss
  if (row.rc != SQLITE_ROW) {
    read.lookup = {LookupStatus::failure, std::nullopt,
                   fmt::format("sqlite get {}: {}", path_.string(), sqlite3_errmsg(reader.db.get()))};
  } else if (!row.intact) {
    read.lookup = {LookupStatus::miss, std::nullopt, "checksum mismatch", true};
  } else {
    read.lookup = {LookupStatus::hit, std::move(row.record), {}};
    read.last_access_ms = row.last_access_ms;
  }
  return read;
}

std::optional<SqliteRead> SqliteReaders::get(EntryKind kind, const std::string& key) {
  if (readers_.empty()) return std::nullopt;
  Reader& reader = pick(kind);
  std::lock_guard lock(reader.mutex, std::adopt_lock);
  if (!ready(reader)) return std::nullopt;
  const bool reused = enter_snapshot(reader);
  SqliteRead read = lookup(reader, kind, key);
  if (read.lookup.status != LookupStatus::hit && reused) {
    end_snapshot(reader);  // a miss or an error in an older snapshot: ask again, fresh
    read = lookup(reader, kind, key);
  }
  if (read.lookup.status != LookupStatus::hit) end_snapshot(reader);  // cold work ahead: hold no snapshot
  else if (kind == EntryKind::ai) note_hit(reader);  // stat records stream past: 2 MB serve them
  return read;
}

bool SqliteReaders::enter_snapshot(Reader& reader) {
  if (reader.in_snapshot && (std::chrono::steady_clock::now() - reader.snapshot_started > snapshot_lifetime_ ||
                             commits_.load(std::memory_order_acquire) != reader.snapshot_commits)) {
    end_snapshot(reader);
  }
  const bool reused = reader.in_snapshot;
  if (!reader.in_snapshot && wal_is_small(reader) && !committed_recently()) begin_snapshot(reader);
  return reused;
}

// Grows the connection's page cache once it has served k_hits_before_warm_cache hits.
void SqliteReaders::note_hit(Reader& reader) {
  if (reader.cache_grown || ++reader.hits < k_hits_before_warm_cache) return;
  reader.cache_grown = true;
  sqlite3_exec(reader.db.get(), k_reader_warm_cache_pragma, nullptr, nullptr, nullptr);
}

// True when this process's writer committed within the last snapshot lifetime.
bool SqliteReaders::committed_recently() const {
  const std::int64_t last = last_commit_ns_.load(std::memory_order_relaxed);
  if (last == 0) return false;
  const auto since = std::chrono::steady_clock::now().time_since_epoch() - std::chrono::steady_clock::duration(last);
  return since < snapshot_lifetime_;
}

// A snapshot pins the WAL: SQLite restarts the WAL only once no reader holds an older
// snapshot, so while writers are growing it (a cold run, another process) snapshots are
// not kept, and lookups run one statement each as SQLite's own readers do. Without this
// rule the WAL of a cold run over 20,000 files grew to 1.4 GB. The size is read at most
// every snapshot lifetime.
bool SqliteReaders::wal_is_small(Reader& reader) {
  const auto now = std::chrono::steady_clock::now();
  if (now < reader.wal_checked_until) return reader.wal_small;
  struct stat wal {};
  reader.wal_small = ::stat(wal_path_.c_str(), &wal) != 0 || wal.st_size <= k_sqlite_wal_snapshot_limit_bytes;
  reader.wal_checked_until = now + snapshot_lifetime_;
  return reader.wal_small;
}

std::vector<int> SqliteReaders::page_cache_sizes() {
  std::vector<int> sizes;
  for (auto& reader : readers_) {
    std::lock_guard lock(reader->mutex);
    if (!reader->db) continue;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(reader->db.get(), "PRAGMA cache_size", -1, &raw, nullptr) != SQLITE_OK) continue;
    SqliteStatement statement(raw);
    if (sqlite3_step(raw) == SQLITE_ROW) sizes.push_back(sqlite3_column_int(raw, 0));
  }
  return sizes;
}

std::optional<SqliteRange> SqliteReaders::read_range(EntryKind kind, const std::string& low, const std::string& high,
                                                     std::size_t limit,
                                                     const std::function<bool(std::string_view)>& wanted) {
  if (readers_.empty()) return std::nullopt;
  Reader& reader = pick(kind);
  std::lock_guard lock(reader.mutex, std::adopt_lock);
  if (!ready(reader)) return std::nullopt;
  if (!reader.range) {
    reader.range.reset(prepare_persistent(reader.db.get(), sqlite_rows::key_range_sql().c_str()));
    if (!reader.range) return std::nullopt;
  }
  sqlite3_stmt* statement = reader.range.get();
  sqlite3_bind_text(statement, 1, to_string(kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(statement, 2, low.data(), static_cast<int>(low.size()), SQLITE_STATIC);
  sqlite3_bind_text(statement, 3, high.data(), static_cast<int>(high.size()), SQLITE_STATIC);
  sqlite3_bind_int64(statement, 4, static_cast<sqlite3_int64>(limit));
  SqliteRange range;
  range.fresh = !enter_snapshot(reader);
  if (sqlite_rows::read_key_range(statement, kind, wanted, range.rows, range.scanned) != SQLITE_DONE) {
    range.error = fmt::format("sqlite range read {}: {}", path_.string(), sqlite3_errmsg(reader.db.get()));
  }
  if (!range.error.empty() || range.rows.empty()) end_snapshot(reader);  // cold work ahead: hold no snapshot
  return range;
}

std::optional<Status> SqliteReaders::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  if (readers_.empty()) return std::nullopt;
  Reader& reader = pick(kind);
  std::lock_guard lock(reader.mutex, std::adopt_lock);
  if (!ready(reader)) return std::nullopt;
  end_snapshot(reader);  // a scan sees the database as it is now
  if (!reader.scan) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(reader.db.get(), sqlite_rows::kind_scan_sql().c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                           &statement, nullptr) != SQLITE_OK) {
      return std::nullopt;
    }
    reader.scan.reset(statement);
  }
  sqlite3_stmt* statement = reader.scan.get();
  sqlite3_reset(statement);
  sqlite_rows::bind_text(statement, 1, to_string(kind));
  const int rc = sqlite_rows::visit_records(statement, visitor);
  const bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
  const std::string error = failed ? sqlite3_errmsg(reader.db.get()) : "";
  sqlite3_reset(statement);  // ends the read transaction
  if (failed) return Status::failure(fmt::format("sqlite scan {}: {}", path_.string(), error));
  return Status::success();
}

}  // namespace samplemind
