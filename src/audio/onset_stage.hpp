#pragma once
// Onset-strength envelopes (band-wise spectral flux) and the spectral centroid,
// from an FFT at the analysis rate (magnitudes only: no phase, no atan2).
#include <span>
#include <vector>

#include "audio/real_fft.hpp"
#include "audio/sliding_frame.hpp"

namespace samplemind::audio {

constexpr int k_onset_window_size = 512;   // samples at the analysis rate (23 ms, aubio's default shape)
constexpr int k_onset_hop_size = 256;      // samples at the analysis rate (~11.6 ms)

// Per-frame envelopes kept for the whole file (4 floats per 11.6 ms: ~1.6 MB per 20 min).
struct OnsetEnvelopes {
  double frame_rate_hz = 0.0;
  std::vector<float> flux_low;     // < 200 Hz: kicks, bass
  std::vector<float> flux_mid;     // 200 Hz .. 2 kHz: snares, chords
  std::vector<float> flux_high;    // > 2 kHz: hats
  std::vector<float> frame_rms;    // linear RMS of each hop
};

class OnsetStage {
 public:
  OnsetStage();
  // Feeds samples at the analysis rate.
  void push(std::span<const float> samples);
  // Flushes the last partial hop; call once before reading results.
  void finish();

  const OnsetEnvelopes& envelopes() const { return envelopes_; }
  // Centroid of the long-term magnitude spectrum, 0 for silence.
  double brightness_hz() const;
  // Onsets per second from peak picking the summed flux.
  double onset_rate(double duration_s) const;
  // Sum of the three band fluxes for one frame.
  std::vector<float> total_flux() const;

 private:
  void process_hop();

  RealFft fft_;
  std::vector<float> magnitude_;
  std::vector<float> window_;
  SlidingFrame frame_;  // the last window of samples, the newest hop at its end
  std::vector<float> log_magnitude_;
  std::vector<float> previous_log_magnitude_;
  double centroid_weighted_sum_ = 0.0;
  double magnitude_sum_ = 0.0;
  OnsetEnvelopes envelopes_;
};

}  // namespace samplemind::audio
