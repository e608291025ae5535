// Signal handlers only touch lock-free atomics and call async-signal-safe functions
// (clock_gettime, write, _exit).
#include "cli/interrupt.hpp"

#include <csignal>
#include <ctime>
#include <unistd.h>

#include <cstdint>

#include "cli/exit_codes.hpp"

namespace samplemind {

namespace {
std::atomic<bool> g_stop_requested{false};
std::atomic<std::int64_t> g_first_signal_ns{0};
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "a signal handler may only use lock-free atomics");

std::int64_t monotonic_ns() {
  constexpr std::int64_t k_ns_per_s = 1'000'000'000;
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * k_ns_per_s + now.tv_nsec;
}

extern "C" void on_stop_signal(int) {
  const std::int64_t now_ns = monotonic_ns();
  if (g_stop_requested.exchange(true)) {
    // The same signal sent to the process and to its group (timeout, a shell's job control)
    // arrives twice at once: only a later one is a person asking to quit now.
    if (now_ns - g_first_signal_ns.load() >= k_second_signal_margin_ns) _exit(k_exit_interrupted);
    return;
  }
  g_first_signal_ns.store(now_ns);
  constexpr char k_message[] = "\nsamplemind: stopping: finishing files in progress (signal again to quit now)\n";
  [[maybe_unused]] auto written = write(STDERR_FILENO, k_message, sizeof(k_message) - 1);
}
}  // namespace

const std::atomic<bool>& install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // Both signals block each other while a handler runs: the first one's time is stored
  // before a second can look at it.
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop_requested;
}

}  // namespace samplemind
