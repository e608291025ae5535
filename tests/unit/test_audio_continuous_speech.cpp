// A sentence spoken without pauses reads as a loop to the onsets; its voiced glide tells it
// apart from a groove (version 25).
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "support/feature_checks.hpp"
#include "support/stage_probes.hpp"
#include "support/synth.hpp"
#include "support/voice_synth.hpp"
#include "audio/analysis_rate.hpp"
#include "audio/continuous_speech.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/pitch_contour.hpp"
#include "audio/voice_phrase.hpp"

namespace {
using namespace samplemind;
using namespace samplemind::audio;
constexpr int k_rate_hz = 44100;

// n hops of a voiced contour starting at midi and moving step semitones a hop.
std::vector<ContourFrame> voiced_run(std::size_t n, double midi, double step) {
  std::vector<ContourFrame> run;
  for (std::size_t i = 0; i < n; ++i) run.push_back({midi + step * static_cast<double>(i), 0.95, 0.5});
  return run;
}
}  // namespace

TEST_CASE("continuous speech: a sentence without pauses reads no tempo, key or root") {
  const std::vector<float> sentence = spoken_sentence(Delivery::spoken, k_rate_hz);
  const Chroma chroma = chroma_of(sentence, k_rate_hz);
  const TimbreSummary timbre = timbre_of(sentence, k_rate_hz);
  const TempoEstimate pulse = tempo_of(sentence, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());  // its syllables alone read a loop
  // No pauses and a bar's worth of sounds: the phrase rules let it by.
  CHECK(pulse.levels.quiet_share < 0.2);
  CHECK(pulse.levels.audible_onsets >= 4);
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(pulse.levels, chroma.tuning_concentration, chroma.tonalness, timbre));
  CHECK(could_be_continuous_speech(chroma.tuning_concentration, timbre));
  const VoicedGlide glide = voiced_glide_of(sentence, k_rate_hz);
  CHECK(glide.voiced_share > 0.6);
  CHECK(glide.glide_share > 0.8);
  CHECK(glide.held_share < 0.5);  // syllables, not held notes
  CHECK(sounds_like_continuous_speech(glide));
  const Features f = extract_features_from_signal(sentence, k_rate_hz);
  CHECK(f.kind == "one-shot");
  CHECK(f.tempo_candidates.empty());
  testing::check_no_tempo_key_or_root(f);
  CHECK(f.category == "vocal");
}

TEST_CASE("continuous speech: the same syllables sung on the grid keep their tempo") {
  const std::vector<float> sung = spoken_sentence(Delivery::sung, k_rate_hz);
  CHECK(chroma_of(sung, k_rate_hz).tuning_concentration >= 0.1);
  const VoicedGlide glide = voiced_glide_of(sung, k_rate_hz);
  CHECK(glide.voiced_share > 0.6);  // as voiced as the spoken one
  CHECK(glide.glide_share < 0.1);   // but each syllable holds its note
  CHECK_FALSE(sounds_like_continuous_speech(glide));
  const Features f = extract_features_from_signal(sung, k_rate_hz);
  REQUIRE(f.tempo_bpm.has_value());
  CHECK(std::abs(*f.tempo_bpm - 140.0) < 3.0);  // a syllable every 0.215 s: eighths at 140
  CHECK(f.key.has_value());
}

TEST_CASE("continuous speech: a sung line with a deep vibrato, cut off its bar, keeps its tempo") {
  const std::vector<float> sung = sung_line_with_vibrato(k_rate_hz);
  // The vibrato spreads the voice over the whole semitone, and it moves as much as speech:
  // only the held notes tell it apart.
  CHECK(chroma_of(sung, k_rate_hz).tuning_concentration < 0.1);
  const VoicedGlide glide = voiced_glide_of(sung, k_rate_hz);
  CHECK(glide.voiced_share >= 0.4);
  CHECK(glide.glide_share >= 0.25);
  CHECK(glide.held_share >= 0.5);
  CHECK_FALSE(sounds_like_continuous_speech(glide));
  const Features f = extract_features_from_signal(sung, k_rate_hz);
  REQUIRE(f.tempo_bpm.has_value());
  CHECK(std::abs(*f.tempo_bpm - 120.0) < 2.0);
  CHECK(f.category != "vocal");  // the category rules' own reading: no speech rule named it
}

TEST_CASE("continuous speech: a kick-led groove is out of the voice band") {
  // Kicks sweeping 158 -> 48 Hz on every eighth at 120 BPM with snares on 2 and 4, cut 2% short
  // of the bar: the sweeps glide through a voice's range, but the energy sits under 150 Hz.
  std::vector<float> groove = silence(1.96, k_rate_hz);
  std::mt19937 rng(3);
  for (int k = 0; k < 8; ++k) add_kick(groove, k_rate_hz, 0.25 * k, 0.8);
  for (int k : {1, 3}) add_snare(groove, k_rate_hz, 0.5 * k, 0.3, rng);
  groove.resize(static_cast<std::size_t>(1.96 * k_rate_hz));
  const TimbreSummary timbre = timbre_of(groove, k_rate_hz);
  CHECK_FALSE(in_voice_band(timbre));
  CHECK_FALSE(could_be_continuous_speech(chroma_of(groove, k_rate_hz).tuning_concentration, timbre));
  const Features f = extract_features_from_signal(groove, k_rate_hz);
  REQUIRE(f.tempo_bpm.has_value());
  CHECK(std::abs(*f.tempo_bpm - 120.0) < 2.0);
}

