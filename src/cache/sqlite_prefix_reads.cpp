// Neighbouring keys in one read: a folder's stat records share the folder's hash as the
// start of their keys, so they sit side by side in the table's key order. One range read
// of that prefix replaces a lookup per file (a random lookup descends the whole tree, and
// on a warm run those descents were a sixth of the work).
#include <algorithm>
#include <unordered_map>

#include "cache/sqlite_backend.hpp"
#include "cache/sqlite_readers.hpp"

namespace samplemind {

namespace {

// Fewer keys than this are looked up one by one: a range read costs about two lookups.
constexpr std::size_t k_min_prefixed_keys = 4;

// Rows a range read may step over per key asked, plus a fixed allowance. A run of files
// often holds only part of a folder (runs do not start at folder boundaries), and a row
// not asked for costs only a step; a prefix with more rows than this (a folder of 10,000
// files taken a run at a time, or one shared with other shards' files) stops the read
// early, the rest are looked up one by one and the prefix is not read whole again.
constexpr std::size_t k_range_rows_per_key = 4;
constexpr std::size_t k_range_rows_slack = 256;

// Prefixes remembered as too wide to read whole, at most (then none are added).
constexpr std::size_t k_max_wide_prefixes = 65536;

// The smallest text above every text that starts with prefix (byte order, as SQLite's
// BINARY collation compares), or nothing when there is none (empty, or all 0xff).
std::optional<std::string> prefix_end(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (prefix.empty()) return std::nullopt;
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

}  // namespace

bool SqliteBackend::prefix_is_wide(const std::string& prefix) {
  std::lock_guard lock(wide_mutex_);
  return wide_prefixes_.count(prefix) > 0;
}

void SqliteBackend::note_wide_prefix(const std::string& prefix) {
  std::lock_guard lock(wide_mutex_);
  if (wide_prefixes_.size() < k_max_wide_prefixes) wide_prefixes_.insert(prefix);
}

std::vector<CacheLookup> SqliteBackend::get_prefixed(EntryKind kind, const std::string& prefix,
                                                     const std::vector<std::string>& keys) {
  std::vector<std::optional<CacheLookup>> found(keys.size());
  // Entries written a moment ago and not yet committed answer first, as in get().
  if (deferred_count_.load(std::memory_order_acquire) > 0) {
    for (std::size_t i = 0; i < keys.size(); ++i) found[i] = deferred_lookup(kind, keys[i]);
  }
  const auto end = prefix_end(prefix);
  const bool all_prefixed = std::all_of(keys.begin(), keys.end(), [&](const std::string& key) {
    return key.compare(0, prefix.size(), prefix) == 0;
  });
  if (readers_ && end && all_prefixed && keys.size() >= k_min_prefixed_keys && !prefix_is_wide(prefix)) {
    const std::size_t limit = keys.size() * k_range_rows_per_key + k_range_rows_slack;
    // Keyed by the asked keys (they outlive the map); a row is handed out once, so a key
    // asked twice is looked up again rather than given a moved-from record.
    std::unordered_map<std::string_view, std::size_t> asked;
    asked.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!found[i]) asked.emplace(keys[i], i);
    }
    auto range = readers_->read_range(kind, prefix, *end, limit,
                                      [&asked](std::string_view key) { return asked.count(key) > 0; });
    if (range && range->error.empty()) {
      const bool whole = range->scanned < limit;  // else rows past the limit went unread
      if (!whole) note_wide_prefix(prefix);
      for (sqlite_rows::LookupRow& row : range->rows) {
        const auto it = asked.find(row.record.key);
        if (it == asked.end()) continue;
        const std::size_t i = it->second;
        asked.erase(it);
        if (!row.intact) {
          found[i] = CacheLookup{LookupStatus::miss, std::nullopt, "checksum mismatch", true};
          continue;
        }
        note_access(kind, keys[i], row.last_access_ms);
        found[i] = CacheLookup{LookupStatus::hit, std::move(row.record), {}};
      }
      // Read in a new transaction to the prefix's end: what it did not find is not there
      // (a reused snapshot may predate an entry another process wrote: those are asked again).
      if (whole && range->fresh) {
        for (const auto& [key, i] : asked) found[i] = CacheLookup{};
      }
    }
  }
  std::vector<CacheLookup> lookups;
  lookups.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    lookups.push_back(found[i] ? std::move(*found[i]) : get(kind, keys[i]));
  }
  return lookups;
}

}  // namespace samplemind
