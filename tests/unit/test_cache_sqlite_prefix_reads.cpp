// A folder's stat records read in one range (sqlite_prefix_reads.cpp): every key gets what
// a lookup of its own would get, whatever the range holds besides, and whatever other
// connections wrote meanwhile.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <string>
#include <vector>

#include "cache/sqlite_backend.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;

namespace {
// A stat-record key: the folder's part, then the file's.
std::string stat_key(const std::string& folder, int file) {
  const std::string part = std::to_string(1000000 + file);
  return folder + std::string(40 - part.size(), '0') + part;
}

const std::string k_folder = "aaaaaaaaaaaaaaaaaaaaaaaa";  // 24 characters, as a real folder part
const std::string k_other_folder = "aaaaaaaaaaaaaaaaaaaaaaab";

CacheRecord stat_record(const std::string& key) {
  CacheRecord r;
  r.kind = EntryKind::file_stat;
  r.key = key;
  r.payload = "{\"sha256\":\"" + key + "\"}";
  r.cached_at = 1700000000;
  return r;
}

// Stores records for files [first, last) of a folder, committed (a get flushes deferred writes
// only for its own key, so the test commits by writing an AI answer, which is never deferred).
void store(SqliteBackend& backend, const std::string& folder, int first, int last) {
  for (int i = first; i < last; ++i) REQUIRE(backend.put(stat_record(stat_key(folder, i))).ok);
  CacheRecord answer;
  answer.kind = EntryKind::ai;
  answer.key = "commit-" + folder + std::to_string(first);
  answer.payload = "{}";
  answer.cached_at = 1700000000;
  REQUIRE(backend.put(answer).ok);
}

// Every key answered as get() answers it: hit with the same payload, or miss.
void check_like_get(SqliteBackend& backend, const std::vector<std::string>& keys, const std::vector<CacheLookup>& found) {
  REQUIRE(found.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CAPTURE(keys[i]);
    const CacheLookup one = backend.get(EntryKind::file_stat, keys[i]);
    CHECK(found[i].status == one.status);
    if (one.status == LookupStatus::hit && found[i].status == LookupStatus::hit) {
      CHECK(found[i].record->key == keys[i]);
      CHECK(found[i].record->payload == one.record->payload);
    }
  }
}
}  // namespace

TEST_CASE("sqlite prefix reads: hits and misses of one folder, beside a neighbouring folder") {
  testing::TempDir dir;
  SqliteBackend backend(dir.path() / "cache.db");
  store(backend, k_folder, 0, 40);
  store(backend, k_other_folder, 0, 40);
  std::vector<std::string> keys;
  for (int i = 0; i < 45; i += 2) keys.push_back(stat_key(k_folder, i));  // 40..44 were never stored
  const auto found = backend.get_prefixed(EntryKind::file_stat, k_folder, keys);
  check_like_get(backend, keys, found);
  CHECK(found.front().status == LookupStatus::hit);
  CHECK(found.back().status == LookupStatus::miss);
}

TEST_CASE("sqlite prefix reads: a folder far larger than the keys asked stops early and still answers all") {
  testing::TempDir dir;
  SqliteBackend backend(dir.path() / "cache.db");
  store(backend, k_folder, 0, 900);  // 10 keys may step over 4 * 10 + 256 rows: not the whole folder
  std::vector<std::string> keys;
  for (int i = 0; i < 900; i += 90) keys.push_back(stat_key(k_folder, i));
  keys.push_back(stat_key(k_folder, 5000));  // not stored
  for (int round = 0; round < 2; ++round) {  // the second time the prefix is known to be wide
    const auto found = backend.get_prefixed(EntryKind::file_stat, k_folder, keys);
    check_like_get(backend, keys, found);
    CHECK(found[9].status == LookupStatus::hit);  // past the rows the read may step over
    CHECK(found[10].status == LookupStatus::miss);
  }
}

