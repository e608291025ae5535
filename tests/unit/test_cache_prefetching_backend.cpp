// Prefetched lookups: one batch for many keys, taken by later gets, invalidated by puts,
// and bounded however many keys are prefetched without being taken.
#include <doctest/doctest.h>

#include <chrono>

#include "cache/prefetching_backend.hpp"
#include "support/cache_backend_suite.hpp"
#include "support/counting_backend.hpp"

namespace samplemind {

TEST_CASE("prefetching backend: a batch answers later gets without asking again") {
  auto memory = open_cache_backend("memory");
  REQUIRE(memory->put(testing::sample_record("a")).ok);
  REQUIRE(memory->put(testing::sample_record("b")).ok);
  testing::LookupCountingBackend counting(*memory);
  PrefetchingBackend prefetching(counting, 16);

  prefetching.prefetch(EntryKind::ai, {"a", "b", "missing"});
  CHECK(counting.batches == 1);
  CHECK(counting.lookups[EntryKind::ai] == 3);
  CHECK(prefetching.get(EntryKind::ai, "a").status == LookupStatus::hit);
  CHECK(prefetching.get(EntryKind::ai, "missing").status == LookupStatus::miss);
  CHECK(counting.lookups[EntryKind::ai] == 3);  // both answered from the batch
  CHECK(prefetching.taken() == 2);
  CHECK(prefetching.get(EntryKind::ai, "a").status == LookupStatus::hit);  // taken once: asks again
  CHECK(counting.lookups[EntryKind::ai] == 4);
}

TEST_CASE("prefetching backend: a put replaces what was fetched before it") {
  auto memory = open_cache_backend("memory");
  PrefetchingBackend prefetching(*memory, 16);
  prefetching.prefetch(EntryKind::ai, {"new"});  // a miss, kept
  REQUIRE(prefetching.put(testing::sample_record("new")).ok);
  CHECK(prefetching.get(EntryKind::ai, "new").status == LookupStatus::hit);
}

TEST_CASE("prefetching backend: entries nobody takes are dropped, and prefetch never hangs") {
  auto memory = open_cache_backend("memory");
  for (int i = 0; i < 40; ++i) REQUIRE(memory->put(testing::sample_record("k" + std::to_string(i))).ok);
  testing::LookupCountingBackend counting(*memory);
  PrefetchingBackend prefetching(counting, 8);
  const auto start = std::chrono::steady_clock::now();
  for (int batch = 0; batch < 5; ++batch) {
    std::vector<std::string> keys;
    for (int i = 0; i < 8; ++i) keys.push_back("k" + std::to_string(batch * 8 + i));
    prefetching.prefetch(EntryKind::ai, keys);
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));  // a liveness guard, not a speed target
  const int fetched = counting.lookups[EntryKind::ai];
  CHECK(prefetching.get(EntryKind::ai, "k39").status == LookupStatus::hit);  // newest batch kept
  CHECK(counting.lookups[EntryKind::ai] == fetched);
  CHECK(prefetching.get(EntryKind::ai, "k0").status == LookupStatus::hit);  // oldest dropped: asks again
  CHECK(counting.lookups[EntryKind::ai] == fetched + 1);
}

}  // namespace samplemind
