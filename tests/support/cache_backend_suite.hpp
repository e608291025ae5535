#pragma once
// One behavioural suite every cache backend must pass; each test file runs it against a
// backend it opens (memory, sqlite, file, and redis when a server is available).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache_backend.hpp"

namespace samplemind::testing {

using BackendFactory = std::function<std::unique_ptr<CacheBackend>()>;

inline CacheRecord sample_record(const std::string& key, EntryKind kind = EntryKind::ai) {
  CacheRecord record;
  record.kind = kind;
  record.key = key;
  record.payload = R"({"genre":"house","confidence":0.8})";
  record.provider = kind == EntryKind::ai ? "openai" : "";
  record.model = kind == EntryKind::ai ? "gpt-4o-mini" : "";
  record.analysis_type = kind == EntryKind::ai ? "genre_classification" : "";
  record.input_tokens = 120;
  record.output_tokens = 40;
  record.cost_usd = 0.00042;
  record.cached_at = 1700000000;
  record.expires_at = 0;
  record.key_version = 1;
  return record;
}

// Gives backends with millisecond or coarser clocks a distinct last-access time.
inline void tick() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }

inline std::int64_t count_entries(CacheBackend& backend) {
  std::int64_t count = 0;
  REQUIRE(backend.for_each([&](const CacheRecord&) { return ++count, true; }).ok);
  return count;
}

// Stats, clear, usage counters, prune and measure: cache_backend_maintenance_suite.hpp.
inline void run_backend_maintenance_suite(const BackendFactory& open_empty);

