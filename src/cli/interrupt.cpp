// Signal handlers only touch a lock-free atomic (async-signal-safe).
#include "interrupt.hpp"

#include <csignal>
#include <unistd.h>

#include "samplemind/exit_codes.hpp"

namespace samplemind {

namespace {
std::atomic<bool> g_stop_requested{false};

extern "C" void on_stop_signal(int) {
  if (g_stop_requested.exchange(true)) _exit(k_exit_interrupted);
  constexpr char k_message[] = "\nsamplemind: stopping: finishing files in progress (signal again to quit now)\n";
  [[maybe_unused]] auto written = write(STDERR_FILENO, k_message, sizeof(k_message) - 1);
}
}  // namespace

const std::atomic<bool>& install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop_requested;
}

}  // namespace samplemind
