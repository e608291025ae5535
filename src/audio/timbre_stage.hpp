#pragma once
// Timbre and envelope of a whole file: MFCCs (aubio's, computed sparsely) and the spectral shape per frame
// (mean and spread over the audible frames), plus the amplitude envelope's attack, decay
// and sustain. Feeds the category classifier and the `similar` descriptor.
#include <array>
#include <span>
#include <vector>

#include "audio/mel_cepstrum.hpp"
#include "audio/real_fft.hpp"
#include "audio/sliding_frame.hpp"

namespace samplemind::audio {

constexpr int k_timbre_mfcc_count = 12;  // MFCC 1..12 (c0, the level, is left out)
constexpr int k_timbre_fft_size = 1024;   // frame of the MFCCs and spectral shape: 46 ms at 22.05 kHz

// Raw measurements, in their natural units.
struct TimbreSummary {
  std::array<double, k_timbre_mfcc_count> mfcc_mean{};
  std::array<double, k_timbre_mfcc_count> mfcc_spread{};
  double centroid_hz = 0.0;       // energy-weighted mean spectral centroid
  double centroid_spread = 0.0;   // standard deviation of log2(centroid), octaves
  double flatness = 0.0;          // weighted mean spectral flatness, 0 (tonal) .. 1 (white noise)
  double rolloff_hz = 0.0;        // weighted mean 85% roll-off
  double low_ratio = 0.0;         // energy share below 150 Hz
  double high_ratio = 0.0;        // energy share above 5 kHz
  double duration_s = 0.0;        // audible span: first to last 5.8 ms block within 40 dB of the peak
  double attack_s = 0.0;          // first audible block to the loudest one
  double rise_s = 0.0;            // first audible block to the first within 1 dB of the loudest
  double decay_s = 0.0;           // loudest block to the last block within 20 dB of it
  double sustain = 0.0;           // share of the audible span within 20 dB of the peak
  double level_spread_db = 0.0;   // standard deviation of the audible frames' level
  int early_bursts = 0;           // separate level peaks within 60 ms of the onset (claps)
  bool audible = false;           // false for silence: everything above is 0
};

class TimbreStage {
 public:
  TimbreStage();
  // Feeds samples at the analysis rate.
  void push(std::span<const float> samples);
  // Measures everything pushed; call once.
  TimbreSummary finish();

 private:
  void process_frame();
  void summarise_envelope(TimbreSummary& summary) const;

  RealFft fft_;
  std::vector<float> window_;
  SlidingFrame frame_;
  std::vector<float> magnitude_;
  MelCepstrum cepstrum_;
  std::vector<double> power_;        // per bin, this frame
  std::size_t low_end_bin_;
  std::size_t high_start_bin_;
  std::array<float, k_timbre_mfcc_count + 1> coefficients_{};
  std::vector<std::array<float, k_timbre_mfcc_count + 6>> frames_;  // per frame: mfcc, level, centroid, ...
  std::vector<float> envelope_;  // RMS per 128-sample block
  double block_energy_ = 0.0;
  int block_filled_ = 0;
};

}  // namespace samplemind::audio
