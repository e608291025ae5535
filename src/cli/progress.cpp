// Errors are always printed (a CI log must name every broken file); progress only on a tty.
#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace samplemind {

namespace {
bool g_progress_drawn = false;
}

ProgressCallback make_stderr_progress(const std::string& verb) {
  const bool terminal = isatty(STDERR_FILENO) != 0;
  return [terminal, verb](std::size_t done, std::size_t total, const FileResult& file) {
    if (terminal && g_progress_drawn) std::fputs("\r\033[K", stderr);
    if (file.status == FileStatus::error) fmt::print(stderr, "samplemind: error: {}: {}\n", file.path, file.error);
    if (terminal) {
      fmt::print(stderr, "{} [{}/{}] {}", verb, done, total > 0 ? std::to_string(total) : std::string("?"), file.path);
      g_progress_drawn = true;
    }
  };
}

void finish_stderr_progress() {
  if (g_progress_drawn) std::fputs("\r\033[K", stderr);
  g_progress_drawn = false;
}

}  // namespace samplemind
