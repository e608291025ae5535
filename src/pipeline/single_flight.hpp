#pragma once
// Equal keys in one batch cause one provider call; the other files wait for its answer.
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "provider/provider.hpp"

namespace samplemind {

class SingleFlight {
 public:
  struct Flight {
    std::mutex mutex;
    std::condition_variable done_signal;
    bool done = false;
    std::optional<ProviderOutcome> outcome;
  };

  // Joins the flight for key; leader is true for the one caller that must make the call.
  std::shared_ptr<Flight> join(const std::string& key, bool& leader);
  // The leader publishes its outcome and wakes the waiters.
  void finish(const std::string& key, const std::shared_ptr<Flight>& flight, ProviderOutcome outcome);
  // Waiters block until the leader has finished.
  static ProviderOutcome wait(Flight& flight);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace samplemind
