// LRU recency for the SQLite backend: a hit's last-access time is rewritten only when the
// stored one is older than the resolution (a day by default), and the rewrites are written
// in batches, one transaction each, by the write connection.
#include "cache/sqlite_backend.hpp"

#include "cache/cache_entry.hpp"
#include "cache/sqlite_rows.hpp"

namespace samplemind {

using sqlite_rows::bind_text;

void SqliteBackend::note_access(EntryKind kind, const std::string& key, std::int64_t last_access_ms) {
  if (unix_now_ms() - last_access_ms < recency_resolution_ms_) return;  // recent enough: no lock
  std::lock_guard lock(mutex_);
  queue_touch_locked(kind, key, last_access_ms);
}

void SqliteBackend::queue_touch_locked(EntryKind kind, const std::string& key, std::int64_t last_access_ms) {
  // Recency for LRU eviction is written in batches: one transaction per hit would cost
  // more than the lookup itself.
  const std::int64_t now_ms = unix_now_ms();
  if (now_ms - last_access_ms >= recency_resolution_ms_) {
    pending_touches_.push_back({kind, key, now_ms});
    if (pending_touches_.size() >= k_sqlite_touch_batch) flush_touches_locked();
  }
}

void SqliteBackend::flush_touches_locked() {
  if (pending_touches_.empty() || !db_) return;
  // Best effort: a failed touch (read-only file, lock timeout) only makes LRU less exact.
  auto touch = prepared(touch_statement_, "UPDATE entries SET last_access_ms = ? WHERE kind = ? AND key = ?");
  if (touch && exec("BEGIN IMMEDIATE")) {
    for (const PendingTouch& pending : pending_touches_) {
      sqlite3_reset(*touch);
      sqlite3_bind_int64(*touch, 1, pending.at_ms);
      bind_text(*touch, 2, to_string(pending.kind));
      bind_text(*touch, 3, pending.key);
      sqlite3_step(*touch);
    }
    sqlite3_reset(*touch);
    if (!exec("COMMIT")) exec("ROLLBACK");
  }
  pending_touches_.clear();
}

}  // namespace samplemind
