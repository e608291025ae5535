// stderr through write(2): no stdio buffer, no exception, one mutex so lines never interleave.
#include "util/diagnostics.hpp"

#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <string>

#include "util/display_text.hpp"

namespace samplemind {

namespace {
std::mutex g_stderr_mutex;

// Writes all bytes, retrying on EINTR; any other error drops the rest.
void write_all(std::string_view bytes) noexcept {
  while (!bytes.empty()) {
    const ssize_t written = ::write(STDERR_FILENO, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}
}  // namespace

void diagnostic_line(std::string_view text) noexcept {
  try {
    std::string line = escape_control_chars(text);
    line += '\n';
    std::lock_guard lock(g_stderr_mutex);
    write_all(line);
  } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; the message is dropped
  }
}

void diagnostic_raw(std::string_view bytes) noexcept {
  try {
    std::lock_guard lock(g_stderr_mutex);
    write_all(bytes);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a failed lock; the bytes are dropped
  }
}

}  // namespace samplemind
