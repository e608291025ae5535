// The bottom of a chain of fifths, from a pitch-class profile (fifth_chain.hpp).
#include "audio/fifth_chain.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace samplemind::audio {

std::optional<int> fifth_chain_bottom(const PitchProfile& profile) {
  const double top = *std::max_element(profile.begin(), profile.end());
  if (!std::isfinite(top) || top <= 0.0) return std::nullopt;
  std::vector<int> strong;
  for (int pc = 0; pc < 12; ++pc) {
    if (!std::isfinite(profile[pc])) return std::nullopt;
    if (profile[pc] >= k_fifth_chain_strong_share * top) strong.push_back(pc);
  }
  if (strong.size() < 2 || strong.size() > 3) return std::nullopt;
  const auto is_strong = [&](int pc) { return std::find(strong.begin(), strong.end(), pc % 12) != strong.end(); };
  for (int bottom : strong) {
    // Every strong class is the bottom or one or two fifths above it.
    const bool chain = std::all_of(strong.begin(), strong.end(), [&](int pc) {
      const int steps = ((pc - bottom) % 12 + 12) % 12;
      return steps == 0 || steps == 7 || (steps == 2 && is_strong(bottom + 7));
    });
    if (!chain) continue;
    const double third = std::max(profile[(bottom + 3) % 12], profile[(bottom + 4) % 12]);
    if (third >= k_fifth_chain_third_share * top) return std::nullopt;
    return bottom;
  }
  return std::nullopt;
}

}  // namespace samplemind::audio
