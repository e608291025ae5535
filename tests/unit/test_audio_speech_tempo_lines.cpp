// The voice lines of version 27: a few voiced words without a pause lose the tempo their
// syllables read, and their key and root; a sentence whose voice sits near the semitone grid
// its tempo. A noisy phrase with the same onsets, sung notes with a deep vibrato (held) and
// the key's grid line stay as they were.
#include <doctest/doctest.h>

#include <vector>

#include "support/stage_probes.hpp"
#include "support/voice_synth.hpp"
#include "audio/continuous_speech.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/pitch_contour.hpp"
#include "audio/voice_phrase.hpp"

namespace {
using namespace samplemind;
using namespace samplemind::audio;
constexpr int k_rate_hz = 44100;

TimbreSummary voice_band_timbre() {
  TimbreSummary voice;
  voice.audible = true;
  voice.low_ratio = 0.1;
  voice.high_ratio = 0.05;
  return voice;
}
}  // namespace

TEST_CASE("speech tempo lines: two breathy words without a pause lose their tempo, two noise swells keep it") {
  const std::vector<float> words = two_breathy_words(true, k_rate_hz);
  const TempoEstimate pulse = tempo_of(words, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());  // two onsets 0.54 s apart read a loop
  REQUIRE_FALSE(pulse.whole_bars);
  const Chroma chroma = chroma_of(words, k_rate_hz);
  const TimbreSummary timbre = timbre_of(words, k_rate_hz);
  CHECK(pulse.levels.quiet_share < 0.2);  // no pause: the phrase rules let it by
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(pulse.levels, chroma.tuning_concentration, chroma.tonalness, timbre));
  const VoicedGlide glide = voiced_glide_of(words, k_rate_hz);
  CHECK(glide.voiced_share < 0.4);  // mostly breath: the sentence rule refuses it
  CHECK_FALSE(sounds_like_continuous_speech(glide));
  CHECK(could_be_few_words(pulse.levels, chroma.tuning_concentration, timbre));
  CHECK(voiced_like_words(glide));
  const Features f = extract_features_from_signal(words, k_rate_hz);
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK(f.kind == "one-shot");
  CHECK_FALSE(f.key.has_value());  // a voice has no key, and its glide no note
  CHECK_FALSE(f.root_midi.has_value());

  // The same two onsets as breath noise: off the grid and in the band, but unvoiced.
  const std::vector<float> swells = two_breathy_words(false, k_rate_hz);
  const TempoEstimate noise_pulse = tempo_of(swells, k_rate_hz);
  REQUIRE(noise_pulse.bpm.has_value());
  CHECK(could_be_few_words(noise_pulse.levels, chroma_of(swells, k_rate_hz).tuning_concentration, timbre_of(swells, k_rate_hz)));
  CHECK_FALSE(voiced_like_words(voiced_glide_of(swells, k_rate_hz)));
  const Features noise = extract_features_from_signal(swells, k_rate_hz);
  REQUIRE(noise.tempo_bpm.has_value());
  CHECK(*noise.tempo_bpm == doctest::Approx(*noise_pulse.bpm));
}

TEST_CASE("speech tempo lines: a sentence near the grid loses its tempo, the key keeps the grid line") {
  const std::vector<float> sentence = sentence_over_drone(0.15, k_rate_hz);
  const Chroma chroma = chroma_of(sentence, k_rate_hz);
  // The drone pulls the voice's chroma between the grid line and the tempo's wider line.
  REQUIRE(chroma.tuning_concentration >= 0.1);
  REQUIRE(chroma.tuning_concentration < 0.2);
  const TimbreSummary timbre = timbre_of(sentence, k_rate_hz);
  REQUIRE(tempo_of(sentence, k_rate_hz).bpm.has_value());
  CHECK_FALSE(could_be_continuous_speech(chroma.tuning_concentration, timbre));
  CHECK(could_be_sentence_near_grid(chroma.tuning_concentration, timbre));
  CHECK(sounds_like_continuous_speech(voiced_glide_of(sentence, k_rate_hz)));
  const std::vector<float> head = at_analysis_rate(sentence, k_rate_hz);
  ContinuousSpeechCheck check(head, chroma.tuning_concentration, timbre);
  CHECK_FALSE(check());  // the key, root and category line
  const Features f = extract_features_from_signal(sentence, k_rate_hz);
  CHECK_FALSE(f.tempo_bpm.has_value());
}

