// Peak-picked, harmonically weighted pitch-class profile with tuning estimation.
#include "audio/chroma_stage.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <numeric>

#include "audio/analysis_rate.hpp"
#include "audio/float_vectors.hpp"
#include "audio/local_maxima.hpp"
#include "audio/spectral_peak.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_min_peak_hz = 25.0;
constexpr double k_max_peak_hz = 3500.0;
constexpr double k_peak_floor_ratio = 0.01;   // peaks below 1% of the frame's max are ignored
constexpr int k_harmonics = 4;                // a peak also votes for f/2, f/3, f/4
constexpr double k_subharmonic_weight[k_harmonics] = {1.0, 0.6, 0.36, 0.216};  // 0.6^(h-1)
// 12 log2(h) semitones in fine bins, for h = 1..4.
constexpr double k_subharmonic_offset_bins[k_harmonics] = {0.0, 12.0 * k_fine_bins_per_semitone,
                                                           19.01955000865387 * k_fine_bins_per_semitone,
                                                           24.0 * k_fine_bins_per_semitone};
constexpr double k_silence_magnitude = 1e-4;
constexpr double k_tonal_min_hz = 80.0;        // below: kick drums sweep through
constexpr double k_prominence = 20.0;          // peak magnitude over the band's median
constexpr double k_bass_min_hz = 55.0;          // above the tail of a kick's pitch sweep
constexpr double k_bass_max_hz = 130.0;         // below the usual chord register
constexpr std::size_t k_opening_frames = 2;     // ~0.37 s: the first chord of a loop
constexpr std::size_t k_whitened_peaks = 60;    // Essentia's key extractor keeps the 60 strongest

// Nearest fine bin of a position (any sign), folded into one octave: a whole number of
// octaves is added first so a truncating conversion rounds (lround was a libm call per vote).
std::size_t fine_bin(double position) {
  constexpr double k_octaves_up = 1000.0 * k_fine_chroma_bins;
  return static_cast<std::size_t>(static_cast<long>(position + k_octaves_up + 0.5) % k_fine_chroma_bins);
}

// Position of a frequency in fine bins above C (any octave; 0 = C).
double pitch_position(double hz) {
  return (12.0 * std::log2(hz / 440.0) + 9.0) * k_fine_bins_per_semitone;
}

}  // namespace

ChromaStage::ChromaStage()
    : fft_(k_chroma_fft_size),
      magnitude_(k_chroma_fft_size / 2 + 1, 0.0f),
      window_(hann_window(k_chroma_fft_size)),
      buffer_(k_chroma_fft_size, 0.0f) {
}

void ChromaStage::push(std::span<const float> samples) {
  decimated_.clear();
  decimator_.push(samples, decimated_);
  push_decimated(decimated_);
}

void ChromaStage::push_decimated(std::span<const float> samples) {
  const auto hop = static_cast<std::size_t>(k_chroma_hop_size);
  while (!samples.empty()) {
    const std::size_t take = std::min(samples.size(), hop - new_samples_);
    // The newest hop fills the tail of the window; older samples wait in front of it.
    std::copy_n(samples.begin(), take, buffer_.end() - static_cast<std::ptrdiff_t>(hop - new_samples_));
    new_samples_ += take;
    samples = samples.subspan(take);
    if (new_samples_ == hop) {
      process_frame();
      std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(hop), buffer_.end(), buffer_.begin());
      new_samples_ = 0;
    }
  }
}

