#pragma once
// Spectral whitening of a frame's peaks (the envelope method of Röbel and Rodet, 2005, as
// Essentia's key extractor applies it before its pitch-class profile): each peak is weighed
// against a smooth envelope of the spectrum around it, so a chord tone counts as much as a
// bass note twenty decibels louder, and the key follows the harmony, not the bass line.
#include <span>
#include <vector>

namespace samplemind::audio {

struct SpectralPeak {
  double hz = 0.0;
  double weight = 0.0;  // linear magnitude (any common scale) before whitening
};

// Rewrites each peak's weight as its level against the envelope: 1 (0 dB) at or above it,
// down to 30 dB below it, then 20 dB less per 4 kHz; a peak further below gets weight 0.
// `magnitude` is the frame's magnitude spectrum on the peaks' scale, `bin_hz` its spacing.
void whiten_peaks(std::span<const float> magnitude, double bin_hz, double max_hz, std::vector<SpectralPeak>& peaks);

}  // namespace samplemind::audio
