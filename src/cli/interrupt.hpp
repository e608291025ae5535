#pragma once
// SIGINT/SIGTERM ask the batch to stop issuing work; a second signal at least
// k_second_signal_margin_ns later exits at once (130).
#include <atomic>
#include <cstdint>

namespace samplemind {

// A signal this soon after the first is the same request delivered twice (process and
// process group, as `timeout` and terminals do), not a second Ctrl-C.
inline constexpr std::int64_t k_second_signal_margin_ns = 500'000'000;  // 500 ms

// Installs the handlers and returns the flag the batch polls.
const std::atomic<bool>& install_interrupt_handlers();

}  // namespace samplemind
