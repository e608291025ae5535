// The shape of a file's level over its onset hops: whether it dies away, swells, or is
// mostly silence, and which onsets are sounds rather than clicks in the silence.
#pragma once

#include <cstddef>
#include <vector>

namespace samplemind::audio {

struct LevelShape {
  double sustain = 0.0;      // loudest hop in the second half over the loudest hop (a hit decays: small)
  bool swells = false;       // the loudest hop of each quarter grows through the file (a riser)
  double quiet_share = 0.0;  // share of hops more than 30 dB under the loudest (a word and the silence around it)
  int audible_onsets = 0;    // onsets at a hop within 30 dB of the loudest (not a click in the room noise)
};

// Why: the loop gate asks whether a file holds, swells or is a few sounds in silence; all
// three are read off the same hop levels (rms) and the onset peaks' hop indices.
LevelShape measure_level_shape(const std::vector<float>& rms, const std::vector<std::size_t>& onset_hops);

}  // namespace samplemind::audio
