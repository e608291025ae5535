#pragma once
// Per-file diagnostics on stderr, and a progress line when stderr is a terminal.
#include <string>

#include "pipeline/batch_runner.hpp"

namespace samplemind {

// A callback that prints each failed file's error and, on a terminal, a progress line.
ProgressCallback make_stderr_progress(const std::string& verb);

// Clears the progress line, if one was drawn.
void finish_stderr_progress();

}  // namespace samplemind
