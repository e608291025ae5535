// The tail test of the stretched readings, on frame levels.
#include "audio/tail_shape.hpp"

#include <algorithm>
#include <cmath>

namespace samplemind::audio {

namespace {
// Chosen on the tuning halves of every labelled set (docs/evaluation.md, "Version 34"): the
// level from 0.2 / 0.3 / 0.45 / 0.6, the correlation from 0.5 / 0.7 / 0.9, the steadiness
// from 0.15 / 0.2 / 0.25 / 0.3. The perturbed set's 15% reverb tails sit at 0.016-0.20 of
// their loop's level (5th-95th percentile).
constexpr double k_max_tail_level = 0.3;           // tail RMS over the loop's: a fade or reverb
constexpr double k_min_repeat_correlation = 0.7;   // of the tail's frame levels with the opening's
constexpr double k_max_repeat_level_ratio = 2.0;   // and their means within a factor of two
constexpr double k_max_steady_variation = 0.15;    // the loop's level: standard deviation over mean
constexpr std::size_t k_min_repeat_frames = 3;     // 35 ms: fewer levels have no shape to compare
constexpr signed char k_unknown = -1, k_no = 0, k_yes = 1;
}  // namespace

TailShape::TailShape(std::span<const float> frame_rms)
    : rms_(frame_rms), power_prefix_(frame_rms.size() + 1, 0.0), verdicts_(frame_rms.size(), k_unknown) {
  for (std::size_t i = 0; i < rms_.size(); ++i) power_prefix_[i + 1] = power_prefix_[i] + double(rms_[i]) * rms_[i];
}

bool TailShape::can_follow_loop(double loop_share) const {
  const std::size_t frames = rms_.size();
  if (!(loop_share < 1.0) || frames == 0) return true;
  const auto cut = static_cast<std::size_t>(std::clamp(std::lround(loop_share * static_cast<double>(frames)), 1L,
                                                       static_cast<long>(frames)));
  if (cut >= frames) return true;
  // The stretched readings ask about the same few cuts for every beat count: decide each once.
  if (verdicts_[cut] == k_unknown) verdicts_[cut] = fades_after(cut) || steady_until(cut) || repeats_opening_after(cut) ? k_yes : k_no;
  return verdicts_[cut] == k_yes;
}

// A held sound (a pad, an organ chord) has no shape for a tail to repeat or leave: whatever
// follows it at its level may be the next bar's opening, so it is no evidence either way.
bool TailShape::steady_until(std::size_t cut) const {
  double mean = 0.0, var = 0.0;
  for (std::size_t i = 0; i < cut; ++i) mean += rms_[i];
  mean /= static_cast<double>(cut);
  for (std::size_t i = 0; i < cut; ++i) var += (rms_[i] - mean) * (rms_[i] - mean);
  return mean > 0.0 && std::sqrt(var / static_cast<double>(cut)) <= k_max_steady_variation * mean;
}

bool TailShape::fades_after(std::size_t cut) const {
  const std::size_t frames = rms_.size();
  const double loop_power = power_prefix_[cut] / static_cast<double>(cut);
  const double tail_power = (power_prefix_[frames] - power_prefix_[cut]) / static_cast<double>(frames - cut);
  return loop_power <= 0.0 || tail_power <= k_max_tail_level * k_max_tail_level * loop_power;
}

bool TailShape::repeats_opening_after(std::size_t cut) const {
  const std::size_t tail = rms_.size() - cut;
  if (tail > cut || tail < k_min_repeat_frames + 1) return false;  // no opening to compare with, or no shape
  // The loop's end falls anywhere within a hop, so the tail's frames may sit one frame off
  // the opening's: aligned, or either one frame late (the last frame is left out so that all
  // three compare as many).
  const std::size_t n = tail - 1;
  return alike(cut, 0, n) || alike(cut + 1, 0, n) || alike(cut, 1, n);
}

bool TailShape::alike(std::size_t a, std::size_t b, std::size_t n) const {
  double mean_a = 0.0, mean_b = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mean_a += rms_[a + i];
    mean_b += rms_[b + i];
  }
  mean_a /= static_cast<double>(n);
  mean_b /= static_cast<double>(n);
  if (mean_a > k_max_repeat_level_ratio * mean_b || mean_b > k_max_repeat_level_ratio * mean_a) return false;
  double cross = 0.0, var_a = 0.0, var_b = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = rms_[a + i] - mean_a, y = rms_[b + i] - mean_b;
    cross += x * y;
    var_a += x * x;
    var_b += y * y;
  }
  return var_a > 0.0 && var_b > 0.0 && cross >= k_min_repeat_correlation * std::sqrt(var_a * var_b);
}

}  // namespace samplemind::audio
