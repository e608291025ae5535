// The half-band decimator, the resampler, and the octave/relative-key decisions on
// rendered loops whose answers are known.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <span>
#include <vector>

#include "audio/half_band_decimator.hpp"
#include "support/loop_renderer.hpp"
#include "audio/resampler.hpp"
#include "audio/feature_extractor.hpp"

using namespace samplemind;
using namespace samplemind::audio;

namespace {

std::vector<float> sine(double hz, int rate, double seconds) {
  std::vector<float> out(static_cast<std::size_t>(seconds * rate));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<float>(0.5 * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate));
  }
  return out;
}

double rms(const std::vector<float>& x, std::size_t skip) {
  double sum = 0.0;
  for (std::size_t i = skip; i < x.size(); ++i) sum += static_cast<double>(x[i]) * x[i];
  return std::sqrt(sum / static_cast<double>(x.size() - skip));
}

// A frequency sweep, so every output depends on which input samples it read.
std::vector<float> sweep_signal(std::size_t length, double rate, double from_hz, double rise_hz) {
  std::vector<float> sweep(length);
  for (std::size_t i = 0; i < sweep.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    sweep[i] = static_cast<float>(0.5 * std::sin(2.0 * std::numbers::pi * (from_hz + rise_hz * t) * t));
  }
  return sweep;
}

// Feeds signal to stage in blocks of the given sizes, cycling through them.
template <class Stage>
void push_in_blocks(Stage& stage, const std::vector<float>& signal, std::span<const std::size_t> sizes,
                    std::vector<float>& out) {
  std::size_t at = 0;
  for (std::size_t k = 0; at < signal.size(); ++k) {
    const std::size_t n = std::min(sizes[k % sizes.size()], signal.size() - at);
    stage.push(std::span(signal).subspan(at, n), out);
    at += n;
  }
}

// Outputs that differ bit for bit.
std::size_t bits_differ(const std::vector<float>& a, const std::vector<float>& b) {
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i];
  return differ;
}

Features loop_features(const LoopSpec& spec) {
  return extract_features_from_signal(render_loop(spec), spec.sample_rate, spec.channels);
}

}  // namespace

TEST_CASE("audio stages: the half-band decimator keeps the chroma band and removes what would alias") {
  HalfBandDecimator pass_decimator, stop_decimator;
  std::vector<float> passed, stopped;
  const std::vector<float> low = sine(440.0, 22050, 1.0), high = sine(9000.0, 22050, 1.0);
  // Two uneven blocks, to check the streaming state.
  pass_decimator.push(std::span(low).first(1000), passed);
  pass_decimator.push(std::span(low).subspan(1000), passed);
  stop_decimator.push(high, stopped);
  CHECK(passed.size() == low.size() / 2);  // the history starts as zeros: one output per two inputs
  CHECK(rms(passed, 32) == doctest::Approx(rms(low, 0)).epsilon(0.02));
  CHECK(20.0 * std::log10(rms(stopped, 32) / rms(high, 0)) < -40.0);
}

TEST_CASE("audio stages: 44.1 kHz -> 22.05 kHz keeps a 1 kHz tone and the length") {
  Resampler resampler(44100, 22050);
  const std::vector<float> tone = sine(1000.0, 44100, 1.0);
  std::vector<float> out;
  resampler.push(std::span(tone).first(3000), out);
  resampler.push(std::span(tone).subspan(3000), out);
  resampler.flush(out);
  CHECK(out.size() == 22050);
  CHECK(rms(out, 64) == doctest::Approx(rms(tone, 0)).epsilon(0.02));
}

TEST_CASE("audio stages: the 44.1 kHz resampler gives the same samples whatever the blocks (no stale input read)") {
  // One long block first, then short ones: the work buffers shrink and keep the long block's
  // floats past their end.
  const std::vector<float> sweep = sweep_signal(30000, 44100.0, 200.0, 4000.0);
  Resampler whole(44100, 22050), blocks(44100, 22050);
  std::vector<float> expected, got;
  whole.push(sweep, expected);
  whole.flush(expected);
  const std::size_t sizes[] = {20000, 7, 1, 333, 2048};
  push_in_blocks(blocks, sweep, sizes, got);
  blocks.flush(got);
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-6));
}

