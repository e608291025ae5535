#pragma once
// Cross-process leases on paid calls: before asking the provider, a process takes the
// key's lease in the shared cache (Redis, SQLite); other processes wait for the answer
// it stores instead of paying for the same call. The lease is renewed while the call
// runs and expires on its own when the owner dies, so a waiter then takes it and calls.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cache/ai_cache.hpp"

namespace samplemind {

constexpr std::int64_t k_lease_ttl_ms = 30'000;             // a dead owner's lease frees itself after this
constexpr std::int64_t k_lease_renew_every_ms = 10'000;     // a third of the TTL: one late renewal is harmless
constexpr std::int64_t k_lease_poll_ms = 100;               // how often a waiter looks for the answer
constexpr std::int64_t k_lease_max_wait_ms = 15 * 60'000;   // then it calls itself (over the 600 s call cap)

struct LeaseTiming {
  std::int64_t ttl_ms = k_lease_ttl_ms;
  std::int64_t renew_every_ms = k_lease_renew_every_ms;
  std::int64_t poll_ms = k_lease_poll_ms;
  std::int64_t max_wait_ms = k_lease_max_wait_ms;
};

// A random 128-bit owner token (hex), so only the owner renews or releases its lease.
std::string make_lease_token();

// A lease this process holds: renewed on its own thread until destroyed, then released.
class HeldLease {
 public:
  HeldLease(CacheBackend& backend, std::string key, std::string token, const LeaseTiming& timing);
  ~HeldLease();
  HeldLease(const HeldLease&) = delete;
  HeldLease& operator=(const HeldLease&) = delete;

  // True once a renewal found the lease gone to another owner (the call still completes).
  bool lost() const { return lost_.load(); }
  // Renewals that succeeded so far (tests).
  std::int64_t renewals() const { return renewals_.load(); }

 private:
  void renew_loop();

  CacheBackend& backend_;
  std::string key_;
  std::string token_;
  LeaseTiming timing_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> lost_{false};
  std::atomic<std::int64_t> renewals_{0};
  std::thread renewer_;
};

// What a file whose lookup missed may do next.
struct CallPermit {
  std::unique_ptr<HeldLease> lease;   // held while calling; null when the backend has no leases or failed
  std::optional<AiCacheHit> answer;   // another process stored the answer meanwhile: use it, do not call
  bool stopped = false;               // stop was raised while waiting: neither call nor answer
};

// Takes the key's lease, or waits (polling the cache) until the owner's answer arrives or
// its lease frees up. Backends without leases, and backend failures, permit the call at once.
CallPermit acquire_call_permit(AiCache& cache, const std::string& key, const LeaseTiming& timing,
                               const std::atomic<bool>* stop = nullptr, const std::atomic<bool>* interrupt = nullptr);

}  // namespace samplemind
