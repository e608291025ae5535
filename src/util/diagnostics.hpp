#pragma once
// The one place samplemind writes to stderr. A diagnostic never throws and never stops the
// program: with stderr closed, full or a broken pipe, the message is dropped.
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace samplemind {

// Writes text as one line on stderr, control characters escaped (paths and messages from
// outside cannot forge lines or drive the terminal). Thread-safe, noexcept.
void diagnostic_line(std::string_view text) noexcept;

// Writes bytes as they are: only for drawing the progress line on a terminal.
void diagnostic_raw(std::string_view bytes) noexcept;

// Formats, then diagnostic_line; a formatting or allocation failure drops the message.
template <class... Args>
void diagnostic(fmt::format_string<Args...> format, Args&&... args) noexcept {
  try {
    diagnostic_line(fmt::format(format, std::forward<Args>(args)...));
  } catch (...) {  // NOLINT(bugprone-empty-catch): a diagnostic must never throw
  }
}

}  // namespace samplemind