TEST_CASE("audio stages: the decimators give the same floats whatever the blocks, by every output path") {
  // One push sends most outputs through the 32-at-a-time path; pushes of a few samples send
  // them through the 8-at-a-time and the one-at-a-time paths. Each output is the same float
  // sum in the same order on every path, so the two runs must agree bit for bit.
  const std::vector<float> sweep = sweep_signal(40000, 22050.0, 100.0, 3000.0);
  const std::size_t sizes[] = {2, 15, 17, 31, 64, 65, 200, 5000};
  HalfBandDecimator whole_band, blocked_band;
  std::vector<float> band_expected, band_got;
  whole_band.push(sweep, band_expected);
  push_in_blocks(blocked_band, sweep, sizes, band_got);
  REQUIRE(band_got.size() == band_expected.size());
  CHECK(bits_differ(band_got, band_expected) == 0);
  // 44.1 kHz takes the whole-ratio path; 48 kHz (147 exact phases) and 44,101 Hz (4,096
  // quantised phases) the polyphase one.
  for (const int rate : {44100, 48000, 44101}) {
    CAPTURE(rate);
    Resampler whole(rate, 22050), blocked(rate, 22050);
    std::vector<float> expected, got;
    whole.push(sweep, expected);
    whole.flush(expected);
    push_in_blocks(blocked, sweep, sizes, got);
    blocked.flush(got);
    REQUIRE(got.size() == expected.size());
    CHECK(bits_differ(got, expected) == 0);
  }
}

TEST_CASE("audio stages: 48 kHz -> 22.05 kHz (the polyphase path) keeps a tone and removes what would alias") {
  // The phase-interpolated path, not the whole-number one above. The tone's frequency is
  // checked by correlating with a 22.05 kHz reference: a wrong phase or step would smear it.
  Resampler pass_resampler(48000, 22050), stop_resampler(48000, 22050);
  const std::vector<float> tone = sine(1000.0, 48000, 1.0), high = sine(18000.0, 48000, 1.0);
  std::vector<float> out, stopped;
  pass_resampler.push(std::span(tone).first(4999), out);
  pass_resampler.push(std::span(tone).subspan(4999), out);
  pass_resampler.flush(out);
  stop_resampler.push(high, stopped);
  stop_resampler.flush(stopped);
  CHECK(out.size() == 22050);
  CHECK(rms(out, 64) == doctest::Approx(rms(tone, 0)).epsilon(0.02));
  const std::vector<float> reference_sin = sine(1000.0, 22050, 1.0);
  double in_phase = 0.0, quadrature = 0.0;
  for (std::size_t i = 64; i + 64 < out.size(); ++i) {
    in_phase += static_cast<double>(out[i]) * reference_sin[i];
    quadrature += static_cast<double>(out[i]) * 0.5 * std::cos(2.0 * std::numbers::pi * 1000.0 * static_cast<double>(i) / 22050.0);
  }
  CHECK(std::abs(std::atan2(quadrature, in_phase)) < 0.05);
  CHECK(20.0 * std::log10(rms(stopped, 64) / rms(high, 0)) < -40.0);
}

TEST_CASE("audio stages: drum loops read at the written tempo, not an octave off") {
  struct Case { DrumStyle style; int bpm; int bars; };
  for (const Case c : {Case{DrumStyle::rock, 90, 2}, Case{DrumStyle::four_on_floor, 100, 2},
                       Case{DrumStyle::breakbeat, 170, 4}, Case{DrumStyle::breakbeat, 70, 2}}) {
    CAPTURE(c.bpm);
    LoopSpec spec{.bpm = c.bpm, .bars = c.bars, .chords = false, .bass = false, .drums = c.style};
    const Features f = loop_features(spec);
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(c.bpm));
  }
}

TEST_CASE("audio stages: a minor loop that shares its chords with the relative major stays minor") {
  // i-VI-III-VII in A minor (Am F C G): the same chords as vi-IV-I-V in C major.
  LoopSpec spec{.bpm = 100, .bars = 4, .tonic = 9, .minor = true, .progression = 0};
  const Features f = loop_features(spec);
  REQUIRE(f.key.has_value());
  CHECK(*f.key == "A");
  CHECK(f.mode == "minor");
}
