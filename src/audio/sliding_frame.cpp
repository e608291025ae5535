// A frame sliding by a hop over a buffer eight frames long (see sliding_frame.hpp).
#include "audio/sliding_frame.hpp"

#include <algorithm>
#include <stdexcept>

namespace samplemind::audio {

namespace {
constexpr std::size_t k_frames_per_buffer = 8;  // how far the frame slides before its samples move
}  // namespace

SlidingFrame::SlidingFrame(std::size_t frame_size, std::size_t hop_size, std::size_t leading_zeros)
    : frame_size_(frame_size), hop_size_(hop_size), buffer_(frame_size * k_frames_per_buffer, 0.0f),
      filled_(leading_zeros) {
  if (frame_size == 0 || hop_size == 0 || hop_size > frame_size || leading_zeros >= frame_size) {
    throw std::invalid_argument("SlidingFrame needs 0 < hop <= frame and fewer leading zeros than a frame");
  }
}

std::size_t SlidingFrame::append(std::span<const float> samples) {
  const std::size_t take = std::min(samples.size(), frame_size_ - filled_);
  std::copy_n(samples.begin(), take, buffer_.begin() + static_cast<std::ptrdiff_t>(start_ + filled_));
  filled_ += take;
  return take;
}

void SlidingFrame::advance() {
  start_ += hop_size_;
  filled_ -= hop_size_;
  // The next frame must fit behind start_: move what is kept to the front first.
  if (start_ + frame_size_ > buffer_.size()) {
    std::copy_n(buffer_.begin() + static_cast<std::ptrdiff_t>(start_), filled_, buffer_.begin());
    start_ = 0;
  }
}

void SlidingFrame::pad_with_zeros() {
  std::fill_n(buffer_.begin() + static_cast<std::ptrdiff_t>(start_ + filled_), frame_size_ - filled_, 0.0f);
  filled_ = frame_size_;
}

}  // namespace samplemind::audio
