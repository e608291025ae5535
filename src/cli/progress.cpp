// Errors are always printed (a CI log must name every broken file); progress only on a tty.
// Everything goes through diagnostics.hpp: nothing here can throw inside a worker.
#include "cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "report/progress_line.hpp"
#include "util/diagnostics.hpp"
#include "util/display_text.hpp"

namespace samplemind {

namespace {
constexpr std::string_view k_clear_line = "\r\033[K";
constexpr auto k_redraw_interval = std::chrono::milliseconds(100);  // at most 10 redraws a second
constexpr std::size_t k_fallback_width = 80;
std::atomic<bool> g_progress_drawn{false};

using Clock = std::chrono::steady_clock;

// The terminal's width now (it may be resized mid-run), else $COLUMNS, else 80.
std::size_t terminal_width() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const long value = std::strtol(columns, nullptr, 10);
    if (value > 0 && value < 10000) return static_cast<std::size_t>(value);
  }
  return k_fallback_width;
}

// https://no-color.org: a non-empty NO_COLOR turns colour off; so does a dumb terminal.
bool colour_allowed() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return (no_color == nullptr || *no_color == '\0') && (term == nullptr || std::string_view(term) != "dumb");
}

struct ProgressDrawer {
  std::string verb;
  ProgressSettings settings;
  bool terminal = false;
  bool colour = false;
  Clock::time_point start = Clock::now();
  Clock::time_point last_draw{};
  std::int64_t hits = 0;
  double cost_usd = 0.0;

  void on_file(std::size_t done, std::size_t total, const FileResult& file) {
    if (file.cache == CacheOutcome::hit) ++hits;
    cost_usd += file.cost_usd;
    const bool error = file.status == FileStatus::error;
    if (error) {
      if (g_progress_drawn.exchange(false)) diagnostic_raw(k_clear_line);
      diagnostic("samplemind: error: {}: {}", file.path, file.error);
    }
    if (file.statement_check && file.statement_check->disagrees()) {
      if (g_progress_drawn.exchange(false)) diagnostic_raw(k_clear_line);
      for (const std::string& sentence : file.statement_check->disagreements) {
        diagnostic("samplemind: check: {}: {}", file.path, sentence);
      }
    }
    if (!terminal || settings.quiet) return;
    const auto now = Clock::now();
    const bool last = total > 0 && done >= total;
    if (!error && !last && g_progress_drawn.load() && now - last_draw < k_redraw_interval) return;
    last_draw = now;
    ProgressState state;
    state.done = done;
    state.total = total;
    state.elapsed_s = std::chrono::duration<double>(now - start).count();
    state.cache_hits = hits;
    state.cost_usd = cost_usd;
    state.show_money = settings.show_money;
    state.current = escape_control_chars(file.path);
    std::string line = format_progress_line(verb, state, terminal_width());
    if (colour && line.starts_with(verb)) line = "\033[1;36m" + verb + "\033[0m" + line.substr(verb.size());
    diagnostic_raw(std::string(k_clear_line) + line);
    g_progress_drawn = true;
  }
};
}  // namespace

ProgressCallback make_stderr_progress(const std::string& verb, ProgressSettings settings) {
  auto drawer = std::make_shared<ProgressDrawer>();
  drawer->verb = verb;
  drawer->settings = settings;
  drawer->terminal = isatty(STDERR_FILENO) != 0;
  drawer->colour = drawer->terminal && colour_allowed();
  return [drawer](std::size_t done, std::size_t total, const FileResult& file) {
    try {
      drawer->on_file(done, total, file);
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; no progress line this time
    }
  };
}

void finish_stderr_progress() {
  if (g_progress_drawn.exchange(false)) diagnostic_raw(k_clear_line);
}

}  // namespace samplemind
