// Grid salience: the strongest onset near each grid point, against the file's baseline.
#include "audio/grid_salience.hpp"

#include <algorithm>
#include <cmath>

#include "audio/round_half_away.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_grid_slack_s = 0.025;  // onsets within this of a grid point count as on it
}  // namespace

GridSalience::GridSalience(const std::vector<float>& strength, double frame_rate_hz)
    : x_(strength), slack_(std::max<long>(1, std::lround(k_grid_slack_s * frame_rate_hz))) {
  double sum = 0.0;
  for (std::size_t i = 0; i < x_.size(); ++i) sum += near(static_cast<double>(i));
  baseline_ = x_.empty() ? 0.0 : sum / static_cast<double>(x_.size());
}

double GridSalience::at_grid(double period, double offset, double end) const {
  if (baseline_ <= 1e-9 || period <= 0.0) return 0.0;
  const auto n = end > 0.0 ? std::min(end, static_cast<double>(x_.size())) : static_cast<double>(x_.size());
  double sum = 0.0;
  int count = 0;
  const double first = offset > 0.0 ? offset * period : period;
  for (double pos = first; pos < n - 0.5; pos += period, ++count) sum += near(pos);
  return count > 0 ? sum / count / baseline_ : 0.0;
}

// The strongest onset within the slack of a position (frames), the file wrapping around.
double GridSalience::near(double pos) const {
  const long centre = round_half_away(pos);
  const auto n = static_cast<long>(x_.size());
  float best = 0.0f;
  if (centre - slack_ >= 0 && centre + slack_ < n) {  // most points: no wrap, no division
    for (long i = centre - slack_; i <= centre + slack_; ++i) best = std::max(best, x_[static_cast<std::size_t>(i)]);
    return best;
  }
  for (long i = centre - slack_; i <= centre + slack_; ++i) best = std::max(best, x_[static_cast<std::size_t>(((i % n) + n) % n)]);
  return best;
}

}  // namespace samplemind::audio
