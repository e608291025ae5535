// The bottom of a chain of fifths, from a pitch-class profile (fifth_chain.hpp).
#include "audio/fifth_chain.hpp"

#include <algorithm>
#include <cmath>

namespace samplemind::audio {

namespace {
constexpr unsigned bit(int pc) { return 1u << (pc % 12); }
}  // namespace

std::optional<int> fifth_chain_bottom(const PitchProfile& profile) {
  const double top = *std::max_element(profile.begin(), profile.end());
  if (!std::isfinite(top) || top <= 0.0) return std::nullopt;
  unsigned strong = 0;  // the classes at the chord-note line, one bit each
  for (int pc = 0; pc < 12; ++pc) {
    if (!std::isfinite(profile[pc])) return std::nullopt;
    if (profile[pc] >= k_fifth_chain_strong_share * top) strong |= bit(pc);
  }
  for (int bottom = 0; bottom < 12; ++bottom) {
    // The strong classes are exactly the bottom and one or two fifths above it.
    const unsigned two = bit(bottom) | bit(bottom + 7), three = two | bit(bottom + 14);
    if (strong != two && strong != three) continue;
    const double third = std::max(profile[(bottom + 3) % 12], profile[(bottom + 4) % 12]);
    if (third >= k_fifth_chain_third_share * top) return std::nullopt;
    return bottom;
  }
  return std::nullopt;
}

}  // namespace samplemind::audio
