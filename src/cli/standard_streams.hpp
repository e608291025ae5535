#pragma once
// stdin/stdout/stderr as hostile shells hand them over: closed (>&-), full (/dev/full), or
// a pipe whose reader went away (| head -1).
#include "util/result.hpp"

namespace samplemind {

// Run first in main: ignores SIGPIPE (a closed pipe becomes EPIPE, reported like any write
// error, so the report file is still written and the exit code is ours), and puts /dev/null
// on any closed standard descriptor so no file the program opens can become fd 1 or 2.
void guard_standard_streams() noexcept;

// Run last: flushes stdout and says whether everything written to it arrived (a closed
// stdout counts as a failed write). The error names the cause (errno text).
Status finish_stdout() noexcept;

}  // namespace samplemind
