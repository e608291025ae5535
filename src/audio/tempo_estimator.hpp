#pragma once
// Tempo from onset envelopes: periodicity, octave choice, and the loop-length fit.
#include <optional>
#include <vector>

#include "model/features.hpp"

#include "audio/onset_stage.hpp"

namespace samplemind::audio {

struct TempoEstimate {
  std::optional<double> bpm;  // null when there is no steady pulse
  double confidence = 0.0;    // 0..1
  bool fits_loop = false;     // the duration is a whole number of beats at bpm
  std::vector<TempoCandidate> candidates;  // the best two readings, best first
};

struct PulseEvidence;

// True when the file has a pulse a loop would have: long enough, several onsets, not a
// lone decaying hit.
bool has_pulse(const PulseEvidence& evidence);

// Estimates tempo of a file of duration_s seconds from its onset envelopes.
TempoEstimate estimate_tempo(const OnsetEnvelopes& envelopes, double duration_s);

}  // namespace samplemind::audio
