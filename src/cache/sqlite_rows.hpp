#pragma once
// Row helpers shared by the SQLite backend's files: the entry columns and their binding.
#include <cstdint>
#include <string>

#include <sqlite3.h>

#include "cache/cache_backend.hpp"

namespace samplemind::sqlite_rows {

// The columns read_record() expects, in order.
inline constexpr const char* k_record_columns =
    "kind, key, payload, checksum, provider, model, analysis_type, input_tokens, output_tokens, "
    "cost_usd, key_version, cached_at, expires_at";
// How many columns k_record_columns names (a query's extra columns start at this index).
inline constexpr int k_record_column_count = 13;

// A text column as a string ("" for NULL).
std::string column_text(sqlite3_stmt* statement, int column);

// Binds a copy of the text (the statement may outlive the string).
void bind_text(sqlite3_stmt* statement, int index, const std::string& text);

// Reads the k_record_columns of the current row; false when the checksum does not match.
bool read_record(sqlite3_stmt* statement, CacheRecord& record);

// One entry with its last access (parameters: kind, key), and every entry of one kind in key
// order (parameter: kind): the same statements on the write and the read connections.
const std::string& lookup_sql();
const std::string& kind_scan_sql();

// What one step of a bound lookup statement found; the statement is reset afterwards.
struct LookupRow {
  int rc = SQLITE_DONE;        // SQLITE_DONE: no such entry; SQLITE_ROW: found; else the error
  bool intact = false;         // the row's checksum matched
  CacheRecord record;
  std::int64_t last_access_ms = 0;
};
LookupRow step_lookup(sqlite3_stmt* statement);

// Gives each intact row of a bound scan statement to the visitor (damaged rows are skipped,
// as export skips them) until it returns false. The last step's code: SQLITE_DONE, or
// SQLITE_ROW when the visitor stopped, else the error.
int visit_records(sqlite3_stmt* statement, const EntryVisitor& visitor);

}  // namespace samplemind::sqlite_rows
