#pragma once
// Spaces provider calls to at most N per minute across all worker threads, and holds
// every thread back while the provider has asked all clients to wait (a 429).
#include <chrono>
#include <functional>
#include <mutex>

namespace samplemind {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // requests_per_minute <= 0 means no limit (pauses still apply).
  explicit RateLimiter(double requests_per_minute = 0.0);

  // Blocks until this call may start; thread-safe. A cancelled() that turns true ends the
  // wait early (returns false), so Ctrl-C or a fatal error never waits out a long pause.
  bool acquire(const std::function<bool()>& cancelled = {});
  // Makes every later acquire wait until the given time (the latest pause wins).
  void pause_until(Clock::time_point until);

 private:
  std::chrono::nanoseconds interval_{0};
  std::mutex mutex_;
  Clock::time_point next_slot_{};
  Clock::time_point paused_until_{};
};

}  // namespace samplemind
