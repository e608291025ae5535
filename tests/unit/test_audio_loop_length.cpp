// Loops whose file is not whole beats long: cut a little short, or followed by a tail. The
// tempo must come from the music, not from the length; a lone hit with silence after it
// must stay a one-shot.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "audio/feature_extractor.hpp"
#include "audio/analysis_rate.hpp"
#include "audio/loop_timing.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/resampler.hpp"
#include "audio/tempo_estimator.hpp"
#include "support/loop_renderer.hpp"
#include "support/stage_probes.hpp"
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

// The samples played `factor` times faster (pitch and tempo both move, as sox's speed does):
// still cut at its bar lines, now at a tempo of no whole BPM.
std::vector<float> played_faster(const std::vector<float>& samples, double factor) {
  const auto frames = static_cast<std::size_t>(std::lround(static_cast<double>(samples.size()) / factor));
  std::vector<float> out(frames);
  for (std::size_t i = 0; i < frames; ++i) {
    const double pos = static_cast<double>(i) * factor;
    const auto left = std::min(static_cast<std::size_t>(pos), samples.size() - 1);
    const std::size_t right = std::min(left + 1, samples.size() - 1);
    const auto frac = static_cast<float>(pos - static_cast<double>(left));
    out[i] = samples[left] * (1.0f - frac) + samples[right] * frac;
  }
  return out;
}


