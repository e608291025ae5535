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

namespace {
// The entry's fields from column first on (kind and key are already in record); false when
// the checksum does not match.
bool read_fields(sqlite3_stmt* statement, int first, CacheRecord& record) {
  record.payload = column_text(statement, first);
  const auto checksum_text = reinterpret_cast<const char*>(sqlite3_column_text(statement, first + 1));
  const std::string_view checksum(checksum_text ? checksum_text : "",
                                  static_cast<std::size_t>(sqlite3_column_bytes(statement, first + 1)));
  record.provider = column_text(statement, first + 2);
  record.model = column_text(statement, first + 3);
  record.analysis_type = column_text(statement, first + 4);
  record.input_tokens = sqlite3_column_int64(statement, first + 5);
  record.output_tokens = sqlite3_column_int64(statement, first + 6);
  record.cost_usd = sqlite3_column_double(statement, first + 7);
  record.key_version = sqlite3_column_int(statement, first + 8);
  record.cached_at = sqlite3_column_int64(statement, first + 9);
  record.expires_at = sqlite3_column_int64(statement, first + 10);
  // No nesting check here: every reader of a payload bounds it itself (read_clean_answer
  // for answers, simdjson for features and stat records), and scans read 100,000 rows.
  return entry_checksum_matches(record, checksum);
}
}  // namespace

bool read_record(sqlite3_stmt* statement, CacheRecord& record) {
  record.kind = entry_kind_from_string(column_text(statement, 0)).value_or(EntryKind::ai);
  record.key = column_text(statement, 1);
  return read_fields(statement, 2, record);
}

const std::string& lookup_sql() {
  static const std::string sql =
      fmt::format("SELECT {} FROM entries WHERE kind = ? AND key = ?", k_lookup_columns);
  return sql;
}

const std::string& kind_scan_sql() {
  // The primary key starts with kind: one range of the table, not a scan of all of it.
  static const std::string sql = fmt::format("SELECT {} FROM entries WHERE kind = ? ORDER BY key", k_record_columns);
  return sql;
}

const std::string& key_range_sql() {
  static const std::string sql = fmt::format(
      "SELECT key, {} FROM entries WHERE kind = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?", k_lookup_columns);
  return sql;
}

LookupRow step_lookup(sqlite3_stmt* statement, EntryKind kind, const std::string& key) {
  // No reset first: every step here ends with one, and a prepared statement starts reset.
  const char* kind_name = to_string(kind);  // a string literal
  sqlite3_bind_text(statement, 1, kind_name, -1, SQLITE_STATIC);
  sqlite3_bind_text(statement, 2, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  LookupRow row;
  row.rc = sqlite3_step(statement);
  if (row.rc == SQLITE_ROW) {
    row.record.kind = kind;
    row.record.key = key;
    row.intact = read_fields(statement, 0, row.record);
    row.last_access_ms = sqlite3_column_int64(statement, k_entry_field_count);
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

int read_key_range(sqlite3_stmt* statement, EntryKind kind, const std::function<bool(std::string_view)>& wanted,
                   std::vector<LookupRow>& rows, std::size_t& scanned) {
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    ++scanned;
    const auto* key_text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    const std::string_view key(key_text != nullptr ? key_text : "",
                               static_cast<std::size_t>(sqlite3_column_bytes(statement, 0)));
    if (!wanted(key)) continue;
    LookupRow& row = rows.emplace_back();
    row.rc = SQLITE_ROW;
    row.record.kind = kind;
    row.record.key = key;
    row.intact = read_fields(statement, 1, row.record);
    row.last_access_ms = sqlite3_column_int64(statement, 1 + k_entry_field_count);
  }
  sqlite3_reset(statement);
  return rc;
}

}  // namespace samplemind::sqlite_rows
