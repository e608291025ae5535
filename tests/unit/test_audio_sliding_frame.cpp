// The sliding frame: every full frame holds exactly the samples a plain copy-and-slide window
// would hold, whatever the block sizes, across the moves to the buffer's front; the leading
// zeros, the zero-padded last frame, and bad shapes. And the two stages built on it analyse
// their last partial frame once, however often finish is called.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>
#include <stdexcept>
#include <vector>

#include "audio/onset_stage.hpp"
#include "audio/sliding_frame.hpp"
#include "audio/timbre_stage.hpp"

using samplemind::audio::SlidingFrame;

namespace {
// Every full frame the sliding frame shows for `stream` fed in random blocks, flattened.
std::vector<float> frames_seen(SlidingFrame& frame, const std::vector<float>& stream, std::mt19937& rng) {
  std::vector<float> seen;
  std::uniform_int_distribution<std::size_t> block(1, 700);
  for (std::size_t i = 0; i < stream.size();) {
    const std::size_t n = std::min(block(rng), stream.size() - i);
    std::span<const float> part(stream.data() + i, n);
    while (!part.empty()) {
      part = part.subspan(frame.append(part));
      if (frame.full()) {
        seen.insert(seen.end(), frame.frame(), frame.frame() + 512);
        frame.advance();
      }
    }
    i += n;
  }
  return seen;
}

// The same frames by the plain method: a window that copies every sample on every hop.
std::vector<float> frames_expected(const std::vector<float>& stream, std::size_t hop, std::size_t zeros) {
  std::deque<float> window(zeros, 0.0f);
  std::vector<float> expected;
  for (const float x : stream) {
    window.push_back(x);
    if (window.size() == 512) {
      expected.insert(expected.end(), window.begin(), window.end());
      for (std::size_t k = 0; k < hop; ++k) window.pop_front();
    }
  }
  return expected;
}
}  // namespace

TEST_CASE("sliding frame: each full frame equals a copy-and-slide window, over many moves to the front") {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  std::vector<float> stream(40000);
  for (float& x : stream) x = value(rng);
  for (const std::size_t hop : {512u, 256u, 128u, 100u}) {
    for (const std::size_t zeros : {0u, 256u, 511u}) {
      CAPTURE(hop);
      CAPTURE(zeros);
      SlidingFrame frame(512, hop, zeros);
      const std::vector<float> seen = frames_seen(frame, stream, rng);
      const std::vector<float> expected = frames_expected(stream, hop, zeros);
      REQUIRE(seen.size() == expected.size());
      CHECK(seen.size() > 512 * 70);  // enough frames to pass the buffer's end several times
      CHECK(std::equal(seen.begin(), seen.end(), expected.begin()));
    }
  }
}

TEST_CASE("sliding frame: the last partial frame is padded with zeros, and clear drops it") {
  SlidingFrame frame(8, 4, 4);  // four leading zeros, as the onset stage starts
  CHECK(frame.filled() == 4);
  const std::vector<float> three = {1.0f, 2.0f, 3.0f};
  CHECK(frame.append(three) == 3);
  CHECK_FALSE(frame.full());
  frame.pad_with_zeros();
  REQUIRE(frame.full());
  const std::vector<float> expected = {0, 0, 0, 0, 1, 2, 3, 0};
  CHECK(std::equal(expected.begin(), expected.end(), frame.frame()));
  frame.clear();
  CHECK(frame.filled() == 0);
  const std::vector<float> ten(10, 7.0f);
  CHECK(frame.append(ten) == 8);  // only what completes the frame
}

TEST_CASE("sliding frame: a hop longer than the frame, an empty frame or a frame of zeros is refused") {
  CHECK_THROWS_AS(SlidingFrame(8, 9), std::invalid_argument);
  CHECK_THROWS_AS(SlidingFrame(0, 1), std::invalid_argument);
  CHECK_THROWS_AS(SlidingFrame(8, 0), std::invalid_argument);
  CHECK_THROWS_AS(SlidingFrame(8, 4, 8), std::invalid_argument);
}

TEST_CASE("onset and timbre stages: a second finish analyses no extra frame") {
  std::vector<float> tone(1000);  // not a whole number of hops: the last hop is partial
  for (std::size_t i = 0; i < tone.size(); ++i) tone[i] = static_cast<float>(std::sin(0.05 * static_cast<double>(i)));
  samplemind::audio::OnsetStage onsets;
  onsets.push(tone);
  onsets.finish();
  const std::size_t hops = onsets.envelopes().frame_rms.size();
  CHECK(hops == 4);  // three whole hops of 256 and the padded fourth
  onsets.finish();
  CHECK(onsets.envelopes().frame_rms.size() == hops);
  CHECK(onsets.envelopes().flux_low.size() == hops);

  samplemind::audio::TimbreStage timbre;
  timbre.push(tone);
  const samplemind::audio::TimbreSummary first = timbre.finish();
  const samplemind::audio::TimbreSummary second = timbre.finish();
  CHECK(first.audible);
  CHECK(second.centroid_hz == first.centroid_hz);
  CHECK(second.mfcc_mean == first.mfcc_mean);
}
