// Loops whose file is not whole beats long: cut a little short, or followed by a tail. The
// tempo must come from the music, not from the length; a lone hit with silence after it
// must stay a one-shot.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "audio/loop_timing.hpp"
#include "support/loop_renderer.hpp"
#include "support/synth.hpp"

namespace {

using namespace samplemind;
using namespace samplemind::audio;

constexpr int k_rate_hz = 44100;

std::vector<float> two_bar_loop(int bpm, DrumStyle drums) {
  LoopSpec spec;
  spec.bpm = bpm;
  spec.bars = 2;
  spec.drums = drums;
  spec.sample_rate = k_rate_hz;
  return render_loop(spec);
}

// The first `fraction` of the samples (0.98: cut 2% short).
std::vector<float> cut_to(std::vector<float> samples, double fraction) {
  samples.resize(static_cast<std::size_t>(std::lround(static_cast<double>(samples.size()) * fraction)));
  return samples;
}

std::vector<float> with_lead_in(const std::vector<float>& samples, double seconds) {
  std::vector<float> out(static_cast<std::size_t>(std::lround(seconds * k_rate_hz)), 0.0f);
  out.insert(out.end(), samples.begin(), samples.end());
  return out;
}

std::vector<float> with_silent_tail(std::vector<float> samples, double fraction) {
  samples.resize(samples.size() + static_cast<std::size_t>(std::lround(static_cast<double>(samples.size()) * fraction)), 0.0f);
  return samples;
}

}  // namespace

TEST_CASE("loop length: cut short, with a silent tail or a lead-in, a loop keeps its written tempo") {
  for (const int bpm : {96, 120, 140}) {
    for (const DrumStyle drums : {DrumStyle::rock, DrumStyle::breakbeat}) {
      const std::vector<float> loop = two_bar_loop(bpm, drums);
      const std::vector<std::pair<const char*, std::vector<float>>> cases = {
          {"exact", loop}, {"cut 2% short", cut_to(loop, 0.98)}, {"cut 5% short", cut_to(loop, 0.95)},
          {"10% silent tail", with_silent_tail(loop, 0.10)}, {"30 ms lead-in", with_lead_in(loop, 0.03)},
          {"mp3-like: 40 ms lead-in, 2% padding", with_silent_tail(with_lead_in(loop, 0.04), 0.02)}};
      for (const auto& variant : cases) {  // not a structured binding: clang cannot CAPTURE one
        CAPTURE(bpm);
        CAPTURE(static_cast<int>(drums));
        CAPTURE(variant.first);
        const Features f = extract_features_from_signal(variant.second, k_rate_hz);
        CHECK(f.kind == "loop");
        REQUIRE(f.tempo_bpm.has_value());
        CHECK(*f.tempo_bpm == doctest::Approx(bpm));  // a whole BPM, not 122.4 for a 2% cut
        REQUIRE_FALSE(f.tempo_candidates.empty());
        CHECK(f.tempo_candidates.front().bpm == *f.tempo_bpm);
      }
    }
  }
}

TEST_CASE("loop length: a noise burst followed by silence stays a one-shot") {
  // (Single hits with silence after them: test_audio_loop_decision.cpp.)
  std::mt19937 rng(11);
  std::normal_distribution<float> noise(0.0f, 0.3f);
  std::vector<float> sound = silence(2.3, k_rate_hz);
  for (std::size_t i = 0; i < static_cast<std::size_t>(0.8 * k_rate_hz); ++i) sound[i] = noise(rng);
  const Features f = extract_features_from_signal(sound, k_rate_hz);
  CHECK(f.kind == "one-shot");
  CHECK_FALSE(f.tempo_bpm.has_value());
}

TEST_CASE("loop length: the onset fit finds 120 BPM from a guess of 123, and keeps a guess it cannot check") {
  std::vector<double> eighths_at_120;
  for (const int n : {0, 1, 3, 4, 6, 8, 9, 11, 12, 14}) eighths_at_120.push_back(0.25 * n + 0.004);  // detector latency
  CHECK(tempo_from_onsets(eighths_at_120, 123.0) == doctest::Approx(120.0).epsilon(0.002));
  CHECK(tempo_from_onsets(eighths_at_120, 117.5) == doctest::Approx(120.0).epsilon(0.002));
  CHECK(tempo_from_onsets({0.0, 0.25}, 123.0) == 123.0);                 // two onsets: no line
  CHECK(tempo_from_onsets({0.0, 0.37, 0.61, 1.13}, 120.0) == 120.0);    // off any eighth grid
  const double far_guess = tempo_from_onsets(eighths_at_120, 150.0);    // 120 is 20% away: never reached
  CHECK(std::abs(far_guess / 150.0 - 1.0) <= 0.06);
}

TEST_CASE("loop length: the lead-in is the silence before the first sound, a long rest is none") {
  std::vector<float> tone = silence(1.0, k_rate_hz);
  add_note(tone, k_rate_hz, 0.025, 0.5, 440.0, 0.5, Timbre::sine);
  CHECK(leading_silence_s(tone, k_rate_hz) == doctest::Approx(0.025).epsilon(0.05));
  std::vector<float> late = silence(1.5, k_rate_hz);
  add_note(late, k_rate_hz, 0.7, 0.5, 440.0, 0.5, Timbre::sine);
  CHECK(leading_silence_s(late, k_rate_hz) == 0.0);  // 0.7 s: a rest in the music
  CHECK(leading_silence_s(silence(0.5, k_rate_hz), k_rate_hz) == 0.0);
  CHECK(leading_silence_s({}, k_rate_hz) == 0.0);
}

TEST_CASE("loop length: long loops (a construction kit's 32-bar stem, a song-long 72 bars) keep their tempo") {
  struct Case {
    int bpm;
    int bars;  // 128 and 288 beats: more than the 64 beat counts read before
  };
  for (const Case c : {Case{90, 32}, Case{128, 32}, Case{120, 72}}) {  // not a structured binding: clang cannot CAPTURE one
    CAPTURE(c.bpm);
    CAPTURE(c.bars);
    const int bpm = c.bpm;
    LoopSpec spec;
    spec.bpm = bpm;
    spec.bars = c.bars;
    spec.drums = DrumStyle::rock;
    spec.sample_rate = k_rate_hz;
    const Features f = extract_features_from_signal(render_loop(spec), k_rate_hz);
    CHECK(f.kind == "loop");
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(bpm));
  }
}
