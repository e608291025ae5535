// MFCCs and spectral shape per 46 ms frame, the envelope per 5.8 ms block; the
// summary weighs frames by their energy and ignores frames 50 dB below the loudest.
#include "audio/timbre_stage.hpp"

#include <algorithm>
#include <cmath>

#include "audio/analysis_rate.hpp"
#include "audio/float_vectors.hpp"

namespace samplemind::audio {

namespace {
constexpr int k_timbre_hop_size = 512;
constexpr int k_envelope_block = 128;     // 5.8 ms
constexpr double k_audible_frame_db = -50.0;
constexpr double k_audible_block_db = -40.0;
constexpr double k_sustain_db = -20.0;
constexpr double k_rise_near_peak_db = 1.0;  // the rise is over this close to the peak
constexpr double k_low_hz = 150.0, k_high_hz = 5000.0;
enum Slot { level = k_timbre_mfcc_count, centroid, flatness, rolloff, low, high, slots };

// Sum of log(power + 1e-12) over bins 1.. . A log per bin was a tenth of the extraction
// time, so while every power is at most 1e19 (it is at most the frame's total) the bins are
// multiplied 16 at a time and logged once: 16 factors in [1e-12, 1e19] stay within double.
double log_power_sum(const std::vector<double>& power, double total) {
  double sum = 0.0;
  if (!(total <= 1e19)) {  // an out-of-range float file: one log per bin
    for (std::size_t k = 1; k < power.size(); ++k) sum += std::log(power[k] + 1e-12);
    return sum;
  }
  std::size_t k = 1;
  while (k < power.size()) {
    const std::size_t end = std::min(power.size(), k + 16);
    double even = 1.0, odd = 1.0;  // two chains of multiplications, not one
    for (; k + 1 < end; k += 2) {
      even *= power[k] + 1e-12;
      odd *= power[k + 1] + 1e-12;
    }
    if (k < end) even *= power[k++] + 1e-12;
    sum += std::log(even * odd);
  }
  return sum;
}

// First bin at or above hz (bins at or above it are above, those before it below).
std::size_t first_bin_from(double hz, bool inclusive) {
  const double bin_hz = double(k_analysis_rate_hz) / k_timbre_fft_size;
  std::size_t k = 1;
  while (k <= k_timbre_fft_size / 2 && (inclusive ? double(k) * bin_hz < hz : double(k) * bin_hz <= hz)) ++k;
  return k;
}

// First bin (from 1) where the running sum of power reaches target: whole blocks of eight
// are summed in two independent halves first, then the block that crosses is walked.
std::size_t rolloff_bin(const std::vector<double>& power, double target) {
  double running = 0.0;
  std::size_t k = 1;
  for (; k + 8 <= power.size(); k += 8) {
    const double block = ((power[k] + power[k + 1]) + (power[k + 2] + power[k + 3])) +
                         ((power[k + 4] + power[k + 5]) + (power[k + 6] + power[k + 7]));
    if (running + block >= target) break;
    running += block;
  }
  for (; k < power.size(); ++k) {
    running += power[k];
    if (running >= target) return k;
  }
  return power.size() - 1;
}

// Why: one chain of three hundred dependent additions per frame; four chains overlap.
// The sum of power[k] for k in [first, last), pairwise over four running sums (it moves by
// rounding only, and the frame keeps it as a float).
double band_sum(const double* power, std::size_t first, std::size_t last) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t k = first;
  for (; k + 4 <= last; k += 4) {
    s0 += power[k];
    s1 += power[k + 1];
    s2 += power[k + 2];
    s3 += power[k + 3];
  }
  for (; k < last; ++k) s0 += power[k];
  return (s0 + s1) + (s2 + s3);
}

double db(double ratio) { return 10.0 * std::log10(std::max(ratio, 1e-30)); }
}  // namespace

TimbreStage::TimbreStage()
    : fft_(k_timbre_fft_size),
      window_(hann_window(k_timbre_fft_size)),
      frame_(k_timbre_fft_size, k_timbre_hop_size),
      magnitude_(k_timbre_fft_size / 2 + 1, 0.0f),
      cepstrum_(k_timbre_fft_size, k_analysis_rate_hz, k_timbre_mfcc_count + 1),
      power_(k_timbre_fft_size / 2 + 1, 0.0),
      low_end_bin_(first_bin_from(k_low_hz, true)),       // bins below 150 Hz
      high_start_bin_(first_bin_from(k_high_hz, false)) {}  // bins above 5 kHz

