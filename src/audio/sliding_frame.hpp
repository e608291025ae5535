#pragma once
// A frame that slides over a stream by a fixed hop, without moving its samples on every hop:
// they sit in a buffer eight frames long and are moved to its front only when the frame
// reaches its end (once per 8 * frame / hop - 1 hops instead of every hop).
#include <cstddef>
#include <span>
#include <vector>

namespace samplemind::audio {

class SlidingFrame {
 public:
  // The frame starts holding `leading_zeros` zeros (fewer than frame_size): the onset stage's
  // first window is half silence, as aubio's phase vocoder frames a stream.
  SlidingFrame(std::size_t frame_size, std::size_t hop_size, std::size_t leading_zeros = 0);

  // Why: stages take their input in blocks of any length. Appends as many samples as
  // complete the frame; returns how many it took (all of them while the frame has room).
  std::size_t append(std::span<const float> samples);
  // Why: the caller analyses the frame once it is full, then advances.
  bool full() const { return filled_ == frame_size_; }
  // Samples in the frame so far (frame_size when full).
  std::size_t filled() const { return filled_; }
  // The frame's first sample: frame_size of them are readable when full.
  const float* frame() const { return buffer_.data() + start_; }
  // Why: after analysing a full frame, drops its first hop so the next frame overlaps it
  // (call it on a full frame).
  void advance();
  // Why: the stream's last partial frame is analysed zero-padded: fills the frame with zeros.
  void pad_with_zeros();
  // Why: a stage's finish analyses the last frame once; this drops every sample after it.
  void clear() { filled_ = 0; }

 private:
  std::size_t frame_size_;
  std::size_t hop_size_;
  std::vector<float> buffer_;
  std::size_t start_ = 0;   // the frame's first sample in buffer_
  std::size_t filled_ = 0;  // samples of the frame present, from start_
};

}  // namespace samplemind::audio
