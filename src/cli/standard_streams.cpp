// Detecting lost output: a report that never reached stdout must not exit 0.
#include "cli/standard_streams.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

namespace samplemind {

namespace {
bool g_stdout_was_closed = false;
constexpr std::size_t k_stdout_buffer_bytes = 1 << 20;

// True when fd was closed at start; it is then reopened on /dev/null.
bool reopen_if_closed(int fd) noexcept {
  if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) return false;
  const int null_fd = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
  if (null_fd >= 0 && null_fd != fd) {
    ::dup2(null_fd, fd);
    ::close(null_fd);
  }
  return true;
}
}  // namespace

void guard_standard_streams() noexcept {
  std::signal(SIGPIPE, SIG_IGN);
  reopen_if_closed(STDIN_FILENO);
  g_stdout_was_closed = reopen_if_closed(STDOUT_FILENO);
  reopen_if_closed(STDERR_FILENO);
  // Into a pipe or a file, stdout goes out a megabyte at a time instead of stdio's 4 kB:
  // a warm jsonl run over 100,000 files made 29,000 write calls. Writers that stream
  // (JSON Lines, table rows) flush on their own every fraction of a second.
  // (glibc takes the size only with a buffer of the caller's.)
  static char buffer[k_stdout_buffer_bytes];
  if (::isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
}

Status finish_stdout() noexcept {
  try {
    errno = 0;
    std::cout.flush();
    const bool stream_failed = std::cout.fail();
    const int flush_result = std::fflush(stdout);
    const int saved_errno = errno;
    if (g_stdout_was_closed) return Status::failure("standard output is closed");
    if (!stream_failed && flush_result == 0 && std::ferror(stdout) == 0) return Status::success();
    if (saved_errno == EPIPE) return Status::failure("standard output was closed by its reader (broken pipe)");
    return Status::failure(saved_errno != 0 ? std::string(std::strerror(saved_errno)) : "write error");
  } catch (...) {
    return Status::failure("write error");
  }
}

}  // namespace samplemind