void ChromaStage::process_frame() {
  ++frames_done_;
  float* frame = fft_.input();
  for (std::size_t i = 0; i < static_cast<std::size_t>(k_chroma_fft_size); ++i) frame[i] = buffer_[i] * window_[i];
  fft_.magnitudes(magnitude_.data());
  const double bin_hz = static_cast<double>(k_chroma_rate_hz) / k_chroma_fft_size;
  const auto first = static_cast<std::size_t>(k_min_peak_hz / bin_hz) + 1;
  const auto last = std::min<std::size_t>(static_cast<std::size_t>(k_max_peak_hz / bin_hz),
                                          magnitude_.size() - 2);
  const float* mag = magnitude_.data();
  const float frame_max = peak_magnitude(mag + first, last + 1 - first);
  if (frame_max < k_silence_magnitude) return;

  // Tonalness: energy of prominent, sinusoid-like peaks against all energy in the band.
  const auto tonal_first = std::max(first, static_cast<std::size_t>(k_tonal_min_hz / bin_hz));
  const std::span<const float> band(mag + tonal_first, mag + last + 1);
  const float median = median_select_.kth_smallest(band, band.size() / 2);
  Floats4 lane_energy{};
  std::size_t k = tonal_first;
  for (; k + 4 <= last + 1; k += 4) lane_energy += load4(mag + k) * load4(mag + k);
  double frame_energy = sum4(lane_energy);
  for (; k <= last; ++k) frame_energy += static_cast<double>(mag[k]) * mag[k];
  band_energy_ += frame_energy;
  const float prominent = static_cast<float>(k_prominence) * median;
  peak_bins_.clear();
  find_local_maxima(mag, tonal_first, last, prominent, PeakRule::above_level_plateau_left, peak_bins_);
  for (const std::uint32_t at : peak_bins_) {
    k = at;
    peak_energy_ += static_cast<double>(mag[k]) * mag[k] + static_cast<double>(mag[k - 1]) * mag[k - 1] +
                    static_cast<double>(mag[k + 1]) * mag[k + 1];
  }

  const float floor = static_cast<float>(k_peak_floor_ratio) * frame_max;
  peaks_.clear();
  peak_bins_.clear();
  find_local_maxima(mag, first, last, floor, PeakRule::from_level_strict_left, peak_bins_);
  for (const std::uint32_t at : peak_bins_) {
    k = at;
    const double delta = peak_offset_bins(mag, k);  // the true peak frequency
    const double freq = (static_cast<double>(k) + delta) * bin_hz;
    const double weight = static_cast<double>(mag[k]) / frame_max;
    peaks_.push_back({freq, weight});
    if (frames_done_ <= k_opening_frames && freq >= k_bass_min_hz && freq <= k_bass_max_hz) {
      opening_bass_fine_[fine_bin(pitch_position(freq))] += weight;
    }
  }
  std::array<double, k_fine_chroma_bins> frame_chroma{};
  add_votes(peaks_, frame_chroma);
  const double peak = *std::max_element(frame_chroma.begin(), frame_chroma.end());
  if (peak <= 0.0) return;
  for (std::size_t i = 0; i < frame_chroma.size(); ++i) fine_[i] += frame_chroma[i] / peak;
  tonal_frames_ += 1.0;

  // The whitened profile: the strongest peaks, each against the spectrum's envelope.
  whitened_peaks_.clear();
  for (const SpectralPeak& p : peaks_) whitened_peaks_.push_back({p.hz, p.weight * frame_max});  // the spectrum's scale
  if (whitened_peaks_.size() > k_whitened_peaks) {
    std::nth_element(whitened_peaks_.begin(), whitened_peaks_.begin() + static_cast<std::ptrdiff_t>(k_whitened_peaks),
                     whitened_peaks_.end(), [](const SpectralPeak& x, const SpectralPeak& y) { return x.weight > y.weight; });
    whitened_peaks_.resize(k_whitened_peaks);
  }
  whiten_peaks(magnitude_, bin_hz, k_max_peak_hz, whitened_peaks_);
  std::array<double, k_fine_chroma_bins> whitened_chroma{};
  add_votes(whitened_peaks_, whitened_chroma);
  const double whitened_peak = *std::max_element(whitened_chroma.begin(), whitened_chroma.end());
  if (whitened_peak <= 0.0) return;
  for (std::size_t i = 0; i < whitened_chroma.size(); ++i) whitened_fine_[i] += whitened_chroma[i] / whitened_peak;
}

