// SQLite leases: one row per key in the cache file itself, so every process sharing the
// file sees them. Each statement runs in its own (implicit) transaction under the write lock.
#include <fmt/format.h>

#include "cache/cache_entry.hpp"
#include "cache/sqlite_backend.hpp"
#include "cache/sqlite_rows.hpp"

namespace samplemind {
namespace {

using sqlite_rows::bind_text;

constexpr const char* k_lease_table_sql =
    "CREATE TABLE IF NOT EXISTS leases (key TEXT PRIMARY KEY, token TEXT NOT NULL, "
    "expires_at_ms INTEGER NOT NULL) WITHOUT ROWID";

}  // namespace

Status SqliteBackend::ensure_lease_table_locked() {
  if (!db_) return Status::failure(open_error_);
  if (lease_table_ready_) return Status::success();
  if (Status made = exec(k_lease_table_sql); !made) return made;
  lease_table_ready_ = true;
  return Status::success();
}

Result<LeaseGrant> SqliteBackend::acquire_lease(const std::string& key, const std::string& token,
                                                std::int64_t ttl_ms) {
  std::lock_guard lock(mutex_);
  if (Status table = ensure_lease_table_locked(); !table) return Error{table.error};
  // Insert, or take over a lease whose owner let it expire; a live lease is left alone.
  SqliteStatement statement;
  auto take = prepared(statement,
                       "INSERT INTO leases (key, token, expires_at_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                       "SET token = excluded.token, expires_at_ms = excluded.expires_at_ms "
                       "WHERE leases.expires_at_ms <= ?");
  if (!take) return Error{take.error()};
  const std::int64_t now_ms = unix_now_ms();
  bind_text(*take, 1, key);
  bind_text(*take, 2, token);
  sqlite3_bind_int64(*take, 3, now_ms + ttl_ms);
  sqlite3_bind_int64(*take, 4, now_ms);
  if (sqlite3_step(*take) != SQLITE_DONE) return Error{sqlite_error("lease")};
  return sqlite3_changes(db_.get()) == 1 ? LeaseGrant::acquired : LeaseGrant::held_elsewhere;
}

Result<LeaseGrant> SqliteBackend::renew_lease(const std::string& key, const std::string& token,
                                              std::int64_t ttl_ms) {
  std::lock_guard lock(mutex_);
  if (Status table = ensure_lease_table_locked(); !table) return Error{table.error};
  SqliteStatement statement;
  auto renew = prepared(statement, "UPDATE leases SET expires_at_ms = ? WHERE key = ? AND token = ?");
  if (!renew) return Error{renew.error()};
  sqlite3_bind_int64(*renew, 1, unix_now_ms() + ttl_ms);
  bind_text(*renew, 2, key);
  bind_text(*renew, 3, token);
  if (sqlite3_step(*renew) != SQLITE_DONE) return Error{sqlite_error("renew lease")};
  return sqlite3_changes(db_.get()) == 1 ? LeaseGrant::acquired : LeaseGrant::held_elsewhere;
}

Status SqliteBackend::release_lease(const std::string& key, const std::string& token) {
  std::lock_guard lock(mutex_);
  if (Status table = ensure_lease_table_locked(); !table) return table;
  SqliteStatement statement;
  // Only the owner's row goes; expired rows of dead owners are swept along with it.
  auto release = prepared(statement, "DELETE FROM leases WHERE (key = ? AND token = ?) OR expires_at_ms <= ?");
  if (!release) return Status::failure(release.error());
  bind_text(*release, 1, key);
  bind_text(*release, 2, token);
  sqlite3_bind_int64(*release, 3, unix_now_ms());
  if (sqlite3_step(*release) != SQLITE_DONE) return Status::failure(sqlite_error("release lease"));
  return Status::success();
}

}  // namespace samplemind
