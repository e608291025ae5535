// A small pool of read-only lookups: try each connection's lock once, else wait on one.
#include "cache/sqlite_readers.hpp"

#include <fmt/format.h>

#include "cache/sqlite_rows.hpp"

namespace samplemind {

SqliteReaders::SqliteReaders(std::filesystem::path path, std::size_t count) : path_(std::move(path)) {
  for (std::size_t i = 0; i < count; ++i) readers_.push_back(std::make_unique<Reader>());
}

SqliteReaders::Reader& SqliteReaders::pick() {
  const std::size_t start = next_.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < readers_.size(); ++i) {
    Reader& reader = *readers_[(start + i) % readers_.size()];
    if (reader.mutex.try_lock()) return reader;
  }
  Reader& reader = *readers_[start % readers_.size()];
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
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(raw, sqlite_rows::lookup_sql().c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    reader.db.reset();
    return false;
  }
  reader.statement.reset(statement);
  reader.failed = false;
  return true;
}

std::optional<SqliteRead> SqliteReaders::get(EntryKind kind, const std::string& key) {
  if (readers_.empty()) return std::nullopt;
  Reader& reader = pick();
  std::lock_guard lock(reader.mutex, std::adopt_lock);
  if (!ready(reader)) return std::nullopt;
  sqlite3_stmt* statement = reader.statement.get();
  sqlite3_reset(statement);
  sqlite_rows::bind_text(statement, 1, to_string(kind));
  sqlite_rows::bind_text(statement, 2, key);
  sqlite_rows::LookupRow row = sqlite_rows::step_lookup(statement);
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

std::optional<Status> SqliteReaders::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  if (readers_.empty()) return std::nullopt;
  Reader& reader = pick();
  std::lock_guard lock(reader.mutex, std::adopt_lock);
  if (!ready(reader)) return std::nullopt;
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
