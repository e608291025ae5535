// MFCCs (aubio) and spectral shape per 46 ms frame, the envelope per 5.8 ms block; the
// summary weighs frames by their energy and ignores frames 50 dB below the loudest.
#include "audio/timbre_stage.hpp"

#include <algorithm>
#include <cmath>

#include "audio/analysis_rate.hpp"

namespace samplemind::audio {

namespace {
constexpr int k_timbre_fft_size = 1024;   // 46 ms at 22.05 kHz
constexpr int k_timbre_hop_size = 512;
constexpr int k_mel_filters = 40;
constexpr int k_envelope_block = 128;     // 5.8 ms
constexpr double k_audible_frame_db = -50.0;
constexpr double k_audible_block_db = -40.0;
constexpr double k_sustain_db = -20.0;
constexpr double k_low_hz = 150.0, k_high_hz = 5000.0;
enum Slot { level = k_timbre_mfcc_count, centroid, flatness, rolloff, low, high, slots };

void delete_mfcc(aubio_mfcc_t* mfcc) {
  const std::lock_guard lock(fft_planner_mutex());
  del_aubio_mfcc(mfcc);
}

aubio_mfcc_t* make_mfcc() {
  const std::lock_guard lock(fft_planner_mutex());  // aubio's DCT plans with FFTW
  return new_aubio_mfcc(k_timbre_fft_size, k_mel_filters, k_timbre_mfcc_count + 1, k_analysis_rate_hz);
}

double db(double ratio) { return 10.0 * std::log10(std::max(ratio, 1e-30)); }
}  // namespace

TimbreStage::TimbreStage()
    : fft_(k_timbre_fft_size),
      window_(hann_window(k_timbre_fft_size)),
      history_(k_timbre_fft_size, 0.0f),
      magnitude_(k_timbre_fft_size / 2 + 1, 0.0f),
      mfcc_(make_mfcc(), delete_mfcc),
      spectrum_(new_cvec(k_timbre_fft_size)),
      coefficients_(new_fvec(k_timbre_mfcc_count + 1)) {}

void TimbreStage::push(std::span<const float> samples) {
  for (const float sample : samples) {
    block_energy_ += double(sample) * sample;
    if (++block_filled_ == k_envelope_block) {
      envelope_.push_back(static_cast<float>(std::sqrt(block_energy_ / k_envelope_block)));
      block_energy_ = 0.0;
      block_filled_ = 0;
    }
    history_[filled_++] = sample;
    if (filled_ == history_.size()) {
      process_frame();
      std::copy(history_.begin() + k_timbre_hop_size, history_.end(), history_.begin());
      filled_ -= k_timbre_hop_size;
    }
  }
}

void TimbreStage::process_frame() {
  float* input = fft_.input();
  for (int i = 0; i < k_timbre_fft_size; ++i) input[i] = history_[static_cast<std::size_t>(i)] * window_[static_cast<std::size_t>(i)];
  fft_.magnitudes(magnitude_.data());
  std::array<float, slots> frame{};
  const double bin_hz = double(k_analysis_rate_hz) / k_timbre_fft_size;
  double total = 0.0, weighted = 0.0, low_energy = 0.0, high_energy = 0.0, log_sum = 0.0;
  const std::size_t bins = magnitude_.size();
  for (std::size_t k = 1; k < bins; ++k) {
    const double power = double(magnitude_[k]) * magnitude_[k];
    total += power;
    weighted += power * k * bin_hz;
    if (k * bin_hz < k_low_hz) low_energy += power;
    if (k * bin_hz > k_high_hz) high_energy += power;
    log_sum += std::log(power + 1e-12);
  }
  if (total <= 1e-12) {
    frames_.push_back(frame);  // silent: level 0, left out of the summary
    return;
  }
  const double mean_power = total / double(bins - 1);
  double running = 0.0;
  std::size_t roll = bins - 1;
  for (std::size_t k = 1; k < bins; ++k) {
    running += double(magnitude_[k]) * magnitude_[k];
    if (running >= 0.85 * total) {
      roll = k;
      break;
    }
  }
  smpl_t* norm = cvec_norm_get_data(spectrum_.get());
  const float scale = 2.0f / k_timbre_fft_size;  // a full-scale sine has magnitude ~1
  for (std::size_t k = 0; k < bins; ++k) norm[k] = magnitude_[k] * scale;
  aubio_mfcc_do(mfcc_.get(), spectrum_.get(), coefficients_.get());
  for (int c = 0; c < k_timbre_mfcc_count; ++c) frame[static_cast<std::size_t>(c)] = fvec_get_sample(coefficients_.get(), static_cast<uint_t>(c + 1));
  frame[level] = static_cast<float>(total);
  frame[centroid] = static_cast<float>(weighted / total);
  frame[flatness] = static_cast<float>(std::exp(log_sum / double(bins - 1)) / (mean_power + 1e-12));
  frame[rolloff] = static_cast<float>(double(roll) * bin_hz);
  frame[low] = static_cast<float>(low_energy);
  frame[high] = static_cast<float>(high_energy);
  frames_.push_back(frame);
}

TimbreSummary TimbreStage::finish() {
  if (filled_ > 0) {  // the last partial frame, zero-padded
    std::fill(history_.begin() + static_cast<std::ptrdiff_t>(filled_), history_.end(), 0.0f);
    process_frame();
    filled_ = 0;
  }
  if (block_filled_ > 0) envelope_.push_back(static_cast<float>(std::sqrt(block_energy_ / k_envelope_block)));
  block_filled_ = 0;

  TimbreSummary summary;
  float loudest = 0.0f;
  for (const auto& frame : frames_) loudest = std::max(loudest, frame[level]);
  if (loudest <= 1e-12f) return summary;
  summary.audible = true;
  double weight_sum = 0.0, energy_sum = 0.0, low_sum = 0.0, high_sum = 0.0, level_sum = 0.0, level_square = 0.0;
  double log_centroid_sum = 0.0, log_centroid_square = 0.0;
  std::array<double, k_timbre_mfcc_count> square{};
  int counted = 0;
  for (const auto& frame : frames_) {
    if (db(frame[level] / loudest) < k_audible_frame_db) continue;
    const double w = std::sqrt(double(frame[level]));  // amplitude weighting: the tail still counts
    weight_sum += w;
    for (std::size_t c = 0; c < k_timbre_mfcc_count; ++c) {
      summary.mfcc_mean[c] += w * frame[c];
      square[c] += w * double(frame[c]) * frame[c];
    }
    summary.centroid_hz += w * frame[centroid];
    summary.flatness += w * frame[flatness];
    summary.rolloff_hz += w * frame[rolloff];
    const double octave = std::log2(std::max(20.0f, frame[centroid]));
    log_centroid_sum += w * octave;
    log_centroid_square += w * octave * octave;
    energy_sum += frame[level];
    low_sum += frame[low];
    high_sum += frame[high];
    const double frame_db = db(frame[level] / loudest);
    level_sum += frame_db;
    level_square += frame_db * frame_db;
    ++counted;
  }
  for (std::size_t c = 0; c < k_timbre_mfcc_count; ++c) {
    summary.mfcc_mean[c] /= weight_sum;
    summary.mfcc_spread[c] = std::sqrt(std::max(0.0, square[c] / weight_sum - summary.mfcc_mean[c] * summary.mfcc_mean[c]));
  }
  summary.centroid_hz /= weight_sum;
  summary.flatness /= weight_sum;
  summary.rolloff_hz /= weight_sum;
  const double mean_octave = log_centroid_sum / weight_sum;
  summary.centroid_spread = std::sqrt(std::max(0.0, log_centroid_square / weight_sum - mean_octave * mean_octave));
  summary.low_ratio = low_sum / energy_sum;
  summary.high_ratio = high_sum / energy_sum;
  const double mean_db = level_sum / counted;
  summary.level_spread_db = std::sqrt(std::max(0.0, level_square / counted - mean_db * mean_db));
  summarise_envelope(summary);
  return summary;
}

void TimbreStage::summarise_envelope(TimbreSummary& summary) const {
  if (envelope_.empty()) return;
  const double block_s = double(k_envelope_block) / k_analysis_rate_hz;
  const auto peak_it = std::max_element(envelope_.begin(), envelope_.end());
  const double peak = *peak_it;
  if (peak <= 0.0) return;
  const auto peak_index = static_cast<std::size_t>(peak_it - envelope_.begin());
  auto level_db = [&](std::size_t i) { return 20.0 * std::log10(std::max(double(envelope_[i]), 1e-15) / peak); };
  std::size_t first = 0, last = envelope_.size() - 1, last_loud = peak_index;
  while (first < peak_index && level_db(first) < k_audible_block_db) ++first;
  while (last > peak_index && level_db(last) < k_audible_block_db) --last;
  std::size_t loud_blocks = 0;
  for (std::size_t i = first; i <= last; ++i) {
    if (level_db(i) >= k_sustain_db) {
      ++loud_blocks;
      if (i > peak_index) last_loud = i;
    }
  }
  summary.duration_s = double(last - first + 1) * block_s;
  summary.attack_s = double(peak_index - first) * block_s;
  summary.decay_s = double(last_loud - peak_index) * block_s;
  summary.sustain = double(loud_blocks) / double(last - first + 1);
  // Claps: several peaks within 6 dB of the loudest in the first 60 ms, each after a dip of 3 dB.
  const std::size_t end = std::min(envelope_.size(), first + static_cast<std::size_t>(0.06 / block_s) + 1);
  double dip = 0.0;
  bool rising = true;
  for (std::size_t i = first; i < end; ++i) {
    const double now = level_db(i);
    if (rising && now >= -6.0 && (i + 1 >= end || level_db(i + 1) <= now)) {
      ++summary.early_bursts;
      rising = false;
      dip = now;
    } else if (!rising) {
      dip = std::min(dip, now);
      if (now > dip + 3.0 && dip < -3.0) rising = true;
    }
  }
}

}  // namespace samplemind::audio
