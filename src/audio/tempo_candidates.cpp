// The tempo candidates a file reports (tempo_candidates.hpp).
#include "audio/tempo_candidates.hpp"

#include <algorithm>
#include <cmath>

namespace samplemind::audio {

namespace {
constexpr double k_integer_snap_bpm = 0.5;
constexpr double k_octave_tolerance = 0.04;  // Acc1's line: within 4% of the half or double
}  // namespace

double snapped_bpm(double bpm) {
  const double whole = std::round(bpm);
  return std::abs(bpm - whole) <= k_integer_snap_bpm ? whole : std::round(bpm * 100.0) / 100.0;
}

std::size_t second_candidate_index(const std::vector<RankedReading>& ranked, double first_bpm) {
  const auto octave = [first_bpm](double bpm) {
    const double twice = 2.0 * first_bpm, half = 0.5 * first_bpm;
    return std::abs(bpm - twice) <= k_octave_tolerance * twice || std::abs(bpm - half) <= k_octave_tolerance * half;
  };
  std::size_t other = ranked.size();
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    const double bpm = snapped_bpm(ranked[i].reading.bpm);
    if (bpm == first_bpm) continue;
    if (octave(bpm)) return i;
    other = std::min(other, i);
  }
  return other;
}

}  // namespace samplemind::audio
