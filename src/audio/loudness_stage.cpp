// BS.1770 integrated loudness (our meter, checked against libebur128 in the unit tests),
// with a defined fallback when the file is shorter than one 400 ms gating block.
#include "audio/loudness_stage.hpp"

#include <algorithm>
#include <cmath>

#include "audio/float_vectors.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_loudness_floor_lufs = -70.0;
constexpr double k_peak_floor_dbfs = -120.0;
constexpr double k_bs1770_offset_db = -0.691;

// Why: one pass over every sample for the peak and the energy, eight lanes per vector (one
// AVX2 register, or two SSE2 ones as before: each lane sums the same samples in the same
// order either way). Lane l sees samples l, l + 8, ...; returns how many samples it read.
SAMPLEMIND_CLONES("avx2", "default")
std::size_t peak_and_energy_lanes(const float* data, std::size_t samples, Floats8& peaks, Floats8& energies) {
  Floats8 peak{}, energy{};
  std::size_t i = 0;
  for (; i + 8 <= samples; i += 8) {
    Floats8 v;
    load8(data + i, v);
    Floats8 magnitude = v;
    clear_sign8(magnitude);
    peak = magnitude > peak ? magnitude : peak;
    energy += v * v;
  }
  peaks = peak;
  energies = energy;
  return i;
}
}  // namespace

LoudnessStage::LoudnessStage(int sample_rate, int channels)
    : meter_(sample_rate, channels), channels_(channels), channel_energy_(static_cast<std::size_t>(channels), 0.0) {}

void LoudnessStage::push(std::span<const float> interleaved) {
  const auto channels = static_cast<std::size_t>(channels_);
  const std::size_t frames = interleaved.size() / channels;
  // Eight lanes over the interleaved samples (a lane is always the same channel when the
  // channel count divides 8), so peak and energy vectorise; float sums per block only.
  Floats8 peaks{}, energies{};
  const std::size_t samples = frames * channels;
  const float* data = interleaved.data();
  std::size_t i = 0;
  if (8 % channels == 0) {
    i = peak_and_energy_lanes(data, samples, peaks, energies);
    for (std::size_t j = 0; j < 4; ++j) {
      channel_energy_[j % channels] += energies[j];
      channel_energy_[(j + 4) % channels] += energies[j + 4];
    }
  }
  float peak = 0.0f;
  for (std::size_t j = 0; j < 4; ++j) peak = std::max({peak, peaks[j], peaks[j + 4]});
  for (; i < samples; ++i) {
    const float v = interleaved[i];
    peak = std::max(peak, std::abs(v));
    channel_energy_[i % channels] += static_cast<double>(v) * v;
  }
  peak_ = std::max(peak_, static_cast<double>(peak));
  frames_ += static_cast<std::int64_t>(frames);
  meter_.push(interleaved.first(samples));
}

LoudnessResult LoudnessStage::finish() {
  LoudnessResult result;
  double total_mean_square = 0.0;
  if (frames_ > 0) {
    for (double energy : channel_energy_) total_mean_square += energy / static_cast<double>(frames_);
  }
  double integrated = meter_.integrated_lufs();
  if (!std::isfinite(integrated) && total_mean_square > 0.0) {
    // Fallback: ungated, unweighted BS.1770 power sum over the whole (short) file.
    integrated = k_bs1770_offset_db + 10.0 * std::log10(total_mean_square);
  }
  result.loudness_lufs = std::isfinite(integrated) ? std::max(integrated, k_loudness_floor_lufs) : k_loudness_floor_lufs;
  result.peak_dbfs = peak_ > 0.0 ? std::max(20.0 * std::log10(peak_), k_peak_floor_dbfs) : k_peak_floor_dbfs;
  const double rms = channels_ > 0 ? std::sqrt(total_mean_square / channels_) : 0.0;
  result.rms_dbfs = rms > 0.0 ? std::max(20.0 * std::log10(rms), k_peak_floor_dbfs) : k_peak_floor_dbfs;
  return result;
}

}  // namespace samplemind::audio
