// A stereo file whose channels cancel in the mono fold (one inverted) is analysed as the
// sound it holds, not as silence; ordinary stereo folds exactly as before.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "audio/channel_fold.hpp"
#include "audio/feature_extractor.hpp"
#include "support/audio_writer.hpp"
#include "support/loop_renderer.hpp"
#include "support/temp_dir.hpp"

using namespace samplemind;
using namespace samplemind::audio;

namespace {

// Interleaves two mono signals of equal length.
std::vector<float> stereo(const std::vector<float>& left, const std::vector<float>& right) {
  std::vector<float> out(2 * left.size());
  for (std::size_t i = 0; i < left.size(); ++i) {
    out[2 * i] = left[i];
    out[2 * i + 1] = right[i];
  }
  return out;
}

std::vector<float> noise(std::size_t frames, float amplitude, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(-amplitude, amplitude);
  std::vector<float> out(frames);
  for (float& v : out) v = uniform(rng);
  return out;
}

std::vector<float> scaled(std::vector<float> signal, float gain) {
  for (float& v : signal) v *= gain;
  return signal;
}

// gain_a * a + gain_b * b, sample by sample.
std::vector<float> mixed(const std::vector<float>& a, float gain_a, const std::vector<float>& b, float gain_b) {
  std::vector<float> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = gain_a * a[i] + gain_b * b[i];
  return out;
}

// Folds the whole signal in blocks of 4096 frames, as the extractor does.
std::vector<float> fold_all(ChannelFold& fold, const std::vector<float>& interleaved, std::size_t channels) {
  std::vector<float> mono;
  std::vector<float> block;
  const std::size_t step = 4096 * channels;
  for (std::size_t offset = 0; offset < interleaved.size(); offset += step) {
    const std::size_t n = std::min(step, interleaved.size() - offset);
    fold.fold(std::span<const float>(interleaved).subspan(offset, n), block);
    mono.insert(mono.end(), block.begin(), block.end());
  }
  return mono;
}

}  // namespace

TEST_CASE("channel fold: a channel and its inverted copy cancel, and the aligned signs restore the sound") {
  const std::vector<float> left = noise(44100, 0.5f, 1);
  const std::vector<float> interleaved = stereo(left, scaled(left, -1.0f));
  ChannelFold fold(2);
  const std::vector<float> mono = fold_all(fold, interleaved, 2);
  CHECK(fold.cancels());
  CHECK(fold.aligned_signs() == std::vector<float>{1.0f, -1.0f});
  for (std::size_t i = 0; i < 4; ++i) CHECK(mono[i] == 0.0f);

  ChannelFold aligned(2);
  aligned.set_signs(fold.aligned_signs());
  const std::vector<float> restored = fold_all(aligned, interleaved, 2);
  CHECK_FALSE(aligned.cancels());
  for (std::size_t i = 0; i < left.size(); i += 997) CHECK(restored[i] == doctest::Approx(left[i]));
}