// A played drum beat, one or two bars at `bpm` (no whole BPM), cut at its bar lines: hats
// on most sixteenths, kick on the one and some others, snare on two and four, ghost notes,
// every hit but the first up to 8 ms off the grid and at its own strength. Case n is drawn
// from its own random stream, so any case can be made alone.
std::vector<float> played_beat(int n, double bpm, int bars) {
  std::mt19937 pick(static_cast<std::uint32_t>(1000 + n));
  std::uniform_real_distribution<double> jitter(-0.008, 0.008), strength(0.4, 1.0), chance(0.0, 1.0);
  const double sixteenth_s = 15.0 / bpm;
  std::vector<float> out = silence(bars * 16 * sixteenth_s, k_rate_hz);
  std::mt19937 noise(static_cast<std::uint32_t>(n + 100));
  for (int s = 0; s < bars * 16; ++s) {
    const double at = std::max(0.0, s * sixteenth_s + (s > 0 ? jitter(pick) : 0.0));
    const int step = s % 16;
    if (chance(pick) < 0.8) add_hat(out, k_rate_hz, at, 0.25 * strength(pick), noise, chance(pick) < 0.1);
    if (step == 0 || (step == 10 && chance(pick) < 0.6) || (step == 7 && chance(pick) < 0.3) || (step == 8 && chance(pick) < 0.4)) {
      add_kick(out, k_rate_hz, at, 0.8 * strength(pick));
    }
    if (step == 4 || step == 12) add_snare(out, k_rate_hz, at, 0.8 * strength(pick), noise);
    else if (chance(pick) < 0.12) add_snare(out, k_rate_hz, at, 0.2 * strength(pick), noise);
  }
  return out;
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

TEST_CASE("loop length: a loop cut at its bar lines at a tempo of no whole BPM keeps that tempo") {
  // An old loop or a hand-cut break: whole beats over its length, at 93.4-145.2 BPM. A
  // stretched reading (a "tail" or a "cut") at a nearby whole BPM must not win over it.
  for (const int bpm : {96, 120, 140}) {
    for (const DrumStyle drums : {DrumStyle::rock, DrumStyle::breakbeat}) {
      for (const double factor : {0.973, 1.018, 1.037}) {
        CAPTURE(bpm);
        CAPTURE(static_cast<int>(drums));
        CAPTURE(factor);
        const std::vector<float> loop = played_faster(two_bar_loop(bpm, drums), factor);
        const double expected = 8.0 * 60.0 * k_rate_hz / static_cast<double>(loop.size());
        const Features f = extract_features_from_signal(loop, k_rate_hz);
        CHECK(f.kind == "loop");
        REQUIRE(f.tempo_bpm.has_value());
        CHECK(*f.tempo_bpm == doctest::Approx(expected).epsilon(0.01));
      }
    }
  }
}

TEST_CASE("loop length: played one-bar beats at a tempo of no whole BPM keep their own length") {
  // Cases of played_beat that version 12 read off their tempo (144 read 166, 112 read 123):
  // a "tail" or "cut" at a nearby whole BPM whose grid missed the onsets won over the
  // file's own length. Of 400 such beats (one and two bars, 88-150 BPM), the rule that a
  // stretched length must sit on the onsets better righted 19 and lost 4 (two-bar beats
  // then read at half tempo: docs/evaluation.md, "Version 13"). Two of the righted 17
  // (beats 104 and 107) are left out: their readings are so close that the sanitiser
  // build, whose vector code rounds differently, reads them otherwise. Since version 32 so
  // are beats 43 and 284: with the low-band term their reading and its half lie within 0.5
  // of each other in the sanitiser build, which reads the half (73, 66); this build reads them right.
  const std::pair<int, double> cases[] = {{10, 142.24},  {19, 134.55},  {26, 112.22},  {52, 128.73},  {55, 129.37},
                                          {77, 119.49},  {119, 137.48}, {185, 112.37}, {187, 148.64}, {260, 133.38},
                                          {320, 113.25}, {338, 117.60}, {371, 133.32}};
  for (const auto& c : cases) {
    CAPTURE(c.first);
    const Features f = extract_features_from_signal(played_beat(c.first, c.second, 1), k_rate_hz);
    CHECK(f.kind == "loop");
    REQUIRE(f.tempo_bpm.has_value());
    CHECK(*f.tempo_bpm == doctest::Approx(c.second).epsilon(0.04));
  }
}

TEST_CASE("loop length: an export padded with silence after its last bar is read without the silence") {
  // Tails longer than the stretched readings reach (a fifth of the loop), of zeros or of a
  // 16-bit export's dither: read without the tail, the length is whole bars at a whole
  // BPM again, and that reading wins. (The lengths keep the whole file from being whole
  // bars at another tempo: such a file is read at its own length first.)
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> dither(-6e-5f, 6e-5f);
  for (const int bpm : {96, 120, 140}) {
    std::vector<float> loop = two_bar_loop(bpm, DrumStyle::rock);
    // A pad held to the loop's last sample: the sound ends where the loop does.
    add_note(loop, k_rate_hz, 0.0, static_cast<double>(loop.size()) / k_rate_hz, 220.0, 0.1, Timbre::pad);
    for (const double tail : {0.37, 0.66}) {
      std::vector<float> padded = with_silent_tail(loop, tail);
      for (std::size_t i = loop.size(); i < padded.size(); ++i) padded[i] = dither(rng);
      CAPTURE(bpm);
      CAPTURE(tail);
      const double duration_s = static_cast<double>(padded.size()) / k_rate_hz;
      const double tail_s = static_cast<double>(padded.size() - 1 - static_cast<std::size_t>(last_sounding_index(padded))) / k_rate_hz;
      CHECK(tail_s == doctest::Approx(static_cast<double>(padded.size() - loop.size()) / k_rate_hz).epsilon(1e-3));
      const OnsetEnvelopes envelopes = onset_envelopes_of(padded, k_rate_hz);
      const TempoEstimate trimmed = estimate_tempo(envelopes, duration_s, 0.0, tail_s);
      REQUIRE(trimmed.bpm.has_value());
      CHECK(*trimmed.bpm == doctest::Approx(bpm));
      CHECK(trimmed.whole_bars);  // read at the loop's own length, not as a file with a tail
      CHECK_FALSE(estimate_tempo(envelopes, duration_s, 0.0, 0.0).whole_bars);
      const Features f = extract_features_from_signal(padded, k_rate_hz);  // the same through the extractor
      REQUIRE(f.tempo_bpm.has_value());
      CHECK(*f.tempo_bpm == doctest::Approx(bpm));
    }
  }
}

TEST_CASE("loop length: a long hit followed by silence stays a one-shot, read with or without the silence") {
  std::vector<float> hit = silence(1.0, k_rate_hz);
  add_kick(hit, k_rate_hz, 0.0, 0.9);
  add_note(hit, k_rate_hz, 0.0, 1.0, 110.0, 0.3, Timbre::saw);
  const std::vector<float> padded = with_silent_tail(hit, 1.1);
  const Features f = extract_features_from_signal(padded, k_rate_hz);
  CHECK(f.kind == "one-shot");
  CHECK_FALSE(f.tempo_bpm.has_value());
}

TEST_CASE("loop length: the last sounding sample is the last one above digital silence") {
  std::vector<float> samples(1000, 0.0f);
  CHECK(last_sounding_index(samples) == -1);
  samples[700] = 2e-4f;
  samples[900] = -5e-5f;  // dither: below -80 dBFS
  CHECK(last_sounding_index(samples) == 700);
  samples[999] = -0.5f;
  CHECK(last_sounding_index(samples) == 999);
  CHECK(last_sounding_index({}) == -1);
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

TEST_CASE("loop length: the stretched readings reach a loop cut 5% short, at its whole BPM") {
  // 95% of the loop is left, so the loop is 1 / 0.95 = 1.0526 times the file. A policy that
  // prefers the longest loop shows how far the search reaches: to the written tempo (a
  // search that stopped at 1.05 could offer only the next whole BPM up).
  const StretchPolicy longest{[](const PulseEvidence&) { return true; },
                              [](const BeatCandidate& c) { return c.length_scale; }};
  for (const int bpm : {96, 120, 140}) {
    CAPTURE(bpm);
    const std::vector<float> cut = cut_to(two_bar_loop(bpm, DrumStyle::rock), 0.95);
    const PulseEvidence evidence =
        measure_pulse(onset_envelopes_of(cut, k_rate_hz), static_cast<double>(cut.size()) / k_rate_hz, &longest);
    const auto eight = std::find_if(evidence.stretched.begin(), evidence.stretched.end(),
                                    [](const BeatCandidate& c) { return c.beats == 8; });
    REQUIRE(eight != evidence.stretched.end());
    CHECK(eight->bpm == doctest::Approx(bpm).epsilon(1e-6));
    CHECK(eight->length_scale == doctest::Approx(1.0 / 0.95).epsilon(1e-3));
  }
}