TEST_CASE("sqlite prefix reads: records another connection wrote since are found, not reported missing") {
  testing::TempDir dir;
  SqliteBackend reader(dir.path() / "cache.db");
  SqliteBackend writer(dir.path() / "cache.db");
  store(writer, k_folder, 0, 10);
  std::vector<std::string> keys;
  for (int i = 0; i < 20; ++i) keys.push_back(stat_key(k_folder, i));
  auto found = reader.get_prefixed(EntryKind::file_stat, k_folder, keys);
  CHECK(found[9].status == LookupStatus::hit);
  CHECK(found[10].status == LookupStatus::miss);
  store(writer, k_folder, 10, 20);  // within the reader's snapshot lifetime
  found = reader.get_prefixed(EntryKind::file_stat, k_folder, keys);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    CHECK(found[i].status == LookupStatus::hit);
  }
}

TEST_CASE("sqlite prefix reads: records still waiting to be committed answer first") {
  testing::TempDir dir;
  SqliteBackend backend(dir.path() / "cache.db");
  store(backend, k_folder, 0, 8);
  CacheRecord newer = stat_record(stat_key(k_folder, 3));
  newer.payload = "{\"sha256\":\"newer\"}";
  REQUIRE(backend.put(newer).ok);                                 // deferred: not committed yet
  REQUIRE(backend.put(stat_record(stat_key(k_folder, 8))).ok);  // deferred, new
  std::vector<std::string> keys;
  for (int i = 0; i < 9; ++i) keys.push_back(stat_key(k_folder, i));
  const auto found = backend.get_prefixed(EntryKind::file_stat, k_folder, keys);
  REQUIRE(found.size() == 9);
  for (const auto& lookup : found) CHECK(lookup.status == LookupStatus::hit);
  CHECK(found[3].record->payload == "{\"sha256\":\"newer\"}");
  CHECK(found[8].record->key == stat_key(k_folder, 8));
}

TEST_CASE("sqlite prefix reads: a damaged row is a corrupt miss, a key asked twice is answered twice") {
  testing::TempDir dir;
  const auto path = dir.path() / "cache.db";
  SqliteBackend backend(path);
  store(backend, k_folder, 0, 12);
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const std::string sql = "UPDATE entries SET payload = '{\"sha256\":\"tampered\"}' WHERE key = '" + stat_key(k_folder, 4) + "'";
    CHECK(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  const std::vector<std::string> keys = {stat_key(k_folder, 1), stat_key(k_folder, 4), stat_key(k_folder, 6),
                                         stat_key(k_folder, 1), stat_key(k_folder, 7)};
  const auto found = backend.get_prefixed(EntryKind::file_stat, k_folder, keys);
  REQUIRE(found.size() == 5);
  CHECK(found[1].status == LookupStatus::miss);
  CHECK(found[1].corrupt);
  CHECK(found[0].status == LookupStatus::hit);
  CHECK(found[3].status == LookupStatus::hit);
  CHECK(found[3].record->payload == found[0].record->payload);
  CHECK(found[4].status == LookupStatus::hit);
}

TEST_CASE("sqlite prefix reads: keys outside the prefix, and too few keys, are looked up one by one") {
  testing::TempDir dir;
  SqliteBackend backend(dir.path() / "cache.db");
  store(backend, k_folder, 0, 6);
  store(backend, k_other_folder, 0, 6);
  const std::vector<std::string> mixed = {stat_key(k_folder, 0), stat_key(k_other_folder, 1), stat_key(k_folder, 2),
                                          stat_key(k_other_folder, 3), stat_key(k_folder, 9)};
  check_like_get(backend, mixed, backend.get_prefixed(EntryKind::file_stat, k_folder, mixed));
  const std::vector<std::string> two = {stat_key(k_folder, 0), stat_key(k_folder, 1)};
  const auto found = backend.get_prefixed(EntryKind::file_stat, k_folder, two);
  CHECK(found[0].status == LookupStatus::hit);
  CHECK(found[1].status == LookupStatus::hit);
  CHECK(backend.get_prefixed(EntryKind::ai, k_folder, two)[0].status == LookupStatus::miss);  // another kind
}
