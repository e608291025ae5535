// libebur128 for BS.1770 integrated loudness, with a defined fallback when the file
// is shorter than one 400 ms gating block (libebur128 then returns -inf).
#include "audio/loudness_stage.hpp"

#include <algorithm>
#include <cmath>

#include <ebur128.h>

namespace samplemind::audio {

namespace {
constexpr double k_loudness_floor_lufs = -70.0;
constexpr double k_peak_floor_dbfs = -120.0;
constexpr double k_bs1770_offset_db = -0.691;
}  // namespace

void LoudnessStage::StateDeleter::operator()(ebur128_state* state) const { ebur128_destroy(&state); }

LoudnessStage::LoudnessStage(int sample_rate, int channels)
    : state_(ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(sample_rate), EBUR128_MODE_I)),
      channels_(channels),
      channel_energy_(static_cast<std::size_t>(channels), 0.0) {}

LoudnessStage::~LoudnessStage() = default;

void LoudnessStage::push(std::span<const float> interleaved) {
  const auto channels = static_cast<std::size_t>(channels_);
  const std::size_t frames = interleaved.size() / channels;
  // Eight lanes over the interleaved samples (a lane is always the same channel when the
  // channel count divides 8), so peak and energy vectorise; float sums per block only.
  float lane_peak[8] = {}, lane_energy[8] = {};
  const std::size_t samples = frames * channels;
  std::size_t i = 0;
  if (8 % channels == 0) {
    for (; i + 8 <= samples; i += 8) {
      for (std::size_t j = 0; j < 8; ++j) {
        const float v = interleaved[i + j];
        lane_peak[j] = std::max(lane_peak[j], std::abs(v));
        lane_energy[j] += v * v;
      }
    }
    for (std::size_t j = 0; j < 8; ++j) channel_energy_[j % channels] += lane_energy[j];
  }
  float peak = 0.0f;
  for (float p : lane_peak) peak = std::max(peak, p);
  for (; i < samples; ++i) {
    const float v = interleaved[i];
    peak = std::max(peak, std::abs(v));
    channel_energy_[i % channels] += static_cast<double>(v) * v;
  }
  peak_ = std::max(peak_, static_cast<double>(peak));
  frames_ += static_cast<std::int64_t>(frames);
  if (state_) ebur128_add_frames_float(state_.get(), interleaved.data(), frames);
}

LoudnessResult LoudnessStage::finish() const {
  LoudnessResult result;
  double total_mean_square = 0.0;
  if (frames_ > 0) {
    for (double energy : channel_energy_) total_mean_square += energy / static_cast<double>(frames_);
  }
  double integrated = -HUGE_VAL;
  if (state_) ebur128_loudness_global(state_.get(), &integrated);
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
