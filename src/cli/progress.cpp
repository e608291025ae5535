// Errors are always printed (a CI log must name every broken file); progress only on a tty.
// Everything goes through diagnostics.hpp: nothing here can throw inside a worker.
#include "cli/progress.hpp"

#include <unistd.h>

#include <atomic>
#include <string>

#include <fmt/format.h>

#include "util/diagnostics.hpp"
#include "util/display_text.hpp"

namespace samplemind {

namespace {
constexpr std::string_view k_clear_line = "\r\033[K";
std::atomic<bool> g_progress_drawn{false};
}  // namespace

ProgressCallback make_stderr_progress(const std::string& verb) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  return [terminal, verb](std::size_t done, std::size_t total, const FileResult& file) {
    if (terminal && g_progress_drawn.load()) diagnostic_raw(k_clear_line);
    if (file.status == FileStatus::error) diagnostic("samplemind: error: {}: {}", file.path, file.error);
    if (terminal) {
      try {
        diagnostic_raw(fmt::format("{} [{}/{}] {}", verb, done, total > 0 ? std::to_string(total) : std::string("?"),
                                   escape_control_chars(file.path)));
        g_progress_drawn = true;
      } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; no progress line this time
      }
    }
  };
}

void finish_stderr_progress() {
  if (g_progress_drawn.exchange(false)) diagnostic_raw(k_clear_line);
}

}  // namespace samplemind
