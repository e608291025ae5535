// A slot scheduler rather than a bucket: each caller reserves the next free start time
// under the lock, then sleeps outside it, so waiting threads never hold the mutex.
#include "provider/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace samplemind {

namespace {
constexpr double k_ns_per_minute = 60.0 * 1e9;
constexpr std::chrono::milliseconds k_cancel_poll_interval{50};
}  // namespace

RateLimiter::RateLimiter(double requests_per_minute) {
  if (requests_per_minute > 0.0) {
    interval_ = std::chrono::nanoseconds(static_cast<long long>(k_ns_per_minute / requests_per_minute));
  }
}

bool RateLimiter::acquire(const std::function<bool()>& cancelled) {
  Clock::time_point start;
  {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    start = std::max({now, next_slot_, paused_until_});
    if (interval_.count() > 0) next_slot_ = start + interval_;
  }
  if (!cancelled) {
    std::this_thread::sleep_until(start);
    return true;
  }
  while (Clock::now() < start) {
    if (cancelled()) return false;
    std::this_thread::sleep_until(std::min(start, Clock::now() + k_cancel_poll_interval));
  }
  return !cancelled();
}

void RateLimiter::pause_until(Clock::time_point until) {
  std::lock_guard lock(mutex_);
  paused_until_ = std::max(paused_until_, until);
}

}  // namespace samplemind
