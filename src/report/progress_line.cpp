// Pure formatting, so the line can be tested without a terminal.
#include "report/progress_line.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/text_cut.hpp"

namespace samplemind {

namespace {
// Below this much elapsed time a rate is noise: no rate, no ETA.
constexpr double k_min_rate_window_s = 0.2;
// A path squeezed below this many columns tells nothing: it is left out.
constexpr std::size_t k_min_path_columns = 8;
}  // namespace

std::string format_eta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0 || seconds > 359'999.0) return "-";
  const auto whole = static_cast<long long>(std::llround(seconds));
  const long long hours = whole / 3600;
  const long long minutes = (whole / 60) % 60;
  const long long secs = whole % 60;
  return hours > 0 ? fmt::format("{}:{:02}:{:02}", hours, minutes, secs) : fmt::format("{}:{:02}", minutes, secs);
}

std::string format_progress_line(const std::string& verb, const ProgressState& state, std::size_t width) {
  std::string line = verb + " ";
  line += state.total > 0 ? fmt::format("{}/{}", state.done, state.total) : fmt::format("{}/?", state.done);
  if (state.total > 0) {
    const double percent = 100.0 * static_cast<double>(state.done) / static_cast<double>(state.total);
    line += fmt::format(" {:.1f}%", std::isfinite(percent) ? percent : 0.0);
  }
  const bool timed = std::isfinite(state.elapsed_s) && state.elapsed_s >= k_min_rate_window_s && state.done > 0;
  if (timed) {
    const double rate = static_cast<double>(state.done) / state.elapsed_s;
    line += fmt::format(" {:.0f}/s", rate);
    if (state.total >= state.done && state.total > 0) {
      line += " ETA " + format_eta(static_cast<double>(state.total - state.done) / rate);
    }
  }
  if (state.show_money) {
    line += fmt::format(" hits {} ${:.4f}", state.cache_hits, std::isfinite(state.cost_usd) ? state.cost_usd : 0.0);
  }
  const std::size_t columns = width > 1 ? width - 1 : 1;
  const std::size_t used = display_columns(line) + 1;
  if (!state.current.empty() && columns >= used + k_min_path_columns) {
    line += " " + cut_front_with_ellipsis(state.current, columns - used);  // the file name end is what tells
  }
  return cut_with_ellipsis(line, columns);
}

}  // namespace samplemind
