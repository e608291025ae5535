#pragma once
// The stored form of one cache entry: a versioned JSON document with a checksum, shared by
// the file and Redis backends and by export/import, plus helpers every backend uses.
#include <cstdint>
#include <string>
#include <string_view>

#include "cache/cache_backend.hpp"
#include "util/result.hpp"

namespace samplemind {

// Checksum over the payload and every metadata field, so a torn or edited entry is detected:
// "xxh3-64:" and 16 hex digits, what every entry is written with.
std::string entry_checksum(const CacheRecord& record);

// Why: entries written before XXH3 carry "fnv1a64:" checksums and must still verify.
std::string fnv_entry_checksum(const CacheRecord& record);

// True when stored is the record's checksum in either format.
bool entry_checksum_matches(const CacheRecord& record, std::string_view stored);

// The entry as one line of JSON: {"format":1,"kind":...,"key":...,"checksum":...}.
std::string encode_entry(const CacheRecord& record);

// Parses and verifies an encoded entry; an error means corrupt (counted as a miss).
Result<CacheRecord> decode_entry(std::string_view text);

// The payload is within the JSON size and depth caps (every backend checks it on read,
// so a hostile entry is a corrupt miss, never a 60,000-level answer parsed later).
Status check_payload_bounds(std::string_view payload);

// True when a clear with this filter removes the record.
bool filter_matches(const ClearFilter& filter, const CacheRecord& record);

// True when the filter selects on anything that needs the record's fields (not just the kind).
bool filter_needs_fields(const ClearFilter& filter);

// The bytes an entry accounts for in stats and prune (payload plus metadata).
std::int64_t record_size(const CacheRecord& record);

// Current time in unix milliseconds, for last-access (LRU) bookkeeping.
std::int64_t unix_now_ms();

}  // namespace samplemind
