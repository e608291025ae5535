#pragma once
// Folds a file's channels to the mono signal every analysis stage reads, and notices when
// they cancel: a stereo file whose right channel is the left one inverted (a polarity
// mistake in an export) sums to silence, and its loop, tempo, key and category were lost
// while its loudness still read the real channels.
#include <cstddef>
#include <span>
#include <vector>

namespace samplemind::audio {

// The mono fold cancels when its energy lies this far under the channels' mean energy
// (-40 dB). A channel and its inverted copy leave no more than quantisation or dither there
// (-75 dB and below); two unrelated channels read -3 dB. Wide soundfont patches whose
// channels run at a correlation of -0.90 to -0.96 fold to -13 to -16 dB and still hold
// their note clearly: those are read as they are (docs/features.md, "Channels").
constexpr double k_cancelling_fold_ratio = 1e-4;
// Channels quieter than this RMS (dBFS) carry nothing worth refolding.
constexpr double k_min_fold_channel_rms_dbfs = -70.0;

class ChannelFold {
 public:
  explicit ChannelFold(std::size_t channels);

  // Why: the second pass of a cancelling file folds each channel with the sign that adds it
  // to the first channel instead of subtracting it (aligned_signs()).
  void set_signs(std::vector<float> signs);

  // Folds interleaved frames to their mean (each channel times its sign) into mono, and
  // counts the energies that cancels() and aligned_signs() read.
  void fold(std::span<const float> interleaved, std::vector<float>& mono);

  // The fold holds under k_cancelling_fold_ratio of the channels' mean energy, and the
  // channels are audible: the analysis should run again with aligned_signs().
  bool cancels() const;

  // +1 for the first channel and every channel that moves with it over the file, -1 for
  // every channel that moves against it.
  std::vector<float> aligned_signs() const;

 private:
  std::size_t channels_;
  std::vector<float> signs_;
  double channel_energy_ = 0.0;           // sum of squares over every channel
  std::vector<double> cross_with_first_;  // sum of first channel x channel c
  double fold_energy_ = 0.0;
  std::size_t frames_ = 0;
};

}  // namespace samplemind::audio