TEST_CASE("channel fold: ordinary stereo folds to the plain mean and does not cancel") {
  const std::vector<float> left = noise(30000, 0.4f, 2);
  SUBCASE("the same signal in both channels") {
    ChannelFold fold(2);
    const std::vector<float> mono = fold_all(fold, stereo(left, left), 2);
    CHECK_FALSE(fold.cancels());
    for (std::size_t i = 0; i < left.size(); i += 101) CHECK(mono[i] == left[i]);
  }
  SUBCASE("two unrelated channels (a wide mix): -3 dB, far from cancelling") {
    const std::vector<float> right = noise(30000, 0.4f, 3);
    ChannelFold fold(2);
    const std::vector<float> mono = fold_all(fold, stereo(left, right), 2);
    CHECK_FALSE(fold.cancels());
    for (std::size_t i = 0; i < left.size(); i += 101) CHECK(mono[i] == (left[i] + right[i]) * 0.5f);
  }
  SUBCASE("a wide patch (correlation -0.95, the fold 16 dB down) still holds its sound in the fold") {
    // As TimGM6mb's string ensemble renders: the fold keeps the note, the difference a
    // chorus wobble that read as a 162 BPM loop when it was taken instead.
    const std::vector<float> shared = noise(30000, 0.4f, 8);
    const std::vector<float> l = mixed(left, 1.0f, shared, 0.16f);
    const std::vector<float> r = mixed(left, -1.0f, shared, 0.16f);
    ChannelFold fold(2);
    const std::vector<float> mono = fold_all(fold, stereo(l, r), 2);
    CHECK_FALSE(fold.cancels());
    for (std::size_t i = 0; i < left.size(); i += 101) CHECK(mono[i] == (l[i] + r[i]) * 0.5f);
  }
  SUBCASE("a partly inverted mix (correlation -0.6) is not a polarity mistake") {
    const std::vector<float> right = mixed(left, -0.6f, noise(30000, 0.4f, 4), 0.8f);
    ChannelFold fold(2);
    fold_all(fold, stereo(left, right), 2);
    CHECK_FALSE(fold.cancels());
  }
}

TEST_CASE("channel fold: quiet channels are not refolded, and a mono file never cancels") {
  const std::vector<float> faint = noise(44100, 1e-4f, 5);  // about -84 dBFS RMS
  ChannelFold fold(2);
  fold_all(fold, stereo(faint, scaled(faint, -1.0f)), 2);
  CHECK_FALSE(fold.cancels());

  ChannelFold mono_fold(1);
  fold_all(mono_fold, noise(1000, 0.5f, 6), 1);
  CHECK_FALSE(mono_fold.cancels());
}

TEST_CASE("channel fold: with four channels, each inverted one gets the sign that adds it") {
  const std::vector<float> x = noise(20000, 0.5f, 7);
  std::vector<float> interleaved(4 * x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    interleaved[4 * i] = x[i];
    interleaved[4 * i + 1] = x[i];
    interleaved[4 * i + 2] = -x[i];
    interleaved[4 * i + 3] = -x[i];
  }
  ChannelFold fold(4);
  fold_all(fold, interleaved, 4);
  CHECK(fold.cancels());
  CHECK(fold.aligned_signs() == std::vector<float>{1.0f, 1.0f, -1.0f, -1.0f});
}

TEST_CASE("feature extraction: a drum loop with one channel inverted reads as the loop, not as silence") {
  LoopSpec spec;
  spec.bpm = 120;
  spec.bars = 2;
  spec.drums = DrumStyle::rock;
  spec.chords = false;
  spec.bass = false;
  const std::vector<float> loop = render_loop(spec);
  testing::TempDir dir;
  WriteOptions options;
  options.channels = 2;
  options.format = FileFormat::wav24;
  const auto plain_path = dir.path() / "plain.wav";
  const auto inverted_path = dir.path() / "inverted.wav";
  REQUIRE(write_audio_file(plain_path, stereo(loop, loop), options));
  REQUIRE(write_audio_file(inverted_path, stereo(loop, scaled(loop, -1.0f)), options));

  const auto plain = extract_features_from_file(plain_path);
  const auto inverted = extract_features_from_file(inverted_path);
  REQUIRE(plain);
  REQUIRE(inverted);
  REQUIRE(plain->tempo_bpm);
  CHECK(*plain->tempo_bpm == doctest::Approx(120.0).epsilon(0.001));
  CHECK(inverted->kind == "loop");
  REQUIRE(inverted->tempo_bpm);
  CHECK(*inverted->tempo_bpm == doctest::Approx(*plain->tempo_bpm));
  CHECK(inverted->category == plain->category);
  CHECK(inverted->loudness_lufs == doctest::Approx(plain->loudness_lufs).epsilon(1e-6));
  CHECK(inverted->timbre == plain->timbre);
}