TEST_CASE("speech tempo lines: sung notes with a deep vibrato glide like words but hold: root and tempo stay") {
  const std::vector<float> note = sung_notes_with_vibrato({{60.0, 1.5}}, 1.0, k_rate_hz);
  const Chroma chroma = chroma_of(note, k_rate_hz);
  const TimbreSummary timbre = timbre_of(note, k_rate_hz);
  const LevelShape levels = tempo_of(note, k_rate_hz).levels;
  const VoicedGlide glide = voiced_glide_of(note, k_rate_hz);
  REQUIRE(could_be_few_words(levels, chroma.tuning_concentration, timbre));  // the vibrato spreads its chroma
  REQUIRE(glide.glide_share >= 0.25);  // ... and moves its pitch like a word's
  CHECK(glide.held_share >= 0.5);      // one long stretch: a held note
  CHECK_FALSE(voiced_like_words(glide));
  const Features f = extract_features_from_signal(note, k_rate_hz);
  REQUIRE(f.root_midi.has_value());
  CHECK(*f.root_midi == 60);

  // A sung bar at 120 BPM (A3, C4 on the beats, E4 held), cut 2% short: no whole bars.
  const std::vector<float> bar = sung_notes_with_vibrato({{57.0, 0.5}, {60.0, 0.5}, {64.0, 1.0}}, 0.98, k_rate_hz);
  const TempoEstimate pulse = tempo_of(bar, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());
  REQUIRE_FALSE(pulse.whole_bars);
  const Chroma bar_chroma = chroma_of(bar, k_rate_hz);
  REQUIRE(could_be_few_words(pulse.levels, bar_chroma.tuning_concentration, timbre_of(bar, k_rate_hz)));
  CHECK_FALSE(voiced_like_words(voiced_glide_of(bar, k_rate_hz)));
  const Features sung = extract_features_from_signal(bar, k_rate_hz);
  REQUIRE(sung.tempo_bpm.has_value());
  CHECK(*sung.tempo_bpm == doctest::Approx(*pulse.bpm));
}

TEST_CASE("speech tempo lines: the rules' parts") {
  const TimbreSummary voice = voice_band_timbre();
  CHECK(could_be_sentence_near_grid(0.19, voice));
  CHECK_FALSE(could_be_sentence_near_grid(0.21, voice));  // a loop's pitch sits on the grid
  TimbreSummary kick = voice;
  kick.low_ratio = 0.6;
  CHECK_FALSE(could_be_sentence_near_grid(0.05, kick));

  LevelShape levels;
  levels.audible_onsets = 3;
  CHECK(could_be_few_words(levels, 0.09, voice));
  CHECK_FALSE(could_be_few_words(levels, 0.11, voice));  // the grid line, as for the phrase rules
  CHECK_FALSE(could_be_few_words(levels, 0.05, kick));
  levels.audible_onsets = 4;  // a bar of beats
  CHECK_FALSE(could_be_few_words(levels, 0.05, voice));

  CHECK(voiced_like_words({0.15, 0.25, 0.4}));
  CHECK_FALSE(voiced_like_words({0.14, 0.8, 0.0}));  // mostly breath or noise
  CHECK_FALSE(voiced_like_words({0.6, 0.2, 0.0}));   // a ringing drum: voiced, but its pitch holds
  CHECK_FALSE(voiced_like_words({0.9, 0.6, 0.5}));   // held notes: sung
}

TEST_CASE("speech tempo lines: the check's tempo and pitch lines are the rules', asked twice") {
  for (const std::vector<float>& signal :
       {two_breathy_words(true, k_rate_hz), two_breathy_words(false, k_rate_hz), sentence_over_drone(0.15, k_rate_hz),
        sung_notes_with_vibrato({{60.0, 1.5}}, 1.0, k_rate_hz)}) {
    const std::vector<float> head = at_analysis_rate(signal, k_rate_hz);
    const Chroma chroma = chroma_of(signal, k_rate_hz);
    const TimbreSummary timbre = timbre_of(signal, k_rate_hz);
    const LevelShape levels = tempo_of(signal, k_rate_hz).levels;
    const VoicedGlide glide = voiced_glide_of(signal, k_rate_hz);
    const bool few_words = could_be_few_words(levels, chroma.tuning_concentration, timbre) && voiced_like_words(glide);
    const bool near_grid =
        could_be_sentence_near_grid(chroma.tuning_concentration, timbre) && sounds_like_continuous_speech(glide);
    const bool sentence = head_sounds_like_continuous_speech(head, chroma.tuning_concentration, timbre);
    ContinuousSpeechCheck check(head, chroma.tuning_concentration, timbre);
    CHECK(check.drops_pulse(levels) == (few_words || near_grid));
    CHECK(check.drops_pulse(levels) == (few_words || near_grid));
    CHECK(check.drops_pitch(levels) == (few_words || sentence));
  }
}
