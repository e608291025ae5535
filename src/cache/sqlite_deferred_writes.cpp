// Deferred writes of the SQLite backend: features and stat records, and removals of them,
// wait in memory (and are served from there) until k_sqlite_deferred_batch of them or
// k_sqlite_deferred_age_ms have gathered, an AI answer is stored, a maintenance operation runs, or the backend closes;
// then all of them go in one transaction. A crash loses at most that batch of recomputable
// records, never an AI answer.
#include "cache/sqlite_backend.hpp"

#include <fmt/format.h>

#include "cache/cache_entry.hpp"
#include "cache/sqlite_rows.hpp"

namespace samplemind {

using sqlite_rows::bind_text;

namespace {
std::string deferred_key(EntryKind kind, const std::string& key) { return std::string(to_string(kind)) + '/' + key; }
}  // namespace

// Queues the record (replacing one of the same key); true while no flush is due yet.
bool SqliteBackend::defer(const CacheRecord& record) {
  const std::lock_guard lock(deferred_mutex_);
  const std::int64_t now_ms = unix_now_ms();
  const std::string name = deferred_key(record.kind, record.key);
  deferred_erases_.erase(name);  // written after its removal: the write wins
  auto [slot, added] = deferred_index_.try_emplace(name, deferred_.size());
  if (added) {
    if (deferred_.empty() && deferred_erases_.empty()) deferred_since_ms_ = now_ms;
    deferred_.push_back(record);
  } else {
    deferred_[slot->second] = record;
  }
  const std::size_t waiting = deferred_.size() + deferred_erases_.size();
  deferred_count_.store(waiting, std::memory_order_release);
  return waiting < k_sqlite_deferred_batch && now_ms - deferred_since_ms_ < k_sqlite_deferred_age_ms;
}

// Queues the removal (dropping a waiting write of the same key); true while no flush is due.
bool SqliteBackend::defer_erase(EntryKind kind, const std::string& key) {
  const std::lock_guard lock(deferred_mutex_);
  const std::int64_t now_ms = unix_now_ms();
  const std::string name = deferred_key(kind, key);
  if (auto waiting = deferred_index_.find(name); waiting != deferred_index_.end()) {
    const std::size_t slot = waiting->second;
    deferred_index_.erase(waiting);
    if (slot + 1 != deferred_.size()) {
      deferred_[slot] = std::move(deferred_.back());
      deferred_index_[deferred_key(deferred_[slot].kind, deferred_[slot].key)] = slot;
    }
    deferred_.pop_back();
  }
  if (deferred_.empty() && deferred_erases_.empty()) deferred_since_ms_ = now_ms;
  deferred_erases_.try_emplace(name, kind, key);
  const std::size_t waiting = deferred_.size() + deferred_erases_.size();
  deferred_count_.store(waiting, std::memory_order_release);
  return waiting < k_sqlite_deferred_batch && now_ms - deferred_since_ms_ < k_sqlite_deferred_age_ms;
}

// A record still waiting to be written, as a hit; nothing when none waits under that key.
std::optional<CacheLookup> SqliteBackend::deferred_lookup(EntryKind kind, const std::string& key) {
  const std::lock_guard lock(deferred_mutex_);
  const std::string name = deferred_key(kind, key);
  if (deferred_erases_.count(name) != 0) return CacheLookup{};  // removed, not yet in the file
  const auto found = deferred_index_.find(name);
  if (found == deferred_index_.end()) return std::nullopt;
  return CacheLookup{LookupStatus::hit, deferred_[found->second], {}};
}

// Writes every waiting record, and also (when given), in one transaction.
Status SqliteBackend::flush_deferred_locked(const CacheRecord* also) {
  std::vector<CacheRecord> batch;
  std::unordered_map<std::string, std::pair<EntryKind, std::string>> erases;
  {
    const std::lock_guard lock(deferred_mutex_);
    batch.swap(deferred_);
    erases.swap(deferred_erases_);
    deferred_index_.clear();
    deferred_count_.store(0, std::memory_order_release);
  }
  if (batch.empty() && erases.empty() && also == nullptr) return Status::success();
  if (!db_) return Status::failure(open_error_);
  if (Status file = check_file_locked(); !file) return file;
  if (batch.empty() && erases.empty()) return write_record_locked(*also);  // alone: its own implicit transaction
  if (Status begun = exec("BEGIN IMMEDIATE"); !begun) return begun;
  auto abandon = [&](Status failed) {
    exec("ROLLBACK");
    return failed;
  };
  for (const CacheRecord& record : batch) {
    if (Status written = write_record_locked(record); !written) return abandon(written);
  }
  for (const auto& [name, entry] : erases) {
    if (Status removed = erase_record_locked(entry.first, entry.second); !removed) return abandon(removed);
  }
  if (also != nullptr) {
    if (Status written = write_record_locked(*also); !written) return abandon(written);
  }
  if (Status committed = exec("COMMIT"); !committed) return abandon(committed);
  return Status::success();
}

// One INSERT OR REPLACE on the write connection (inside the caller's transaction, if any).
Status SqliteBackend::write_record_locked(const CacheRecord& record) {
  static const std::string sql = fmt::format(
      "INSERT OR REPLACE INTO entries ({}, last_access_ms, size) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      sqlite_rows::k_record_columns);
  auto statement = prepared(put_statement_, sql.c_str());
  if (!statement) return Status::failure(statement.error());
  sqlite3_stmt* s = *statement;
  bind_text(s, 1, to_string(record.kind));
  bind_text(s, 2, record.key);
  bind_text(s, 3, record.payload);
  bind_text(s, 4, entry_checksum(record));
  bind_text(s, 5, record.provider);
  bind_text(s, 6, record.model);
  bind_text(s, 7, record.analysis_type);
  sqlite3_bind_int64(s, 8, record.input_tokens);
  sqlite3_bind_int64(s, 9, record.output_tokens);
  sqlite3_bind_double(s, 10, record.cost_usd);
  sqlite3_bind_int(s, 11, record.key_version);
  sqlite3_bind_int64(s, 12, record.cached_at);
  sqlite3_bind_int64(s, 13, record.expires_at);
  sqlite3_bind_int64(s, 14, unix_now_ms());
  sqlite3_bind_int64(s, 15, record_size(record));
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return Status::failure(sqlite_error("put"));
  return Status::success();
}

// One DELETE on the write connection (inside the caller's transaction).
Status SqliteBackend::erase_record_locked(EntryKind kind, const std::string& key) {
  auto statement = prepared(erase_statement_, "DELETE FROM entries WHERE kind = ? AND key = ?");
  if (!statement) return Status::failure(statement.error());
  sqlite3_stmt* s = *statement;
  bind_text(s, 1, to_string(kind));
  bind_text(s, 2, key);
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return Status::failure(sqlite_error("erase"));
  return Status::success();
}

// Removals of recomputable records wait like their writes; an AI answer goes at once.
Status SqliteBackend::erase(EntryKind kind, const std::string& key) {
  if (kind != EntryKind::ai) {
    if (defer_erase(kind, key)) return Status::success();
    std::lock_guard lock(mutex_);
    return flush_deferred_locked();
  }
  std::lock_guard lock(mutex_);
  if (Status flushed = flush_deferred_locked(); !flushed) return flushed;
  if (!db_) return Status::failure(open_error_);
  if (Status file = check_file_locked(); !file) return file;
  return erase_record_locked(kind, key);
}

}  // namespace samplemind
