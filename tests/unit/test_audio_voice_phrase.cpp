// A voice saying a few words with pauses is a phrase, not a loop: its pitch glides off the
// semitone grid (Chroma::tuning_concentration), where played or sung notes sit on it (version 23).
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "support/feature_checks.hpp"
#include "support/stage_probes.hpp"
#include "support/synth.hpp"
#include "support/voice_synth.hpp"
#include "audio/feature_extractor.hpp"
#include "audio/voice_phrase.hpp"

namespace {

using namespace samplemind;
using namespace samplemind::audio;

constexpr int k_rate_hz = 44100;

}  // namespace

TEST_CASE("voice phrase: a held note sits on one tuning grid, a glide over two semitones on none") {
  const std::vector<float> held = enveloped_sine(220.0, 1.5, k_rate_hz, [](double) { return 0.5; });
  CHECK(chroma_of(held, k_rate_hz).tuning_concentration > 0.9);
  std::vector<float> glide = silence(1.5, k_rate_hz);
  add_voiced(glide, k_rate_hz, 0.0, 1.5, 196.0, 220.0);  // G3 up to A3: every cent between
  CHECK(chroma_of(glide, k_rate_hz).tuning_concentration < 0.1);
}

TEST_CASE("voice phrase: three spoken words with pauses read no tempo") {
  const std::vector<float> spoken = three_words(Delivery::spoken, k_rate_hz);
  const Chroma chroma = chroma_of(spoken, k_rate_hz);
  CHECK(chroma.tuning_concentration < 0.1);  // words a third of a semitone apart: no grid
  CHECK(chroma.tonalness >= 0.5);            // but pitched
  const TempoEstimate pulse = tempo_of(spoken, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());  // the onsets alone pass the pulse gate (version 22 read it as a loop)
  CHECK(pulse.levels.quiet_share > 0.2);
  CHECK(pulse.levels.quiet_share < 0.6);  // not mostly silence: the sparse-phrase gate lets it by
  CHECK(pulse.levels.audible_onsets == 3);
  const Features f = extract_features_from_signal(spoken, k_rate_hz);
  CHECK(f.kind == "one-shot");
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK(f.tempo_candidates.empty());
  CHECK_FALSE(f.key.has_value());  // no key, and no note for its voice
  CHECK_FALSE(f.root_midi.has_value());
  CHECK(f.category == "vocal");
}

TEST_CASE("voice phrase: the same words sung on held notes keep their reading") {
  const std::vector<float> sung = three_words(Delivery::sung, k_rate_hz);
  CHECK(chroma_of(sung, k_rate_hz).tuning_concentration > 0.3);
  const TempoEstimate pulse = tempo_of(sung, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());
  const Features f = extract_features_from_signal(sung, k_rate_hz);
  CHECK(f.kind == "loop");
  CHECK(f.tempo_bpm.has_value());
  CHECK(f.key.has_value());  // notes on the grid keep the key the spoken words lose
}

TEST_CASE("voice phrase: three drum hits with the same pauses keep their reading") {
  // A kick under a snare, three times, where the words were. Noise has no tuning grid
  // either; what tells it from a voice is that it is not pitched, and that most of its
  // energy lies under 150 Hz (outside the voice band, test_audio_voice_band.cpp).
  std::vector<float> hits = silence(1.7, k_rate_hz);
  std::mt19937 rng(7);
  for (int k = 0; k < 3; ++k) {
    add_kick(hits, k_rate_hz, 0.05 + 0.5 * k, 0.8);
    add_snare(hits, k_rate_hz, 0.05 + 0.5 * k, 0.5, rng);
  }
  const Chroma chroma = chroma_of(hits, k_rate_hz);
  CHECK(chroma.tuning_concentration < 0.1);
  CHECK(chroma.tonalness < 0.5);
  const TimbreSummary timbre = timbre_of(hits, k_rate_hz);
  CHECK(timbre.low_ratio + timbre.high_ratio >= 0.5);
  const TempoEstimate pulse = tempo_of(hits, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(pulse.levels, chroma.tuning_concentration, chroma.tonalness, timbre));
  CHECK(pulse.levels.quiet_share > 0.2);
  CHECK(pulse.levels.audible_onsets == 3);
  const Features f = extract_features_from_signal(hits, k_rate_hz);
  CHECK(f.kind == "loop");
  CHECK(f.tempo_bpm.has_value());
  CHECK(f.category != "vocal");
}

TEST_CASE("voice phrase: the rule's parts") {
  LevelShape phrase;
  phrase.quiet_share = 0.4;
  phrase.audible_onsets = 3;
  CHECK(sounds_like_spoken_phrase(phrase, 0.05, 0.7));
  CHECK_FALSE(sounds_like_spoken_phrase(phrase, 0.3, 0.7));   // on a tuning grid: notes
  CHECK_FALSE(sounds_like_spoken_phrase(phrase, 0.05, 0.3));  // not pitched: noise, drums
  LevelShape filled = phrase;
  filled.quiet_share = 0.1;  // no pauses: a drum break
  CHECK_FALSE(sounds_like_spoken_phrase(filled, 0.05, 0.7));
  LevelShape busy = phrase;
  busy.audible_onsets = 4;  // a bar of beats
  CHECK_FALSE(sounds_like_spoken_phrase(busy, 0.05, 0.7));

  TempoEstimate loop;
  loop.bpm = 120.0;
  loop.levels = phrase;
  CHECK_FALSE(without_spoken_phrase_pulse(loop, sounds_like_spoken_phrase(phrase, 0.05, 0.7)).bpm.has_value());
  loop.whole_bars = true;  // cut at bar lines at a whole BPM: a vocal loop keeps its tempo
  CHECK(without_spoken_phrase_pulse(loop, sounds_like_spoken_phrase(phrase, 0.05, 0.7)).bpm == 120.0);
}

