#pragma once
// The bins of a spectrum that stand above a level and their neighbours, found four bins per
// comparison instead of one unpredictable branch per bin (the chroma frame's two scans of
// ~1,500 bins spent most of their time mispredicting).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace samplemind::audio {

// Which comparisons a bin must pass; each is written as the scalar test it replaces, so a
// NaN passes or fails exactly as it did there.
enum class PeakRule {
  // magnitude > level && magnitude >= left && magnitude >= right
  above_level_plateau_left,
  // !(magnitude < level || magnitude <= left || magnitude < right)
  from_level_strict_left,
};

// Appends to out, in increasing order, every k in [first, last] with magnitude[k] passing the
// rule against level, magnitude[k - 1] and magnitude[k + 1]; first >= 1 and last + 1 is a bin.
void find_local_maxima(const float* magnitude, std::size_t first, std::size_t last, float level, PeakRule rule,
                       std::vector<std::uint32_t>& out);

}  // namespace samplemind::audio
