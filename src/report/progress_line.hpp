#pragma once
// The one-line progress report drawn on a terminal while a batch runs: what a person needs
// to know whether to wait (done/total, percent, rate, ETA) and what it costs (hits, dollars).
#include <cstddef>
#include <cstdint>
#include <string>

namespace samplemind {

struct ProgressState {
  std::size_t done = 0;
  std::size_t total = 0;        // 0 while the walk is still finding files
  double elapsed_s = 0.0;
  std::int64_t cache_hits = 0;
  double cost_usd = 0.0;        // spent so far in this run
  bool show_money = true;       // analyze: hits and dollars; features: neither
  std::string current;          // the last finished file, already escaped for a terminal
};

// "analyzing 120/10386 1.2% 812/s ETA 0:12 hits 100 $0.0012 path", cut to width - 1
// columns (the last column would wrap on many terminals); no NaN or inf ever shows.
std::string format_progress_line(const std::string& verb, const ProgressState& state, std::size_t width);

// "0:07", "12:05", "3:04:10": a duration for people; "-" when not finite or negative.
std::string format_eta(double seconds);

}  // namespace samplemind