TEST_CASE("continuous speech: the contour reads a tone's pitch and no voice in noise") {
  std::vector<float> tone = silence(1.0, k_analysis_rate_hz);
  add_note(tone, k_analysis_rate_hz, 0.0, 1.0, 220.0, 0.5, Timbre::sine);
  const std::vector<ContourFrame> contour = pitch_contour(tone);
  REQUIRE(contour.size() == tone.size() / k_contour_hop);
  const ContourFrame& middle = contour[contour.size() / 2];
  CHECK(std::abs(middle.midi - 57.0) < 0.1);  // A3
  CHECK(middle.confidence > 0.9);
  const VoicedGlide held = measure_voiced_glide(contour);
  CHECK(held.voiced_share > 0.9);
  CHECK(held.glide_share < 0.05);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> noise(-0.5f, 0.5f);
  std::vector<float> hiss(k_analysis_rate_hz);
  for (float& v : hiss) v = noise(rng);
  CHECK(measure_voiced_glide(pitch_contour(hiss)).voiced_share < 0.1);
  CHECK(pitch_contour(std::vector<float>(100, 0.0f)).empty());  // shorter than a hop
}

TEST_CASE("continuous speech: the glide measure on known contours") {
  const VoicedGlide gliding = measure_voiced_glide(voiced_run(40, 50.0, 0.1));  // 0.8 semitone per 8 hops
  CHECK(gliding.voiced_share == doctest::Approx(1.0));
  CHECK(gliding.glide_share == doctest::Approx(1.0));
  CHECK(gliding.held_share == doctest::Approx(1.0));  // one stretch of 40 hops: held
  std::vector<ContourFrame> syllables = voiced_run(40, 50.0, 0.1);
  for (std::size_t i = 10; i < 40; i += 11) syllables[i].confidence = 0.2;  // a consonant every 11 hops
  CHECK(measure_voiced_glide(syllables).held_share == doctest::Approx(0.0));
  std::vector<ContourFrame> jitter = voiced_run(40, 51.0, 0.0);
  for (std::size_t i = 0; i < jitter.size(); ++i) jitter[i].midi += i % 2 ? 0.2 : -0.2;  // a drum's ring
  CHECK(measure_voiced_glide(jitter).glide_share == doctest::Approx(0.0));
  std::vector<ContourFrame> unvoiced = voiced_run(40, 50.0, 0.1);
  for (ContourFrame& f : unvoiced) f.confidence = 0.5;
  CHECK(measure_voiced_glide(unvoiced).voiced_share == doctest::Approx(0.0));
  CHECK(measure_voiced_glide(voiced_run(40, 96.0, 0.1)).voiced_share == doctest::Approx(0.0));  // over a voice
  std::vector<ContourFrame> quiet_tail = voiced_run(40, 50.0, 0.1);
  for (std::size_t i = 20; i < 40; ++i) quiet_tail[i] = {0.0, 0.0, 0.01};  // 34 dB down: not audible
  CHECK(measure_voiced_glide(quiet_tail).voiced_share == doctest::Approx(1.0));
  std::vector<ContourFrame> jumps = voiced_run(40, 50.0, 0.0);
  for (std::size_t i = 0; i < jumps.size(); ++i) jumps[i].midi += 2.0 * static_cast<double>(i / 4);  // a new stretch every 4 hops
  const VoicedGlide split = measure_voiced_glide(jumps);
  CHECK(split.voiced_share == doctest::Approx(1.0));
  CHECK(split.glide_share == doctest::Approx(0.0));  // no pair 8 hops apart in one stretch
  CHECK_FALSE(sounds_like_continuous_speech(split));
  CHECK(measure_voiced_glide({}).voiced_share == 0.0);
}

TEST_CASE("continuous speech: the rule's parts") {
  CHECK(sounds_like_continuous_speech({0.6, 0.8, 0.1}));
  CHECK_FALSE(sounds_like_continuous_speech({0.3, 0.8, 0.1}));  // mostly unvoiced: drums
  CHECK_FALSE(sounds_like_continuous_speech({0.6, 0.1, 0.1}));  // held notes, a drum's jittering ring
  CHECK_FALSE(sounds_like_continuous_speech({0.6, 0.8, 0.7}));  // a singer's held notes with vibrato
  TimbreSummary voice;
  voice.audible = true;
  voice.low_ratio = 0.1;
  CHECK(could_be_continuous_speech(0.05, voice));
  CHECK_FALSE(could_be_continuous_speech(0.3, voice));  // on a tuning grid
  voice.low_ratio = 0.6;
  CHECK_FALSE(could_be_continuous_speech(0.05, voice));  // kick-led
}

TEST_CASE("continuous speech: the extractor's check answers as the rule does, asked twice") {
  for (const std::vector<float>& signal : {spoken_sentence(Delivery::spoken, k_rate_hz), sung_line_with_vibrato(k_rate_hz)}) {
    const std::vector<float> head = at_analysis_rate(signal, k_rate_hz);
    const double concentration = chroma_of(signal, k_rate_hz).tuning_concentration;
    const TimbreSummary timbre = timbre_of(signal, k_rate_hz);
    const bool expected = head_sounds_like_continuous_speech(head, concentration, timbre);
    ContinuousSpeechCheck check(head, concentration, timbre);
    CHECK(check() == expected);
    CHECK(check() == expected);
  }
}
