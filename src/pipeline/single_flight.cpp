// Single-flight: the first file with a key calls, later ones with the same key wait.
#include "pipeline/single_flight.hpp"

namespace samplemind {

std::shared_ptr<SingleFlight::Flight> SingleFlight::join(const std::string& key, bool& leader) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = flights_.try_emplace(key, nullptr);
  if (inserted) it->second = std::make_shared<Flight>();
  leader = inserted;
  return it->second;
}

void SingleFlight::finish(const std::string& key, const std::shared_ptr<Flight>& flight, ProviderOutcome outcome) {
  const bool failed = std::holds_alternative<ProviderError>(outcome);
  {
    std::lock_guard lock(flight->mutex);
    flight->outcome = std::move(outcome);
    flight->done = true;
  }
  flight->done_signal.notify_all();
  // A finished answer stays for the rest of the batch (dedup even with the cache off);
  // a failure is forgotten so a later file with the key may try again.
  if (failed) {
    std::lock_guard lock(mutex_);
    flights_.erase(key);
  }
}

ProviderOutcome SingleFlight::wait(Flight& flight) {
  std::unique_lock lock(flight.mutex);
  flight.done_signal.wait(lock, [&] { return flight.done; });
  return *flight.outcome;
}

}  // namespace samplemind
