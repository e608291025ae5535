// SQLite backend maintenance: filtered clear, stats, prune (expiry + LRU) and export.
#include <fmt/format.h>

#include "cache/cache_entry.hpp"
#include "cache/sqlite_backend.hpp"
#include "cache/sqlite_readers.hpp"
#include "cache/sqlite_rows.hpp"

namespace samplemind {
namespace {

using sqlite_rows::bind_text;
using sqlite_rows::column_text;
using sqlite_rows::k_record_columns;
using sqlite_rows::read_record;

// Binds the filter's conditions in the order where_clause() lists them.
std::string where_clause(const ClearFilter& filter) {
  std::string sql = " WHERE 1=1";
  if (filter.kind) {
    sql += *filter.kind == EntryKind::ai ? " AND kind = 'ai'" : " AND kind IN ('features', 'file_stat')";
  }
  if (filter.cached_before) sql += " AND cached_at < ?";
  if (filter.provider) sql += " AND provider = ?";
  if (filter.model) sql += " AND model = ?";
  if (filter.analysis_type) sql += " AND analysis_type = ?";
  return sql;
}

void bind_filter(sqlite3_stmt* statement, const ClearFilter& filter) {
  int index = 1;
  if (filter.cached_before) sqlite3_bind_int64(statement, index++, *filter.cached_before);
  if (filter.provider) bind_text(statement, index++, *filter.provider);
  if (filter.model) bind_text(statement, index++, *filter.model);
  if (filter.analysis_type) bind_text(statement, index++, *filter.analysis_type);
}


}  // namespace

Result<std::int64_t> SqliteBackend::clear(const ClearFilter& filter) {
  std::lock_guard lock(mutex_);
  flush_deferred_locked();
  flush_touches_locked();
  SqliteStatement statement;
  std::string sql = "DELETE FROM entries" + where_clause(filter);
  auto prepared_statement = prepared(statement, sql.c_str());
  if (!prepared_statement) return Error{prepared_statement.error()};
  bind_filter(*prepared_statement, filter);
  if (sqlite3_step(*prepared_statement) != SQLITE_DONE) return Error{sqlite_error("clear")};
  const auto removed = static_cast<std::int64_t>(sqlite3_changes(db_.get()));
  // Answers kept in stat records (answer memos) must not outlive the AI entries cleared.
  if (filter.kind != EntryKind::features && filter.kind != EntryKind::file_stat) drop_memo_epoch_locked();
  return removed;
}

Result<MatchTotals> SqliteBackend::measure(const ClearFilter& filter) {
  std::lock_guard lock(mutex_);
  flush_deferred_locked();
  flush_touches_locked();
  SqliteStatement statement;
  std::string sql = "SELECT COUNT(*), COALESCE(SUM(size), 0), COALESCE(SUM(cost_usd), 0) FROM entries" +
                    where_clause(filter);
  auto prepared_statement = prepared(statement, sql.c_str());
  if (!prepared_statement) return Error{prepared_statement.error()};
  bind_filter(*prepared_statement, filter);
  if (sqlite3_step(*prepared_statement) != SQLITE_ROW) return Error{sqlite_error("measure")};
  return MatchTotals{sqlite3_column_int64(*prepared_statement, 0), sqlite3_column_int64(*prepared_statement, 1),
                     sqlite3_column_double(*prepared_statement, 2)};
}

Status SqliteBackend::reset_usage() {
  std::lock_guard lock(mutex_);
  if (!db_) return Status::failure(open_error_);
  if (Status file = check_file_locked(); !file) return file;
  return exec("DELETE FROM usage");
}

Result<CacheStats> SqliteBackend::stats() {
  std::lock_guard lock(mutex_);
  flush_deferred_locked();
  flush_touches_locked();
  CacheStats stats;
  stats.backend = name();
  stats.location = location();
  SqliteStatement totals;
  auto statement = prepared(totals,
                            "SELECT COALESCE(SUM(kind = 'ai'), 0), COALESCE(SUM(kind <> 'ai'), 0), "
                            "COALESCE(SUM(size), 0), MIN(cached_at), MAX(cached_at) FROM entries");
  if (!statement) return Error{statement.error()};
  if (sqlite3_step(*statement) != SQLITE_ROW) return Error{sqlite_error("stats")};
  stats.entries = sqlite3_column_int64(*statement, 0);
  stats.feature_entries = sqlite3_column_int64(*statement, 1);
  stats.bytes = sqlite3_column_int64(*statement, 2);
  if (sqlite3_column_type(*statement, 3) != SQLITE_NULL) stats.oldest = sqlite3_column_int64(*statement, 3);
  if (sqlite3_column_type(*statement, 4) != SQLITE_NULL) stats.newest = sqlite3_column_int64(*statement, 4);

  SqliteStatement usage;
  auto usage_rows = prepared(usage,
                             "SELECT provider, model, analysis_type, hits, misses, saved_usd FROM usage "
                             "ORDER BY provider, model, analysis_type");
  if (!usage_rows) return Error{usage_rows.error()};
  int rc;
  while ((rc = sqlite3_step(*usage_rows)) == SQLITE_ROW) {
    stats.usage.push_back({column_text(*usage_rows, 0), column_text(*usage_rows, 1), column_text(*usage_rows, 2),
                           sqlite3_column_int64(*usage_rows, 3), sqlite3_column_int64(*usage_rows, 4),
                           sqlite3_column_double(*usage_rows, 5)});
  }
  if (rc != SQLITE_DONE) return Error{sqlite_error("stats")};
  return stats;
}

Result<std::int64_t> SqliteBackend::total_bytes() {
  SqliteStatement statement;
  auto total = prepared(statement, "SELECT COALESCE(SUM(size), 0) FROM entries");
  if (!total) return Error{total.error()};
  if (sqlite3_step(*total) != SQLITE_ROW) return Error{sqlite_error("prune")};
  return static_cast<std::int64_t>(sqlite3_column_int64(*total, 0));
}

Result<PruneResult> SqliteBackend::prune(const PruneOptions& options) {
  std::lock_guard lock(mutex_);
  flush_deferred_locked();
  flush_touches_locked();
  PruneResult result;
  if (!db_) return Error{open_error_};
  if (Status s = exec("BEGIN IMMEDIATE"); !s) return Error{s.error};
  auto fail = [&](std::string error) -> Result<PruneResult> {
    exec("ROLLBACK");
    return Error{std::move(error)};
  };
  auto before = total_bytes();
  if (!before) return fail(before.error());
  result.bytes_before = *before;
  if (options.expired_before) {
    // Expiry is decided now, from cached_at and the TTL in force, never from a stored date.
    SqliteStatement expired;
    auto expire = prepared(expired, "DELETE FROM entries WHERE kind = 'ai' AND cached_at < ?");
    if (!expire) return fail(expire.error());
    sqlite3_bind_int64(*expire, 1, *options.expired_before);
    if (sqlite3_step(*expire) != SQLITE_DONE) return fail(sqlite_error("prune"));
    result.expired_removed = sqlite3_changes(db_.get());
  }
  auto after = total_bytes();
  if (!after) return fail(after.error());
  result.bytes_after = *after;

  if (options.max_bytes && result.bytes_after > *options.max_bytes) {
    // Walk oldest-access first and find the access time below which everything goes.
    SqliteStatement oldest;
    auto walk = prepared(oldest, "SELECT size, last_access_ms, kind, key FROM entries ORDER BY last_access_ms, kind, key");
    if (!walk) return fail(walk.error());
    SqliteStatement remove;
    auto erase = prepared(remove, "DELETE FROM entries WHERE kind = ? AND key = ?");
    if (!erase) return fail(erase.error());
    std::vector<std::pair<std::string, std::string>> victims;
    std::int64_t remaining = result.bytes_after;
    while (remaining > *options.max_bytes && sqlite3_step(*walk) == SQLITE_ROW) {
      remaining -= sqlite3_column_int64(*walk, 0);
      victims.emplace_back(column_text(*walk, 2), column_text(*walk, 3));
    }
    sqlite3_reset(*walk);
    for (const auto& [kind, key] : victims) {
      sqlite3_reset(*erase);
      bind_text(*erase, 1, kind);
      bind_text(*erase, 2, key);
      if (sqlite3_step(*erase) != SQLITE_DONE) return fail(sqlite_error("evict"));
    }
    result.evicted = static_cast<std::int64_t>(victims.size());
    result.bytes_after = remaining;
  }
  if (options.dry_run) {
    exec("ROLLBACK");  // the same statements, undone: the counts are exactly what a prune removes
    return result;
  }
  if (Status s = exec("COMMIT"); !s) return fail(s.error);
  return result;
}

Status SqliteBackend::for_each(const EntryVisitor& visitor) { return visit_rows(std::nullopt, visitor); }

Status SqliteBackend::for_each_of(EntryKind kind, const EntryVisitor& visitor) {
  {
    std::lock_guard lock(mutex_);
    flush_deferred_locked();  // the read connections see only what is committed
  }
  if (readers_) {
    if (auto scanned = readers_->for_each_of(kind, visitor)) return *scanned;
  }
  return visit_rows(kind, visitor);
}

Status SqliteBackend::visit_rows(std::optional<EntryKind> kind, const EntryVisitor& visitor) {
  std::lock_guard lock(mutex_);
  flush_deferred_locked();
  flush_touches_locked();
  SqliteStatement all;
  static const std::string every = fmt::format("SELECT {} FROM entries ORDER BY kind, key", k_record_columns);
  auto statement = prepared(all, (kind ? sqlite_rows::kind_scan_sql() : every).c_str());
  if (!statement) return Status::failure(statement.error());
  if (kind) bind_text(*statement, 1, to_string(*kind));
  const int rc = sqlite_rows::visit_records(*statement, visitor);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Status::failure(sqlite_error("export"));
  return Status::success();
}


}  // namespace samplemind
