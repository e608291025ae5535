// Band-wise log-magnitude spectral flux: the onset machinery shared by tempo,
// onset rate and the loop/one-shot decision.
#include "audio/onset_stage.hpp"

#include <algorithm>
#include <cmath>

#include "audio/analysis_rate.hpp"
#include "audio/float_vectors.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_low_band_hz = 200.0;
constexpr double k_high_band_hz = 2000.0;
constexpr float k_log_compression = 1000.0f;  // log(1 + C * |X|) compression of magnitudes
constexpr int k_onset_median_frames = 8;      // each side, adaptive threshold window
constexpr float k_onset_threshold_ratio = 1.5f;
constexpr double k_min_onset_gap_s = 0.05;

// Natural log to ~0.01 accuracy, 0 for x <= 1, four lanes at a time (libm's log1pf was
// a fifth of all extraction time; the compiler does not vectorise a scalar version).
inline Floats4 fast_log4(Floats4 x) {
  const Floats4 one = Floats4{} + 1.0f;
  x = select4(x < one, one, x);
  Ints4 bits = bits_of(x);
  const Floats4 exponent = __builtin_convertvector((bits >> 23) - 127, Floats4);
  const Floats4 mantissa = floats_of((bits & 0x7FFFFF) | 0x3F800000);
  const Floats4 log2_mantissa = (mantissa - 1.0f) * (1.67981735f - 0.34484843f * mantissa);  // exactly 0 at 1
  return (exponent + log2_mantissa) * 0.69314718f;
}

// Sum of the positive rises from before[k] to now[k], k in [first, last).
float sum_rises(const float* now, const float* before, std::size_t first, std::size_t last) {
  Floats4 lanes{};
  std::size_t k = first;
  for (; k + 4 <= last; k += 4) {
    const Floats4 rise = load4(now + k) - load4(before + k);
    lanes += select4(rise > Floats4{}, rise, Floats4{});
  }
  float sum = sum4(lanes);
  for (; k < last; ++k) sum += std::max(0.0f, now[k] - before[k]);
  return sum;
}
}  // namespace

OnsetStage::OnsetStage()
    : fft_(k_onset_window_size),
      magnitude_(k_onset_window_size / 2 + 1, 0.0f),
      window_(hann_window(k_onset_window_size)),
      frame_(k_onset_window_size, k_onset_hop_size, k_onset_window_size - k_onset_hop_size) {
  const std::size_t bins = k_onset_window_size / 2 + 1;
  log_magnitude_.assign(bins, 0.0f);
  previous_log_magnitude_.assign(bins, 0.0f);
  envelopes_.frame_rate_hz = static_cast<double>(k_analysis_rate_hz) / k_onset_hop_size;
}

void OnsetStage::push(std::span<const float> samples) {
  while (!samples.empty()) {
    samples = samples.subspan(frame_.append(samples));
    if (frame_.full()) process_hop();
  }
}

void OnsetStage::finish() {
  if (frame_.filled() == k_onset_window_size - k_onset_hop_size) return;  // no sample since the last hop
  frame_.pad_with_zeros();
  process_hop();  // advances the frame: a second finish finds no new sample and returns
}

