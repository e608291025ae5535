#pragma once
// Row helpers shared by the SQLite backend's files: the entry columns and their binding.
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

}  // namespace samplemind::sqlite_rows
