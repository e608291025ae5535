#pragma once
// One batch's fatal stop: the first fatal error's message, and the flag every worker polls.
#include <atomic>
#include <mutex>
#include <string>

namespace samplemind {

class FatalStop {
 public:
  // Keeps the first message (later ones lose the race) and raises the flag for every worker.
  void raise(const std::string& message);

  // Whether a fatal error has stopped the batch.
  bool raised() const { return flag_.load(); }

  // The flag itself, for waits that only poll it (provider retries, cross-process leases).
  const std::atomic<bool>* flag() const { return &flag_; }

  // The first fatal message; empty while the batch runs normally.
  std::string message() const;

 private:
  std::atomic<bool> flag_{false};
  mutable std::mutex mutex_;
  std::string message_;
};

}  // namespace samplemind