void OnsetStage::process_hop() {
  const float* recent = frame_.frame();  // the last window of samples, the new hop at its end
  const float* hop = recent + (k_onset_window_size - k_onset_hop_size);
  Floats4 energy{};
  for (std::size_t i = 0; i < static_cast<std::size_t>(k_onset_hop_size); i += 4) energy += load4(hop + i) * load4(hop + i);
  envelopes_.frame_rms.push_back(static_cast<float>(std::sqrt(sum4(energy) / k_onset_hop_size)));

  // Window the last window of samples and transform (same framing as aubio_pvoc), then slide by a hop.
  float* frame = fft_.input();
  for (std::size_t i = 0; i < static_cast<std::size_t>(k_onset_window_size); ++i) frame[i] = recent[i] * window_[i];
  frame_.advance();
  fft_.magnitudes(magnitude_.data());
  const std::size_t bins = log_magnitude_.size();
  const double bin_hz = static_cast<double>(k_analysis_rate_hz) / k_onset_window_size;
  const auto low_end = static_cast<std::size_t>(k_low_band_hz / bin_hz);
  const auto mid_end = static_cast<std::size_t>(k_high_band_hz / bin_hz);
  const float* norm = magnitude_.data();
  float* log_now = log_magnitude_.data();
  Floats4 weighted{}, total{};
  const Floats4 step = {0.0f, 1.0f, 2.0f, 3.0f};
  std::size_t k = 0;
  for (; k + 4 <= bins; k += 4) {
    const Floats4 magnitude = load4(norm + k);
    weighted += magnitude * (static_cast<float>(k) + step);
    total += magnitude;
    store4(log_now + k, fast_log4(1.0f + k_log_compression * magnitude));
  }
  float weighted_sum = sum4(weighted), total_sum = sum4(total);
  for (; k < bins; ++k) {
    weighted_sum += norm[k] * static_cast<float>(k);
    total_sum += norm[k];
    // cppcheck-suppress constStatement ; the [0] picks lane 0 of a vector-extension value
    log_now[k] = fast_log4(Floats4{} + (1.0f + k_log_compression * norm[k]))[0];
  }
  const float* log_before = previous_log_magnitude_.data();
  const float low = sum_rises(log_now, log_before, 0, low_end);
  const float mid = sum_rises(log_now, log_before, low_end, mid_end);
  const float high = sum_rises(log_now, log_before, mid_end, bins);
  centroid_weighted_sum_ += static_cast<double>(weighted_sum) * bin_hz;
  magnitude_sum_ += total_sum;
  std::swap(log_magnitude_, previous_log_magnitude_);
  envelopes_.flux_low.push_back(low);
  envelopes_.flux_mid.push_back(mid);
  envelopes_.flux_high.push_back(high);
}

double OnsetStage::brightness_hz() const {
  if (magnitude_sum_ <= 1e-9) return 0.0;
  return centroid_weighted_sum_ / magnitude_sum_;
}

std::vector<float> OnsetStage::total_flux() const {
  std::vector<float> total(envelopes_.flux_low.size());
  for (std::size_t i = 0; i < total.size(); ++i) {
    total[i] = envelopes_.flux_low[i] + envelopes_.flux_mid[i] + envelopes_.flux_high[i];
  }
  return total;
}

double OnsetStage::onset_rate(double duration_s) const {
  if (duration_s <= 0.0) return 0.0;
  const std::vector<float> flux = total_flux();
  if (flux.empty()) return 0.0;
  const float global_peak = *std::max_element(flux.begin(), flux.end());
  if (global_peak <= 1e-6f) return 0.0;
  const auto min_gap = static_cast<std::ptrdiff_t>(k_min_onset_gap_s * envelopes_.frame_rate_hz);
  std::ptrdiff_t last_onset = -min_gap - 1;
  std::size_t onsets = 0;
  const auto n = static_cast<std::ptrdiff_t>(flux.size());
  std::vector<float> window;
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const float value = flux[static_cast<std::size_t>(i)];
    if (value < 0.1f * global_peak) continue;
    const bool is_peak = (i == 0 || value > flux[static_cast<std::size_t>(i - 1)]) &&
                         (i + 1 == n || value >= flux[static_cast<std::size_t>(i + 1)]);
    if (!is_peak || i - last_onset <= min_gap) continue;
    window.assign(flux.begin() + std::max<std::ptrdiff_t>(0, i - k_onset_median_frames),
                  flux.begin() + std::min(n, i + k_onset_median_frames + 1));
    std::nth_element(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(window.size() / 2), window.end());
    if (value > k_onset_threshold_ratio * window[window.size() / 2]) {
      ++onsets;
      last_onset = i;
    }
  }
  return static_cast<double>(onsets) / duration_s;
}

}  // namespace samplemind::audio
