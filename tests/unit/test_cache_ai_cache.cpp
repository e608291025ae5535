// AiCache: TTL, validity, usage counters, and failing open with a backend that breaks.
#include <doctest/doctest.h>

#include <atomic>
#include <sstream>

#include "cache/ai_cache.hpp"
#include "support/cache_backend_suite.hpp"

namespace samplemind {
namespace {

// A backend whose every operation fails, counting how often it was asked.
class BrokenBackend final : public CacheBackend {
 public:
  explicit BrokenBackend(std::atomic<int>& calls) : calls_(calls) {}
  std::string name() const override { return "broken"; }
  std::string location() const override { return "nowhere"; }
  CacheLookup get(EntryKind, const std::string&) override {
    ++calls_;
    return {LookupStatus::failure, std::nullopt, "connection refused"};
  }
  Status put(const CacheRecord&) override { return ++calls_, Status::failure("connection refused"); }
  Status erase(EntryKind, const std::string&) override { return ++calls_, Status::failure("connection refused"); }
  Result<std::int64_t> clear(const ClearFilter&) override { return ++calls_, Error{"connection refused"}; }
  Result<CacheStats> stats() override { return ++calls_, Error{"connection refused"}; }
  Status add_usage(const std::vector<UsageCounters>&) override { return ++calls_, Status::failure("refused"); }
  Result<PruneResult> prune(const PruneOptions&) override { return ++calls_, Error{"connection refused"}; }
  Status for_each(const EntryVisitor&) override { return ++calls_, Status::failure("connection refused"); }

