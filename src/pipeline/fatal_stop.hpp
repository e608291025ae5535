#pragma once
// What stops a batch for good (exit 3): a fatal provider error, or a required cache that
// failed. Raised by AI workers, or from outside the batch by a cache guard, polled by all.
#include <atomic>
#include <mutex>
#include <string>

namespace samplemind {

struct FatalStop {
  std::atomic<bool> raised{false};
  std::mutex mutex;   // guards error
  std::string error;  // the first fatal error, for the summary

  // Records the first error (later ones are dropped) and stops the batch.
  void raise(const std::string& message);
  // The first error; call once every worker has stopped, or under mutex.
  std::string first_error();
};

}  // namespace samplemind
