// The rate limiter spaces calls, honours provider pauses, and ends a wait when cancelled.
#include <doctest/doctest.h>
#include <chrono>

#include <atomic>
#include <thread>

#include "provider/rate_limiter.hpp"

using namespace samplemind;

TEST_CASE("provider rate limiter wait ends when cancelled") {
  RateLimiter limiter;
  const auto pause_end = RateLimiter::Clock::now() + std::chrono::seconds(30);
  limiter.pause_until(pause_end);
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop = true;
  });
  const bool may_start = limiter.acquire([&] { return stop.load(); });
  stopper.join();
  CHECK_FALSE(may_start);
  CHECK(RateLimiter::Clock::now() < pause_end);  // it did not wait the pause out
  RateLimiter free_limiter;
  CHECK(free_limiter.acquire([] { return false; }));
}

TEST_CASE("provider rate limiter spaces calls and honours pauses") {
  RateLimiter limiter(1200.0);  // one call every 50 ms
  const auto start = RateLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) limiter.acquire();
  CHECK(RateLimiter::Clock::now() - start >= std::chrono::milliseconds(195));
  RateLimiter unlimited;
  unlimited.pause_until(RateLimiter::Clock::now() + std::chrono::milliseconds(60));
  const auto paused = RateLimiter::Clock::now();
  unlimited.acquire();
  CHECK(RateLimiter::Clock::now() - paused >= std::chrono::milliseconds(55));
}