// Runs every behaviour check against fresh, empty backends from the factory.
inline void run_backend_suite(const BackendFactory& open_empty) {
  run_backend_maintenance_suite(open_empty);
  SUBCASE("round trip keeps every field") {
    auto backend = open_empty();
    CacheRecord record = sample_record("aa11");
    REQUIRE(backend->put(record).ok);
    CacheLookup found = backend->get(EntryKind::ai, "aa11");
    REQUIRE(found.status == LookupStatus::hit);
    REQUIRE(found.record);
    CHECK(found.record->payload == record.payload);
    CHECK(found.record->provider == "openai");
    CHECK(found.record->model == "gpt-4o-mini");
    CHECK(found.record->analysis_type == "genre_classification");
    CHECK(found.record->input_tokens == 120);
    CHECK(found.record->output_tokens == 40);
    CHECK(found.record->cost_usd == doctest::Approx(0.00042));
    CHECK(found.record->cached_at == 1700000000);
    CHECK(found.record->expires_at == 0);
    CHECK(found.record->key_version == 1);
  }
  SUBCASE("a missing key is a miss, not a failure, and kinds are separate") {
    auto backend = open_empty();
    CHECK(backend->get(EntryKind::ai, "nothing").status == LookupStatus::miss);
    REQUIRE(backend->put(sample_record("same", EntryKind::features)).ok);
    CHECK(backend->get(EntryKind::ai, "same").status == LookupStatus::miss);
    CHECK(backend->get(EntryKind::features, "same").status == LookupStatus::hit);
  }
  SUBCASE("put replaces an entry") {
    auto backend = open_empty();
    CacheRecord record = sample_record("bb22");
    REQUIRE(backend->put(record).ok);
    record.payload = R"({"genre":"techno"})";
    REQUIRE(backend->put(record).ok);
    CHECK(backend->get(EntryKind::ai, "bb22").record->payload == record.payload);
    CHECK(count_entries(*backend) == 1);
  }
  SUBCASE("erase removes one entry of one kind; erasing what is not there succeeds") {
    auto backend = open_empty();
    REQUIRE(backend->put(sample_record("cc33")).ok);
    REQUIRE(backend->put(sample_record("cc33", EntryKind::file_stat)).ok);
    REQUIRE(backend->put(sample_record("dd44", EntryKind::file_stat)).ok);
    REQUIRE(backend->erase(EntryKind::file_stat, "cc33").ok);
    CHECK(backend->get(EntryKind::file_stat, "cc33").status == LookupStatus::miss);
    CHECK(backend->get(EntryKind::ai, "cc33").status == LookupStatus::hit);
    CHECK(backend->get(EntryKind::file_stat, "dd44").status == LookupStatus::hit);
    CHECK(backend->erase(EntryKind::file_stat, "cc33").ok);
    CHECK(backend->erase(EntryKind::features, "never-stored").ok);
    REQUIRE(backend->erase(EntryKind::ai, "cc33").ok);
    CHECK(backend->get(EntryKind::ai, "cc33").status == LookupStatus::miss);
    REQUIRE(backend->put(sample_record("cc33", EntryKind::file_stat)).ok);  // written after its removal
    CHECK(backend->get(EntryKind::file_stat, "cc33").status == LookupStatus::hit);
    CHECK(count_entries(*backend) == 2);
  }
  SUBCASE("get_many answers each key in order, hits and misses alike") {
    auto backend = open_empty();
    REQUIRE(backend->put(sample_record("m1")).ok);
    REQUIRE(backend->put(sample_record("m2", EntryKind::features)).ok);
    REQUIRE(backend->put(sample_record("m3")).ok);
    auto found = backend->get_many(EntryKind::ai, {"m3", "nope", "m2", "m1"});
    REQUIRE(found.size() == 4);
    CHECK(found[0].status == LookupStatus::hit);
    CHECK(found[0].record->key == "m3");
    CHECK(found[1].status == LookupStatus::miss);
    CHECK(found[2].status == LookupStatus::miss);  // m2 is a features entry, not an AI one
    CHECK(found[3].status == LookupStatus::hit);
    CHECK(found[3].record->payload == sample_record("m1").payload);
  }
  SUBCASE("get_prefixed answers each key in order as get answers it, whatever the prefix holds besides") {
    auto backend = open_empty();
    const std::string folder = "0123456789abcdef01234567";
    std::vector<std::string> keys;
    for (int i = 0; i < 12; ++i) {
      const std::string key = folder + std::string(39, 'f') + static_cast<char>('a' + i);
      if (i % 3 != 2) REQUIRE(backend->put(sample_record(key, EntryKind::file_stat)).ok);
      keys.push_back(key);
    }
    REQUIRE(backend->put(sample_record(folder + "-other", EntryKind::file_stat)).ok);
    REQUIRE(backend->put(sample_record(keys[0], EntryKind::features)).ok);
    keys.push_back("elsewhere");  // outside the prefix
    const auto found = backend->get_prefixed(EntryKind::file_stat, folder, keys);
    REQUIRE(found.size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      CAPTURE(i);
      const bool stored = i < 12 && i % 3 != 2;
      CHECK(found[i].status == (stored ? LookupStatus::hit : LookupStatus::miss));
      if (stored && found[i].status == LookupStatus::hit) {
        CHECK(found[i].record->key == keys[i]);
        CHECK(found[i].record->kind == EntryKind::file_stat);
      }
    }
  }
  SUBCASE("for_each visits every entry once") {
    auto backend = open_empty();
    for (int i = 0; i < 25; ++i) REQUIRE(backend->put(sample_record("v" + std::to_string(i))).ok);
    CHECK(count_entries(*backend) == 25);
  }
  SUBCASE("for_each_of visits the entries of one kind only") {
    auto backend = open_empty();
    for (int i = 0; i < 7; ++i) REQUIRE(backend->put(sample_record("a" + std::to_string(i))).ok);
    for (int i = 0; i < 5; ++i) REQUIRE(backend->put(sample_record("s" + std::to_string(i), EntryKind::file_stat)).ok);
    REQUIRE(backend->put(sample_record("f0", EntryKind::features)).ok);
    std::vector<std::string> keys;
    REQUIRE(backend->for_each_of(EntryKind::file_stat, [&](const CacheRecord& record) {
      CHECK(record.kind == EntryKind::file_stat);
      keys.push_back(record.key);
      return true;
    }).ok);
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"s0", "s1", "s2", "s3", "s4"});
    int ai = 0;
    REQUIRE(backend->for_each_of(EntryKind::ai, [&](const CacheRecord&) { return ++ai < 3; }).ok);
    CHECK(ai == 3);  // the visitor stopped it
  }
  SUBCASE("concurrent writers and readers in one process") {
    auto backend = open_empty();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 50; ++i) {
          std::string key = "t" + std::to_string(t) + "_" + std::to_string(i);
          CHECK(backend->put(sample_record(key)).ok);
          CHECK(backend->get(EntryKind::ai, key).status == LookupStatus::hit);
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(backend->stats()->entries == 200);
  }
}

}  // namespace samplemind::testing

#include "support/cache_backend_maintenance_suite.hpp"
