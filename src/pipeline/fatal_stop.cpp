// The first fatal error wins: it is the one the summary names.
#include "pipeline/fatal_stop.hpp"

namespace samplemind {

void FatalStop::raise(const std::string& message) {
  {
    std::lock_guard lock(mutex);
    if (error.empty()) error = message;
  }
  raised.store(true);
}

std::string FatalStop::first_error() {
  std::lock_guard lock(mutex);
  return error;
}

}  // namespace samplemind
