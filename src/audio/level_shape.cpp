// Hop levels summarised for the loop gate: sustain, swell, silence, audible onsets.
#include "audio/level_shape.hpp"

#include <algorithm>
#include <array>

namespace samplemind::audio {

namespace {
constexpr float k_quiet_hop_ratio = 0.0316f;  // -30 dB: under it a hop is the silence between sounds
constexpr double k_swell_ratio = 0.8;

// A riser or swell: each quarter's loudest hop louder than the last, the third well
// below the fourth. A loop that starts with a rest is not one: its later quarters match.
bool swells(const std::vector<float>& rms) {
  const std::size_t quarter = rms.size() / 4;
  if (quarter == 0) return false;
  std::array<float, 4> loudest{};
  for (std::size_t q = 0; q < 4; ++q) {
    const auto first = rms.begin() + static_cast<std::ptrdiff_t>(q * quarter);
    const auto last = q == 3 ? rms.end() : first + static_cast<std::ptrdiff_t>(quarter);
    loudest[q] = *std::max_element(first, last);
  }
  return loudest[0] < loudest[1] && loudest[1] < loudest[2] && loudest[2] < k_swell_ratio * loudest[3];
}
}  // namespace

LevelShape measure_level_shape(const std::vector<float>& rms, const std::vector<std::size_t>& onset_hops) {
  LevelShape shape;
  if (rms.empty()) return shape;
  const float loudest = *std::max_element(rms.begin(), rms.end());
  const float late = *std::max_element(rms.begin() + static_cast<std::ptrdiff_t>(rms.size() / 2), rms.end());
  shape.sustain = loudest > 1e-9f ? late / loudest : 0.0;
  shape.swells = swells(rms);
  const float quiet = loudest * k_quiet_hop_ratio;
  const auto quiet_hops = std::count_if(rms.begin(), rms.end(), [&](float v) { return v < quiet; });
  shape.quiet_share = static_cast<double>(quiet_hops) / static_cast<double>(rms.size());
  // An onset's attack may fall at the end of its hop: the hop after it counts too.
  const std::size_t last = rms.size() - 1;
  for (const std::size_t hop : onset_hops) {
    if (std::max(rms[std::min(hop, last)], rms[std::min(hop + 1, last)]) >= quiet) ++shape.audible_onsets;
  }
  return shape;
}

}  // namespace samplemind::audio