void TimbreStage::push(std::span<const float> samples) {
  // Envelope: whole runs of a 128-sample block at a time.
  for (std::size_t i = 0; i < samples.size();) {
    const std::size_t run = std::min(samples.size() - i, static_cast<std::size_t>(k_envelope_block - block_filled_));
    block_energy_ += dot_in_double(samples.data() + i, samples.data() + i, run);
    block_filled_ += static_cast<int>(run);
    i += run;
    if (block_filled_ == k_envelope_block) {
      envelope_.push_back(static_cast<float>(std::sqrt(block_energy_ / k_envelope_block)));
      block_energy_ = 0.0;
      block_filled_ = 0;
    }
  }
  // Frames: copy up to the next full frame, analyse it, slide by a hop.
  for (std::size_t i = 0; i < samples.size();) {
    i += frame_.append(samples.subspan(i));
    if (frame_.full()) {
      process_frame();
      frame_.advance();
    }
  }
}

void TimbreStage::process_frame() {
  float* input = fft_.input();
  const float* samples = frame_.frame();
  for (int i = 0; i < k_timbre_fft_size; ++i) input[i] = samples[i] * window_[static_cast<std::size_t>(i)];
  fft_.magnitudes(magnitude_.data());
  std::array<float, slots> frame{};
  const double bin_hz = double(k_analysis_rate_hz) / k_timbre_fft_size;
  const std::size_t bins = magnitude_.size();
  // Four running sums each (bins k, k+1, k+2, k+3): one chain of dependent additions was
  // most of this frame's time.
  double t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0, w0 = 0.0, w1 = 0.0, w2 = 0.0, w3 = 0.0;
  std::size_t k = 1;
  for (; k + 4 <= bins; k += 4) {
    const double p0 = double(magnitude_[k]) * magnitude_[k], p1 = double(magnitude_[k + 1]) * magnitude_[k + 1];
    const double p2 = double(magnitude_[k + 2]) * magnitude_[k + 2], p3 = double(magnitude_[k + 3]) * magnitude_[k + 3];
    power_[k] = p0, power_[k + 1] = p1, power_[k + 2] = p2, power_[k + 3] = p3;
    t0 += p0, t1 += p1, t2 += p2, t3 += p3;
    w0 += p0 * double(k), w1 += p1 * double(k + 1), w2 += p2 * double(k + 2), w3 += p3 * double(k + 3);
  }
  for (; k < bins; ++k) {
    power_[k] = double(magnitude_[k]) * magnitude_[k];
    t0 += power_[k];
    w0 += power_[k] * double(k);
  }
  const double total = (t0 + t1) + (t2 + t3);
  const double weighted = (w0 + w1) + (w2 + w3);
  const double low_energy = band_sum(power_.data(), 1, low_end_bin_);
  const double high_energy = band_sum(power_.data(), high_start_bin_, bins);
  if (total <= 1e-12) {
    frames_.push_back(frame);  // silent: level 0, left out of the summary
    return;
  }
  const double mean_power = total / double(bins - 1);
  const std::size_t roll = rolloff_bin(power_, 0.85 * total);
  cepstrum_.compute(magnitude_, coefficients_, 2.0f / k_timbre_fft_size);  // scaled: a full-scale sine near 1
  for (std::size_t c = 0; c < k_timbre_mfcc_count; ++c) frame[c] = coefficients_[c + 1];
  frame[level] = static_cast<float>(total);
  frame[centroid] = static_cast<float>(weighted * bin_hz / total);
  frame[flatness] = static_cast<float>(std::exp(log_power_sum(power_, total) / double(bins - 1)) / (mean_power + 1e-12));
  frame[rolloff] = static_cast<float>(double(roll) * bin_hz);
  frame[low] = static_cast<float>(low_energy);
  frame[high] = static_cast<float>(high_energy);
  frames_.push_back(frame);
}

TimbreSummary TimbreStage::finish() {
  if (frame_.filled() > 0) {  // the last partial frame, zero-padded
    frame_.pad_with_zeros();
    process_frame();
    frame_.clear();
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
  // On a held, level note the loudest block is anywhere on the plateau: the rise ends at the
  // first block within 1 dB of the peak.
  std::size_t rise_end = first;
  while (rise_end < peak_index && level_db(rise_end) < -k_rise_near_peak_db) ++rise_end;
  summary.rise_s = double(rise_end - first) * block_s;
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
