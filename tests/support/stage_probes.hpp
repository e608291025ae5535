#pragma once
// What single analysis stages measure on a whole generated signal at its own rate: the
// tests check a rule's inputs on the same signal whose extracted features they check.
#include <vector>

#include "audio/chroma_stage.hpp"
#include "audio/pitch_contour.hpp"
#include "audio/tempo_estimator.hpp"
#include "audio/timbre_stage.hpp"

namespace samplemind::audio {

// signal resampled to the analysis rate: what the stages, and the extractor's head, see.
std::vector<float> at_analysis_rate(const std::vector<float>& signal, int rate_hz);

// The voiced glide of signal's pitch contour (the voice rules' measure).
VoicedGlide voiced_glide_of(const std::vector<float>& signal, int rate_hz);

// The chroma stage's summary of signal (resampled to the analysis rate first).
Chroma chroma_of(const std::vector<float>& signal, int rate_hz);

// The onset envelopes the tempo stage reads from signal (resampled to the analysis rate first).
OnsetEnvelopes onset_envelopes_of(const std::vector<float>& signal, int rate_hz);

// The tempo stage's reading of signal's onsets, before the extractor's filters.
TempoEstimate tempo_of(const std::vector<float>& signal, int rate_hz);

// The timbre stage's summary of signal.
TimbreSummary timbre_of(const std::vector<float>& signal, int rate_hz);

}  // namespace samplemind::audio
