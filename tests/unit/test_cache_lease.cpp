// Cross-process leases: acquire, renew, release by owner only, expiry of a dead owner's
// lease, the renewer thread, and waiting for another owner's answer, on SQLite and Redis.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "cache/ai_cache.hpp"
#include "cache/cache_lease.hpp"
#include "support/cache_backend_suite.hpp"
#include "support/redis_server.hpp"
#include "support/temp_dir.hpp"

namespace samplemind {
namespace {

using Opener = std::function<std::unique_ptr<CacheBackend>()>;

void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// Two openers of the same store stand for two processes.
void run_lease_suite(const Opener& open) {
  auto first = open();
  auto second = open();
  REQUIRE(first->shares_leases());
  SUBCASE("one owner at a time; renew and release only by the owner") {
    CHECK(first->acquire_lease("k1", "tok-a", 10'000).value() == LeaseGrant::acquired);
    CHECK(second->acquire_lease("k1", "tok-b", 10'000).value() == LeaseGrant::held_elsewhere);
    CHECK(first->acquire_lease("k1", "tok-a2", 10'000).value() == LeaseGrant::held_elsewhere);
    CHECK(second->acquire_lease("k2", "tok-b", 10'000).value() == LeaseGrant::acquired);  // other keys are free
    CHECK(second->renew_lease("k1", "tok-b", 10'000).value() == LeaseGrant::held_elsewhere);
    CHECK(first->renew_lease("k1", "tok-a", 10'000).value() == LeaseGrant::acquired);
    REQUIRE(second->release_lease("k1", "tok-b").ok);  // not the owner: nothing happens
    CHECK(second->acquire_lease("k1", "tok-b", 10'000).value() == LeaseGrant::held_elsewhere);
    REQUIRE(first->release_lease("k1", "tok-a").ok);
    CHECK(second->acquire_lease("k1", "tok-b", 10'000).value() == LeaseGrant::acquired);
  }
  SUBCASE("a dead owner's lease expires; the late owner can neither renew nor release the new one") {
    CHECK(first->acquire_lease("k3", "dead", 200).value() == LeaseGrant::acquired);
    CHECK(second->acquire_lease("k3", "alive", 10'000).value() == LeaseGrant::held_elsewhere);
    sleep_ms(350);
    CHECK(second->acquire_lease("k3", "alive", 10'000).value() == LeaseGrant::acquired);
    CHECK(first->renew_lease("k3", "dead", 10'000).value() == LeaseGrant::held_elsewhere);
    REQUIRE(first->release_lease("k3", "dead").ok);
    CHECK(first->acquire_lease("k3", "third", 10'000).value() == LeaseGrant::held_elsewhere);
  }
  SUBCASE("a held lease is renewed past its TTL while held, and released when dropped") {
    LeaseTiming timing;
    timing.ttl_ms = 300;
    timing.renew_every_ms = 80;
    {
      REQUIRE(first->acquire_lease("k4", "holder", timing.ttl_ms).value() == LeaseGrant::acquired);
      HeldLease held(*first, "k4", "holder", timing);
      sleep_ms(800);  // well past the TTL: only renewals keep it
      CHECK(second->acquire_lease("k4", "thief", 10'000).value() == LeaseGrant::held_elsewhere);
      CHECK(held.renewals() >= 3);
      CHECK_FALSE(held.lost());
    }
    CHECK(second->acquire_lease("k4", "next", 10'000).value() == LeaseGrant::acquired);
  }
  SUBCASE("a waiter gets the owner's answer without a lease; after the owner dies it gets the lease") {
    AiCache owner_cache(open(), 3600);
    AiCache waiter_cache(open(), 3600);
    LeaseTiming timing;
    timing.ttl_ms = 400;
    timing.renew_every_ms = 100;
    timing.poll_ms = 20;
    CallPermit owner = acquire_call_permit(owner_cache, "answer-key", timing);
    REQUIRE(owner.lease);
    std::thread finisher([&] {
      sleep_ms(600);  // longer than the TTL: the renewer keeps the lease
      owner_cache.store(testing::sample_record("answer-key"));
      owner.lease.reset();
    });
    CallPermit waiter = acquire_call_permit(waiter_cache, "answer-key", timing);
    finisher.join();
    CHECK_FALSE(waiter.lease);
    REQUIRE(waiter.answer);
    CHECK(waiter.answer->record.cost_usd == doctest::Approx(testing::sample_record("x").cost_usd));

    // An owner that dies (takes the lease, never renews or stores): the waiter takes over.
    REQUIRE(first->acquire_lease("orphan-key", "crashed", timing.ttl_ms).value() == LeaseGrant::acquired);
    const auto start = std::chrono::steady_clock::now();
    CallPermit heir = acquire_call_permit(waiter_cache, "orphan-key", timing);
    CHECK(heir.lease);
    CHECK_FALSE(heir.answer);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
  }
}

}  // namespace

TEST_CASE("cache lease: sqlite (two connections to one file)") {
  testing::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "cache.db").string();
  run_lease_suite([&] { return open_cache_backend(url); });
}

TEST_CASE("cache lease: redis") {
  testing::RedisServer server;
  if (!server.running()) {
    MESSAGE("redis-server not available: skipping the redis lease tests");
    return;
  }
  server.command({"FLUSHALL"});
  run_lease_suite([&] { return open_cache_backend(server.url()); });
  // The lease lives under its own prefix with a PX expiry, never among the entries.
  server.command({"FLUSHALL"});
  auto backend = open_cache_backend(server.url());
  REQUIRE(backend->acquire_lease("px", "t", 5000).value() == LeaseGrant::acquired);
  const int pttl = std::stoi(server.command({"PTTL", "samplemind:lease:px"}));
  CHECK(pttl > 0);
  CHECK(pttl <= 5000);
  CHECK(backend->stats()->entries == 0);
}

TEST_CASE("cache lease: file and memory backends grant every call at once (one process)") {
  testing::TempDir dir;
  for (const std::string& url : {std::string("memory"), "file:" + (dir.path() / "files").string()}) {
    AiCache cache(open_cache_backend(url), 3600);
    CHECK_FALSE(cache.backend().shares_leases());
    CallPermit permit = acquire_call_permit(cache, "k", LeaseTiming{});
    CHECK_FALSE(permit.lease);
    CHECK_FALSE(permit.answer);
    CHECK_FALSE(permit.stopped);
  }
}

}  // namespace samplemind