void ChromaStage::add_votes(const std::vector<SpectralPeak>& peaks,
                            std::array<double, k_fine_chroma_bins>& frame_chroma) const {
  for (const SpectralPeak& p : peaks) {
    if (p.weight <= 0.0) continue;
    // Position of f in fine bins (0 = C); the subharmonic f/h sits 12 log2(h) semitones lower.
    const double position = pitch_position(p.hz);
    for (int h = 1; h <= k_harmonics; ++h) {
      if (p.hz / h < k_min_peak_hz) break;
      frame_chroma[fine_bin(position - k_subharmonic_offset_bins[static_cast<std::size_t>(h - 1)])] +=
          p.weight * k_subharmonic_weight[static_cast<std::size_t>(h - 1)];
    }
  }
}

Chroma ChromaStage::finish() {
  if (new_samples_ > 0 || frames_done_ == 0) {
    // Zero-pad the tail so short files still get one frame.
    std::fill(buffer_.end() - static_cast<std::ptrdiff_t>(k_chroma_hop_size - new_samples_), buffer_.end(), 0.0f);
    process_frame();
    new_samples_ = 0;
  }
  Chroma chroma;
  chroma.tonal_frames = tonal_frames_;
  chroma.tonalness = band_energy_ > 0.0 ? std::min(1.0, peak_energy_ / band_energy_) : 0.0;
  // Tuning: circular mean of the within-semitone position of the energy.
  std::complex<double> phasor{};
  for (int i = 0; i < k_fine_chroma_bins; ++i) {
    const double angle = 2.0 * std::numbers::pi * (i % k_fine_bins_per_semitone) / k_fine_bins_per_semitone;
    phasor += fine_[static_cast<std::size_t>(i)] * std::polar(1.0, angle);
  }
  double shift_bins = std::abs(phasor) > 1e-12 ? std::arg(phasor) / (2.0 * std::numbers::pi) * k_fine_bins_per_semitone : 0.0;
  chroma.tuning_cents = shift_bins * (100.0 / k_fine_bins_per_semitone);
  const double peak_energy = std::accumulate(fine_.begin(), fine_.end(), 0.0);
  chroma.tuning_concentration = peak_energy > 1e-12 ? std::min(1.0, std::abs(phasor) / peak_energy) : 0.0;
  const auto shift = static_cast<int>(std::lround(shift_bins));
  for (int i = 0; i < k_fine_chroma_bins; ++i) {
    // Fine bin i belongs to semitone round((i - shift) / bins_per_semitone).
    const int corrected = i - shift;
    int semitone = static_cast<int>(std::lround(static_cast<double>(corrected) / k_fine_bins_per_semitone));
    semitone = ((semitone % 12) + 12) % 12;
    chroma.bins[static_cast<std::size_t>(semitone)] += fine_[static_cast<std::size_t>(i)];
    chroma.opening_bass[static_cast<std::size_t>(semitone)] += opening_bass_fine_[static_cast<std::size_t>(i)];
    chroma.whitened[static_cast<std::size_t>(semitone)] += whitened_fine_[static_cast<std::size_t>(i)];
  }
  return chroma;
}

std::vector<float> pitch_class_shares(const Chroma& chroma) {
  const double top = *std::max_element(chroma.bins.begin(), chroma.bins.end());
  if (chroma.tonal_frames < 1.0 || !(top > 0.0) || !std::isfinite(top)) return {};
  std::vector<float> shares;
  shares.reserve(chroma.bins.size());
  // Three decimals, as the cache keeps them: a check on a fresh reading and one on the cached
  // entry (find --contradicted) then judge the same numbers.
  for (double value : chroma.bins) {
    shares.push_back(static_cast<float>(std::round(std::clamp(value / top, 0.0, 1.0) * 1e3) / 1e3));
  }
  return shares;
}

}  // namespace samplemind::audio
