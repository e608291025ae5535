#pragma once
// The maintenance half of the backend suite (cache_backend_suite.hpp runs it): stats,
// filtered clear, lifetime usage counters, prune by TTL and by size, and measure.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cache/cache_backend.hpp"
#include "support/cache_backend_suite.hpp"

namespace samplemind::testing {

// Puts two AI entries cached at first_at and second_at and one feature entry, keys PREFIX1-3:
// the mix stats and measure count. Returns the first AI entry.
inline CacheRecord put_two_ai_and_a_feature(CacheBackend& backend, const std::string& prefix, std::int64_t first_at,
                                            std::int64_t second_at) {
  CacheRecord first = sample_record(prefix + "1");
  first.cached_at = first_at;
  CacheRecord second = sample_record(prefix + "2");
  second.cached_at = second_at;
  REQUIRE(backend.put(first).ok);
  REQUIRE(backend.put(second).ok);
  REQUIRE(backend.put(sample_record(prefix + "3", EntryKind::features)).ok);
  return first;
}

inline void run_backend_maintenance_suite(const BackendFactory& open_empty) {
  SUBCASE("stats count entries, bytes and age") {
    auto backend = open_empty();
    put_two_ai_and_a_feature(*backend, "k", 1000, 2000);
    auto stats = backend->stats();
    REQUIRE(stats.ok());
    CHECK(stats->backend == backend->name());
    CHECK(stats->entries == 2);
    CHECK(stats->feature_entries == 1);
    CHECK(stats->bytes > 0);
    CHECK(stats->oldest == 1000);
    CHECK(stats->newest == 1700000000);
  }
  SUBCASE("clear removes everything, or only what the filter selects") {
    auto backend = open_empty();
    CacheRecord old_openai = sample_record("a1");
    old_openai.cached_at = 100;
    CacheRecord anthropic = sample_record("a2");
    anthropic.provider = "anthropic";
    REQUIRE(backend->put(old_openai).ok);
    REQUIRE(backend->put(anthropic).ok);
    REQUIRE(backend->put(sample_record("a3")).ok);
    REQUIRE(backend->put(sample_record("f1", EntryKind::features)).ok);
    REQUIRE(backend->put(sample_record("s1", EntryKind::file_stat)).ok);

    ClearFilter by_provider;
    by_provider.provider = "anthropic";
    CHECK(backend->clear(by_provider).value() == 1);
    ClearFilter older;
    older.cached_before = 1000;
    CHECK(backend->clear(older).value() == 1);
    ClearFilter features;
    features.kind = EntryKind::features;
    CHECK(backend->clear(features).value() == 2);
    CHECK(backend->get(EntryKind::ai, "a3").status == LookupStatus::hit);
    CHECK(backend->clear(ClearFilter{}).value() == 1);
    CHECK(count_entries(*backend) == 0);
  }
  SUBCASE("usage counters accumulate") {
    auto backend = open_empty();
    REQUIRE(backend->add_usage({{"openai", "gpt-4o-mini", "genre_classification", 3, 1, 0.5}}).ok);
    REQUIRE(backend->add_usage({{"openai", "gpt-4o-mini", "genre_classification", 2, 4, 0.25},
                                {"offline", "rules-v1", "quick_analysis", 0, 7, 0.0}}).ok);
    auto stats = backend->stats();
    REQUIRE(stats.ok());
    REQUIRE(stats->usage.size() == 2);
    for (const UsageCounters& row : stats->usage) {
      if (row.provider == "openai") {
        CHECK(row.hits == 5);
        CHECK(row.misses == 5);
        CHECK(row.saved_usd == doctest::Approx(0.75));
      } else {
        CHECK(row.misses == 7);
      }
    }
  }
  SUBCASE("prune removes entries expired under the TTL in force, from cached_at, not a stored expires_at") {
    auto backend = open_empty();
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    CacheRecord old_entry = sample_record("e1");
    old_entry.cached_at = now - 7200;
    CacheRecord written_under_short_ttl = sample_record("e2");
    written_under_short_ttl.cached_at = now - 60;
    written_under_short_ttl.expires_at = now - 10;  // a legacy expiry date: ignored
    CacheRecord features = sample_record("e3", EntryKind::features);
    features.cached_at = now - 7200;               // feature entries never expire
    REQUIRE(backend->put(old_entry).ok);
    REQUIRE(backend->put(written_under_short_ttl).ok);
    REQUIRE(backend->put(features).ok);
    PruneOptions options{now, std::nullopt, now - 3600 + 1};  // a one-hour TTL
    options.dry_run = true;
    auto preview = backend->prune(options);
    REQUIRE(preview.ok());
    CHECK(preview->expired_removed == 1);
    CHECK(backend->get(EntryKind::ai, "e1").status == LookupStatus::hit);  // dry run removed nothing
    options.dry_run = false;
    auto result = backend->prune(options);
    REQUIRE(result.ok());
    CHECK(result->expired_removed == 1);
    CHECK(result->evicted == 0);
    CHECK(backend->get(EntryKind::ai, "e1").status == LookupStatus::miss);
    CHECK(backend->get(EntryKind::ai, "e2").status == LookupStatus::hit);
    CHECK(backend->get(EntryKind::features, "e3").status == LookupStatus::hit);
    auto no_ttl = backend->prune({now, std::nullopt});  // no TTL in force: nothing expires
    REQUIRE(no_ttl.ok());
    CHECK(no_ttl->expired_removed == 0);
  }
  SUBCASE("measure counts what a clear would remove; reset_usage zeroes the counters") {
    auto backend = open_empty();
    const CacheRecord a = put_two_ai_and_a_feature(*backend, "ms", 1000, 5000);
    ClearFilter old_ai;
    old_ai.kind = EntryKind::ai;
    old_ai.cached_before = 2000;
    auto totals = backend->measure(old_ai);
    REQUIRE(totals.ok());
    CHECK(totals->entries == 1);
    CHECK(totals->bytes > 0);
    CHECK(totals->cost_usd == doctest::Approx(a.cost_usd));
    CHECK(backend->measure(ClearFilter{})->entries == 3);
    CHECK(count_entries(*backend) == 3);  // measuring removed nothing
    REQUIRE(backend->add_usage({{"openai", "m", "genre_classification", 4, 2, 0.5}}).ok);
    REQUIRE(backend->reset_usage().ok);
    auto stats = backend->stats();
    REQUIRE(stats.ok());
    for (const UsageCounters& row : stats->usage) {
      CHECK(row.hits == 0);
      CHECK(row.misses == 0);
    }
    CHECK(stats->entries == 2);  // entries stay
  }
  SUBCASE("prune --max-size evicts least recently used first, and hits refresh recency") {
    auto backend = open_empty();
    for (const char* key : {"l1", "l2", "l3", "l4"}) {
      REQUIRE(backend->put(sample_record(key)).ok);
      tick();
    }
    REQUIRE(backend->get(EntryKind::ai, "l1").status == LookupStatus::hit);  // l1 is now the newest
    tick();
    auto stats = backend->stats();
    REQUIRE(stats.ok());
    const std::int64_t per_entry = stats->bytes / 4;
    auto result = backend->prune({1000, per_entry * 2});
    REQUIRE(result.ok());
    CHECK(result->evicted == 2);
    CHECK(result->bytes_after <= per_entry * 2);
    CHECK(backend->get(EntryKind::ai, "l2").status == LookupStatus::miss);
    CHECK(backend->get(EntryKind::ai, "l3").status == LookupStatus::miss);
    CHECK(backend->get(EntryKind::ai, "l4").status == LookupStatus::hit);
    CHECK(backend->get(EntryKind::ai, "l1").status == LookupStatus::hit);
  }
}

}  // namespace samplemind::testing
