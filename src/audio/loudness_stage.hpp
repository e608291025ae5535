#pragma once
// EBU R128 integrated loudness, sample peak and RMS at the file's own rate and channels.
#include <cstdint>
#include <span>
#include <vector>

#include "audio/bs1770_meter.hpp"

namespace samplemind::audio {

struct LoudnessResult {
  double loudness_lufs = -70.0;  // floored at -70, never -inf
  double peak_dbfs = -120.0;     // floored at -120
  double rms_dbfs = -120.0;      // of all channels together
};

class LoudnessStage {
 public:
  LoudnessStage(int sample_rate, int channels);

  // Feeds interleaved frames with the channel count given to the constructor.
  void push(std::span<const float> interleaved);
  LoudnessResult finish();

 private:
  Bs1770Meter meter_;
  int channels_;
  double peak_ = 0.0;
  std::vector<double> channel_energy_;
  std::int64_t frames_ = 0;
};

}  // namespace samplemind::audio
