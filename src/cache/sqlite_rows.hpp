#pragma once
// Row helpers shared by the SQLite backend's files: the entry columns and their binding.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "cache/cache_backend.hpp"

namespace samplemind::sqlite_rows {

// The columns read_record() expects, in order: kind and key, then the entry's fields.
#define SAMPLEMIND_ENTRY_FIELD_COLUMNS                                                           \
  "payload, checksum, provider, model, analysis_type, input_tokens, output_tokens, cost_usd, " \
  "key_version, cached_at, expires_at"
inline constexpr const char* k_record_columns = "kind, key, " SAMPLEMIND_ENTRY_FIELD_COLUMNS;
// A lookup selects only the fields (its kind and key are its parameters), then last_access_ms.
inline constexpr const char* k_lookup_columns = SAMPLEMIND_ENTRY_FIELD_COLUMNS ", last_access_ms";
#undef SAMPLEMIND_ENTRY_FIELD_COLUMNS
// How many fields follow kind and key (a lookup's last_access_ms is at this index).
inline constexpr int k_entry_field_count = 11;

// A text column as a string ("" for NULL).
std::string column_text(sqlite3_stmt* statement, int column);

// Binds a copy of the text (the statement may outlive the string).
void bind_text(sqlite3_stmt* statement, int index, const std::string& text);

// Reads the k_record_columns of the current row; false when the checksum does not match.
bool read_record(sqlite3_stmt* statement, CacheRecord& record);

// One entry's fields with its last access (parameters: kind, key; step_lookup binds them),
// and every entry of one kind in key order (parameter: kind): the same statements on the
// write and the read connections.
const std::string& lookup_sql();
const std::string& kind_scan_sql();
// The entries of one kind whose keys lie in [low, high), in key order, at most a number
// of them (parameters: kind, low, high, limit): the key, then what a lookup reads.
const std::string& key_range_sql();

// What one step of a lookup statement found; the statement is reset afterwards.
struct LookupRow {
  int rc = SQLITE_DONE;        // SQLITE_DONE: no such entry; SQLITE_ROW: found; else the error
  bool intact = false;         // the row's checksum matched
  CacheRecord record;
  std::int64_t last_access_ms = 0;
};
// Binds kind and key without copying them (both outlive the step, and every lookup binds
// its own before it steps), steps once and reads the row. Reading two columns fewer than a
// whole record, with no copy of the bound key, is a tenth of a lookup.
LookupRow step_lookup(sqlite3_stmt* statement, EntryKind kind, const std::string& key);

// Why: a folder's stat records in one statement. Steps a bound key_range_sql statement to
// its end, counting the rows in scanned; only the rows whose key `wanted` accepts are read
// (one LookupRow each, record.key set), so the other rows of a range cost only a step.
// Resets the statement; returns the last step's code: SQLITE_DONE, else the error.
int read_key_range(sqlite3_stmt* statement, EntryKind kind, const std::function<bool(std::string_view)>& wanted,
                   std::vector<LookupRow>& rows, std::size_t& scanned);

// Gives each intact row of a bound scan statement to the visitor (damaged rows are skipped,
// as export skips them) until it returns false. The last step's code: SQLITE_DONE, or
// SQLITE_ROW when the visitor stopped, else the error.
int visit_records(sqlite3_stmt* statement, const EntryVisitor& visitor);

}  // namespace samplemind::sqlite_rows