// The audio's key and root of a note, A3 in A minor.
static Features keyed_a3() { return testing::with_audio_a_minor(57, "A3"); }

TEST_CASE("voice phrase: a spoken phrase loses its audio key and root, a note keeps them") {
  LevelShape phrase;
  phrase.quiet_share = 0.4;
  phrase.audible_onsets = 2;
  Features note = keyed_a3();
  drop_spoken_phrase_pitch(note, sounds_like_spoken_voice(phrase, 0.6, 0.7, false));  // on the grid
  CHECK(note.key.value_or("") == "A");
  CHECK(note.root_midi == 57);
  Features bell = keyed_a3();
  drop_spoken_phrase_pitch(bell, sounds_like_spoken_voice(phrase, 0.05, 0.7, true));  // off the grid, but one pitch held throughout
  CHECK(bell.key.value_or("") == "A");
  CHECK(bell.root_midi == 57);
  Features f = keyed_a3();
  drop_spoken_phrase_pitch(f, sounds_like_spoken_voice(phrase, 0.05, 0.7, false));
  CHECK_FALSE(f.key.has_value());
  CHECK_FALSE(f.mode.has_value());
  CHECK_FALSE(f.camelot.has_value());
  CHECK_FALSE(f.key_audio.has_value());
  CHECK(f.key_confidence == 0.0);
  CHECK_FALSE(f.root_midi.has_value());
  CHECK_FALSE(f.root_note.has_value());
}

TEST_CASE("voice phrase: words murmured around one pitch get no key and no root") {
  // Around E3 (murmur_around_e3): the frames agree on E3 but not closely enough for a held
  // note. Without the rule: E3 and F major.
  const std::vector<float> murmur = murmur_around_e3(0.0, k_rate_hz);
  const Chroma chroma = chroma_of(murmur, k_rate_hz);
  CHECK(chroma.tuning_concentration < 0.1);
  CHECK(chroma.tonalness >= 0.5);
  testing::check_no_tempo_key_or_root(extract_features_from_signal(murmur, k_rate_hz));
}

TEST_CASE("voice phrase: a spoken one-shot is named vocal, a hit that dies away, a kit drum and a loop are not") {
  Features spoken;
  spoken.kind = "one-shot";
  spoken.category = "percussion";
  LevelShape words;
  words.quiet_share = 0.4;
  words.audible_onsets = 2;
  words.sustain = 0.5;
  Features named = spoken;
  name_spoken_phrase_vocal(named, words, sounds_like_spoken_voice(words, 0.05, 0.7, false));
  CHECK(named.category == "vocal");

  Features on_grid = spoken;  // notes: the timbre rules' category stays
  name_spoken_phrase_vocal(on_grid, words, sounds_like_spoken_voice(words, 0.5, 0.7, false));
  CHECK(on_grid.category == "percussion");

  LevelShape crash = words;  // one sound, 10 dB down or more by its second half
  crash.audible_onsets = 1;
  crash.sustain = 0.1;
  Features rung = spoken;
  name_spoken_phrase_vocal(rung, crash, sounds_like_spoken_voice(crash, 0.05, 0.7, false));
  CHECK(rung.category == "percussion");
  crash.sustain = 0.5;  // a single word that holds is a voice
  name_spoken_phrase_vocal(rung, crash, sounds_like_spoken_voice(crash, 0.05, 0.7, false));
  CHECK(rung.category == "vocal");

  LevelShape rattle = words;  // three sounds gone 20 dB down by the second half
  rattle.sustain = 0.05;
  Features shaken = spoken;
  name_spoken_phrase_vocal(shaken, rattle, sounds_like_spoken_voice(rattle, 0.05, 0.7, false));
  CHECK(shaken.category == "percussion");

  Features snare = spoken;
  snare.category = "snare";
  name_spoken_phrase_vocal(snare, words, sounds_like_spoken_voice(words, 0.05, 0.7, false));
  CHECK(snare.category == "snare");

  Features loop = spoken;
  loop.kind = "loop";
  loop.category = "music loop";
  name_spoken_phrase_vocal(loop, words, sounds_like_spoken_voice(words, 0.05, 0.7, false));
  CHECK(loop.category == "music loop");

  Features bell = spoken;
  name_spoken_phrase_vocal(bell, words, sounds_like_spoken_voice(words, 0.05, 0.7, true));  // one pitch held throughout
  CHECK(bell.category == "percussion");
}

TEST_CASE("voice phrase: where a voice's rules can act (the extractor asks the sentence check only there)") {
  TempoEstimate loop;
  CHECK_FALSE(voice_can_drop_pulse(loop));  // no tempo to drop
  loop.bpm = 120.0;
  CHECK(voice_can_drop_pulse(loop));
  loop.whole_bars = true;
  CHECK_FALSE(voice_can_drop_pulse(loop));  // whole bars keep their tempo
  Features f;
  CHECK_FALSE(voice_can_drop_pitch(f));
  f.root_midi = 52;
  CHECK(voice_can_drop_pitch(f));
  LevelShape held;
  held.sustain = 0.9;
  held.audible_onsets = 3;
  Features shot;
  shot.kind = "one-shot";
  shot.category = "fx";
  CHECK(voice_can_be_named_vocal(shot, held));
  shot.category = "snare";
  CHECK_FALSE(voice_can_be_named_vocal(shot, held));  // a kit drum
  shot.category = "fx";
  shot.kind = "loop";
  CHECK_FALSE(voice_can_be_named_vocal(shot, held));
  shot.kind = "one-shot";
  held.sustain = 0.01;  // dies away: a hit
  CHECK_FALSE(voice_can_be_named_vocal(shot, held));
}
