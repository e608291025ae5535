#pragma once
// A kick on every beat and nothing else (a four-on-the-floor kick loop): identical onsets
// carry no metre, so the beat-count score reads every second kick as an eighth and halves
// the tempo. Such a file's beat is its kick rate, the convention kick loops are made in.
#include <vector>

#include "audio/onset_stage.hpp"

namespace samplemind::audio {

// Why: the number of beats (over the file's own length, at 70-140 BPM) at which every beat
// holds one onset and no onset falls between the beats, with no accent telling every second kick
// apart, in a file as dark as a kick (spectral centroid brightness_hz under 1 kHz); 0 when
// the file is no such pulse. onset_times_s are the pulse's onsets (PulseEvidence::onset_times_s).
int kick_rate_beats(const OnsetEnvelopes& envelopes, const std::vector<double>& onset_times_s, double duration_s,
                    double brightness_hz);

}  // namespace samplemind::audio
