// A long provider-ordered pause ends as soon as the batch is stopped.
#include <doctest/doctest.h>

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
