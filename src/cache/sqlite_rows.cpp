// Reading and binding entry rows, for the SQLite backend's write connection and its readers.
#include "cache/sqlite_rows.hpp"

#include <fmt/format.h>

#include "cache/cache_entry.hpp"

namespace samplemind::sqlite_rows {

std::string column_text(sqlite3_stmt* statement, int column) {
  const unsigned char* text = sqlite3_column_text(statement, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
              : std::string();
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

bool read_record(sqlite3_stmt* statement, CacheRecord& record) {
  record.kind = entry_kind_from_string(column_text(statement, 0)).value_or(EntryKind::ai);
  record.key = column_text(statement, 1);
  record.payload = column_text(statement, 2);
  std::string checksum = column_text(statement, 3);
  record.provider = column_text(statement, 4);
  record.model = column_text(statement, 5);
  record.analysis_type = column_text(statement, 6);
  record.input_tokens = sqlite3_column_int64(statement, 7);
  record.output_tokens = sqlite3_column_int64(statement, 8);
  record.cost_usd = sqlite3_column_double(statement, 9);
  record.key_version = sqlite3_column_int(statement, 10);
  record.cached_at = sqlite3_column_int64(statement, 11);
  record.expires_at = sqlite3_column_int64(statement, 12);
  // No nesting check here: every reader of a payload bounds it itself (parse_bounded_json
  // for answers, simdjson for features and stat records), and scans read 100,000 rows.
  return entry_checksum_matches(record, checksum);
}

const std::string& lookup_sql() {
  static const std::string sql =
      fmt::format("SELECT {}, last_access_ms FROM entries WHERE kind = ? AND key = ?", k_record_columns);
  return sql;
}

const std::string& kind_scan_sql() {
  // The primary key starts with kind: one range of the table, not a scan of all of it.
  static const std::string sql = fmt::format("SELECT {} FROM entries WHERE kind = ? ORDER BY key", k_record_columns);
  return sql;
}

LookupRow step_lookup(sqlite3_stmt* statement) {
  LookupRow row;
  row.rc = sqlite3_step(statement);
  if (row.rc == SQLITE_ROW) {
    row.intact = read_record(statement, row.record);
    row.last_access_ms = sqlite3_column_int64(statement, k_record_column_count);
  }
  sqlite3_reset(statement);
  return row;
}

int visit_records(sqlite3_stmt* statement, const EntryVisitor& visitor) {
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    CacheRecord record;
    if (read_record(statement, record) && !visitor(record)) break;
  }
  return rc;
}

}  // namespace samplemind::sqlite_rows
