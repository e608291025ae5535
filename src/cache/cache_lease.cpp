// Taking, renewing and releasing a cross-process lease, and waiting for another owner's answer.
#include "cache/cache_lease.hpp"

#include <chrono>
#include <random>

#include <fmt/format.h>

namespace samplemind {
namespace {

bool raised(const std::atomic<bool>* flag) { return flag != nullptr && flag->load(); }

}  // namespace

std::string make_lease_token() {
  std::random_device entropy;
  std::uniform_int_distribution<std::uint32_t> word;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", word(entropy), word(entropy), word(entropy), word(entropy));
}

HeldLease::HeldLease(CacheBackend& backend, std::string key, std::string token, const LeaseTiming& timing)
    : backend_(backend), key_(std::move(key)), token_(std::move(token)), timing_(timing) {
  renewer_ = std::thread([this] { renew_loop(); });
}

HeldLease::~HeldLease() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  renewer_.join();
  backend_.release_lease(key_, token_);  // compare-and-delete: a lease lost to another owner stays theirs
}

void HeldLease::renew_loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::milliseconds(timing_.renew_every_ms), [this] { return stopping_; })) {
    lock.unlock();
    auto renewed = backend_.renew_lease(key_, token_, timing_.ttl_ms);
    lock.lock();
    if (!renewed) return;  // backend failed: the fail-open wrapper warned; the call goes on
    if (*renewed == LeaseGrant::held_elsewhere) {
      lost_ = true;  // we were too slow; the other owner pays too, but nothing is lost
      return;
    }
    ++renewals_;
  }
}

CallPermit acquire_call_permit(AiCache& cache, const std::string& key, const LeaseTiming& timing,
                               const std::atomic<bool>* stop, const std::atomic<bool>* interrupt) {
  CallPermit permit;
  CacheBackend& backend = cache.backend();
  if (!backend.shares_leases()) return permit;
  const std::string token = make_lease_token();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timing.max_wait_ms);
  while (true) {
    auto grant = backend.acquire_lease(key, token, timing.ttl_ms);
    if (!grant) return permit;  // fail open: better to pay than to stall the batch
    if (*grant == LeaseGrant::acquired) {
      auto lease = std::make_unique<HeldLease>(backend, key, token, timing);
      // The previous owner may have stored its answer and released the lease just now.
      if (auto hit = cache.lookup_answer(key)) {
        permit.answer = std::move(hit);
        return permit;  // the lease is released as it goes out of scope
      }
      permit.lease = std::move(lease);
      return permit;
    }
    if (auto hit = cache.lookup_answer(key)) {
      permit.answer = std::move(hit);
      return permit;
    }
    if (raised(stop) || raised(interrupt)) {
      permit.stopped = true;
      return permit;
    }
    if (std::chrono::steady_clock::now() >= deadline) return permit;  // owner stuck: call without a lease
    std::this_thread::sleep_for(std::chrono::milliseconds(timing.poll_ms));
  }
}

}  // namespace samplemind
