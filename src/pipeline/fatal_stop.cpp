// The batch's fatal stop. The message is written under a lock before the flag is raised, so
// a worker that sees the flag and then reads the message sees the first error.
#include "pipeline/fatal_stop.hpp"

namespace samplemind {

void FatalStop::raise(const std::string& message) {
  std::lock_guard lock(mutex_);
  if (message_.empty()) message_ = message.empty() ? "stopped by a fatal error" : message;
  flag_.store(true);
}

std::string FatalStop::message() const {
  std::lock_guard lock(mutex_);
  return message_;
}

}  // namespace samplemind
