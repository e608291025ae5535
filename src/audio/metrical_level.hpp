#pragma once
// Octave (metrical level) choice for a tempo estimate: is the beat this pulse or the
// one twice as fast? Decided from band-wise onset autocorrelation at beat fractions.
#include <span>

namespace samplemind::audio {

// Detrended onset strength of each band alone, at frame_rate_hz.
struct BandOnsets {
  std::span<const float> low;   // < 200 Hz: kicks, bass
  std::span<const float> mid;   // 200 Hz - 2 kHz: snares, chords
  std::span<const float> high;  // > 2 kHz: hats
  double frame_rate_hz = 0.0;
};

// Picks, among bpm times powers of two inside [min_bpm, max_bpm], the metrical level
// the beat is felt at, walking up from the slowest while the model says "faster".
double choose_metrical_level(const BandOnsets& onsets, double bpm, double duration_s, double min_bpm, double max_bpm);

}  // namespace samplemind::audio