 private:
  std::atomic<int>& calls_;
};

}  // namespace

TEST_CASE("ai cache: store fills timestamps and a stored answer is a hit") {
  AiCache cache(open_cache_backend("memory"), 3600);
  cache.store(testing::sample_record("k"));
  auto hit = cache.lookup("k");
  REQUIRE(hit);
  CHECK(hit->cached_at >= unix_now() - 5);
  CHECK(hit->expires_at == 0);  // expiry is decided when reading
  CHECK_FALSE(cache.lookup("other"));
}

TEST_CASE("ai cache: expiry is decided when reading, from cached_at and the TTL in force") {
  CacheRecord two_hours_old = testing::sample_record("old");
  two_hours_old.cached_at = unix_now() - 7200;
  two_hours_old.expires_at = unix_now() - 3600;  // written under a one-hour TTL (legacy field)
  CacheRecord fresh = testing::sample_record("fresh");
  fresh.cached_at = unix_now() - 60;
  {
    AiCache one_hour(open_cache_backend("memory"), 3600);
    REQUIRE(one_hour.backend().put(two_hours_old).ok);
    REQUIRE(one_hour.backend().put(fresh).ok);
    CHECK_FALSE(one_hour.lookup("old"));  // expired under the TTL in force
    CHECK(one_hour.lookup("fresh"));
  }
  {
    AiCache three_hours(open_cache_backend("memory"), 3 * 3600);
    REQUIRE(three_hours.backend().put(two_hours_old).ok);
    CHECK(three_hours.lookup("old"));  // a longer TTL keeps the paid answer readable
  }
  {
    AiCache forever(open_cache_backend("memory"), 0);
    REQUIRE(forever.backend().put(two_hours_old).ok);
    CHECK(forever.lookup("old"));
  }
  CHECK(is_expired(1000, 100, 1100));
  CHECK_FALSE(is_expired(1000, 100, 1099));
  CHECK_FALSE(is_expired(1000, 0, 999999));
  CHECK(expired_before(100, 1100).value() == 1001);
  CHECK_FALSE(expired_before(0, 1100));
}

TEST_CASE("ai cache: zero TTL stores entries that never expire") {
  AiCache cache(open_cache_backend("memory"), 0);
  cache.store(testing::sample_record("k"));
  CHECK(cache.lookup("k")->expires_at == 0);
}

TEST_CASE("ai cache: an unparseable payload is a counted miss") {
  AiCache cache(open_cache_backend("memory"), 3600);
  CacheRecord broken = testing::sample_record("bad");
  broken.cached_at = unix_now();  // live under the TTL, so the payload is what makes it a miss
  broken.payload = "{not json";
  REQUIRE(cache.backend().put(broken).ok);
  CHECK_FALSE(cache.lookup("bad"));
  CHECK(cache.corrupt_entries() == 1);
  CHECK_FALSE(cache.failed());
}

TEST_CASE("ai cache: usage counters are flushed into the backend and accumulate") {
  AiCache cache(open_cache_backend("memory"), 3600);
  cache.count("openai", "gpt-4o-mini", "genre_classification", true, 0.01);
  cache.count("openai", "gpt-4o-mini", "genre_classification", true, 0.02);
  cache.count("openai", "gpt-4o-mini", "genre_classification", false, 0.0);
  cache.flush_usage();
  cache.count("openai", "gpt-4o-mini", "genre_classification", false, 0.0);
  cache.flush_usage();
  cache.flush_usage();  // nothing pending: no change
  auto stats = cache.backend().stats();
  REQUIRE(stats.ok());
  REQUIRE(stats->usage.size() == 1);
  CHECK(stats->usage[0].hits == 2);
  CHECK(stats->usage[0].misses == 2);
  CHECK(stats->usage[0].saved_usd == doctest::Approx(0.03));
}

TEST_CASE("ai cache: usage counts of interleaved models stay apart") {
  AiCache cache(open_cache_backend("memory"), 3600);
  for (int i = 0; i < 3; ++i) {
    cache.count("openai", "gpt-4o-mini", "genre_classification", true, 0.01);
    cache.count("openai", "gpt-4o", "genre_classification", false, 0.0);
    cache.count("openai", "gpt-4o-mini", "mood", true, 0.5);
  }
  cache.flush_usage();
  cache.count("openai", "gpt-4o", "genre_classification", true, 0.25);  // after the flush cleared them
  cache.flush_usage();
  auto stats = cache.backend().stats();
  REQUIRE(stats.ok());
  REQUIRE(stats->usage.size() == 3);
  for (const auto& usage : stats->usage) {
    if (usage.model == "gpt-4o") {
      CHECK(usage.hits == 1);
      CHECK(usage.misses == 3);
      CHECK(usage.saved_usd == doctest::Approx(0.25));
    } else if (usage.analysis_type == "mood") {
      CHECK(usage.hits == 3);
      CHECK(usage.saved_usd == doctest::Approx(1.5));
    } else {
      CHECK(usage.hits == 3);
      CHECK(usage.saved_usd == doctest::Approx(0.03));
    }
  }
}

TEST_CASE("ai cache: a failing backend warns once, is skipped afterwards, and never throws") {
  std::atomic<int> calls{0};
  std::ostringstream warnings;
  AiCache cache(std::make_unique<BrokenBackend>(calls), 3600, &warnings);
  for (int i = 0; i < 100; ++i) {
    CHECK_FALSE(cache.lookup("k" + std::to_string(i)));
    cache.store(testing::sample_record("k" + std::to_string(i)));
    cache.count("p", "m", "a", false, 0.0);
  }
  cache.flush_usage();
  CHECK(cache.failed());
  CHECK(calls.load() == 1);
  CHECK(cache.backend_errors() == 1);
  const std::string text = warnings.str();
  CHECK(text == "samplemind: warning: cache broken failed: connection refused; continuing without cache\n");
}

TEST_CASE("ai cache: lookups and stores from many threads") {
  AiCache cache(open_cache_backend("memory"), 3600);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        std::string key = std::to_string(t) + ":" + std::to_string(i);
        cache.store(testing::sample_record(key));
        CHECK(cache.lookup(key));
        cache.count("p", "m", "a", true, 0.001);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  cache.flush_usage();
  CHECK(cache.backend().stats()->usage.at(0).hits == 800);
}

}  // namespace samplemind

namespace samplemind {

TEST_CASE("ai cache: a failing batch lookup counts one error, warns once, and skips the backend after") {
  std::atomic<int> calls{0};
  std::ostringstream warnings;
  AiCache cache(std::make_unique<BrokenBackend>(calls), 3600, &warnings);
  auto found = cache.backend().get_many(EntryKind::file_stat, {"a", "b", "c"});
  REQUIRE(found.size() == 3);
  for (const CacheLookup& lookup : found) CHECK(lookup.status == LookupStatus::failure);
  CHECK(calls.load() == 1);  // the batch stopped at its first failure (one timeout, not three)
  CHECK(cache.backend_errors() == 1);
  const int asked = calls.load();
  CHECK(cache.backend().get_many(EntryKind::file_stat, {"d", "e"}).size() == 2);
  CHECK(calls.load() == asked);  // skipped: the backend already failed
  CHECK(warnings.str().find("connection refused") != std::string::npos);
}

}  // namespace samplemind
