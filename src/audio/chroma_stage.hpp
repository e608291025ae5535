#pragma once
// Pitch-class profile: spectral peaks (25 Hz .. 3.5 kHz) folded into 120 bins per
// octave (10 cents each), so the tuning can be estimated before folding to 12.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "audio/analysis_rate.hpp"
#include "audio/half_band_decimator.hpp"
#include "audio/radix_select.hpp"
#include "audio/real_fft.hpp"
#include "audio/spectral_whitening.hpp"

namespace samplemind::audio {

constexpr int k_chroma_rate_hz = k_analysis_rate_hz / 2;  // after a half-band decimator
constexpr int k_chroma_fft_size = 4096;    // 2.7 Hz bins (372 ms) at the chroma rate
constexpr int k_chroma_hop_size = 2048;
constexpr int k_fine_bins_per_semitone = 10;
constexpr int k_fine_chroma_bins = 12 * k_fine_bins_per_semitone;

struct Chroma {
  std::array<double, 12> bins{};   // pitch classes C..B after tuning correction
  double tuning_cents = 0.0;       // deviation of the reference from A4 = 440 Hz
  // How much of the peak energy sits at one place within the semitone, 0..1: near 1 for
  // instruments tuned alike, near 0 for energy spread over every cent (a speaking voice's
  // gliding pitch, noise). The length of the circular mean tuning_cents is the angle of.
  double tuning_concentration = 0.0;
  double tonal_frames = 0.0;       // weight of frames that had spectral peaks
  double tonalness = 0.0;          // share of 80 Hz..3.5 kHz energy in prominent peaks, 0..1
  std::array<double, 12> opening_bass{};  // bass peaks (55-130 Hz) of the first frames: loops start on the tonic
  std::array<double, 12> whitened{};      // the same profile from each frame's 60 strongest peaks, whitened
};

// The profile as shares of its strongest class (C..B, 0..1 in thousandths, the top 1.0):
// what users and the statement check read; empty without a tonal frame or any energy.
std::vector<float> pitch_class_shares(const Chroma& chroma);

class ChromaStage {
 public:
  ChromaStage();
  // Feeds samples at the analysis rate.
  void push(std::span<const float> samples);
  // Processes the last partial frame and returns the profile.
  Chroma finish();

 private:
  void process_frame();
  void add_votes(const std::vector<SpectralPeak>& peaks, std::array<double, k_fine_chroma_bins>& frame_chroma) const;
  void push_decimated(std::span<const float> samples);

  RealFft fft_;
  std::vector<float> magnitude_;
  std::vector<float> window_;
  std::vector<float> buffer_;
  std::size_t new_samples_ = 0;
  std::size_t frames_done_ = 0;
  std::array<double, k_fine_chroma_bins> fine_{};
  std::array<double, k_fine_chroma_bins> opening_bass_fine_{};
  std::array<double, k_fine_chroma_bins> whitened_fine_{};
  std::vector<SpectralPeak> peaks_;           // this frame's peaks, reused
  std::vector<std::uint32_t> peak_bins_;      // bins of this frame's local maxima, reused
  std::vector<SpectralPeak> whitened_peaks_;
  double tonal_frames_ = 0.0;
  double peak_energy_ = 0.0;
  double band_energy_ = 0.0;
  RadixSelect median_select_;
  HalfBandDecimator decimator_;
  std::vector<float> decimated_;
};

}  // namespace samplemind::audio
