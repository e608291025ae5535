// The answer-memo epoch of a SQLite cache: one row of a small settings table, made by the
// first run that asks for it and deleted by every clear that may remove AI entries. The
// table is created on first use, so older samplemind versions open the file as before.
#include "cache/answer_memo.hpp"
#include "cache/sqlite_backend.hpp"

namespace samplemind {

namespace {
constexpr const char* k_settings_table_sql =
    "CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID";
constexpr const char* k_epoch_name = "answer_memo_epoch";
}  // namespace

std::optional<std::string> SqliteBackend::read_memo_epoch_locked() {
  // No settings table yet: preparing fails, and there is no epoch either.
  SqliteStatement select;
  auto reading = prepared(select, "SELECT value FROM settings WHERE name = ?");
  if (!reading) return std::nullopt;
  sqlite3_bind_text(*reading, 1, k_epoch_name, -1, SQLITE_STATIC);
  if (sqlite3_step(*reading) != SQLITE_ROW) return std::nullopt;
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(*reading, 0));
  return std::string(text != nullptr ? text : "");
}

std::optional<std::string> SqliteBackend::answer_memo_epoch() {
  std::lock_guard lock(mutex_);
  if (!db_ || !check_file_locked() || !flush_deferred_locked()) return std::nullopt;
  // Read first: a run over a cache that has its epoch takes no write lock for it.
  std::optional<std::string> epoch = read_memo_epoch_locked();
  if (!epoch) {
    if (!exec(k_settings_table_sql)) return std::nullopt;  // a read-only file: no memos, as before
    // INSERT OR IGNORE: when two processes start at once, both keep the first one's epoch.
    SqliteStatement insert;
    auto adding = prepared(insert, "INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)");
    if (!adding) return std::nullopt;
    const std::string fresh = new_answer_memo_epoch();
    sqlite3_bind_text(*adding, 1, k_epoch_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(*adding, 2, fresh.c_str(), -1, SQLITE_STATIC);
    if (sqlite3_step(*adding) != SQLITE_DONE) return std::nullopt;
    epoch = read_memo_epoch_locked();
  }
  // Written by another program, the row is as hostile as any entry.
  if (!epoch || !is_answer_memo_epoch(*epoch)) return std::nullopt;
  return epoch;
}

void SqliteBackend::drop_memo_epoch_locked() {
  // No settings table yet means no epoch either: the error is that, and nothing to undo.
  sqlite3_exec(db_.get(), "DELETE FROM settings WHERE name = 'answer_memo_epoch'", nullptr, nullptr, nullptr);
}

}  // namespace samplemind
