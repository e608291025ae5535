#pragma once
// Per-file diagnostics on stderr, and a progress line when stderr is a terminal.
#include <string>

#include "pipeline/batch_runner.hpp"

namespace samplemind {

struct ProgressSettings {
  bool quiet = false;       // -q: no progress line (failed files are still named)
  bool show_money = true;   // cache hits and dollars spent (analyze)
};

// A callback that prints each failed file's error and, on a terminal (never on a pipe), a
// progress line: done/total, percent, files per second, ETA, hits and dollars, cut to the
// terminal width and redrawn at most 10 times a second; coloured unless NO_COLOR is set.
ProgressCallback make_stderr_progress(const std::string& verb, ProgressSettings settings = {});

// Clears the progress line, if one was drawn.
void finish_stderr_progress();

}  // namespace samplemind
