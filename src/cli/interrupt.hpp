#pragma once
// SIGINT/SIGTERM ask the batch to stop issuing work; a second signal exits at once.
#include <atomic>

namespace samplemind {

// Installs the handlers and returns the flag the batch polls.
const std::atomic<bool>& install_interrupt_handlers();

}  // namespace samplemind
