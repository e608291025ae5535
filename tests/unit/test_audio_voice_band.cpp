// A voice recorded with noise falls under the pitched line but keeps its energy between
// 150 Hz and 5 kHz; a phrase of it loses its tempo like a clean voice (version 24).
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

// Energy share outside 150 Hz - 5 kHz.
double outside_voice_band(const TimbreSummary& timbre) { return timbre.low_ratio + timbre.high_ratio; }

}  // namespace

TEST_CASE("voice band: spoken words under breath noise read no tempo") {
  const std::vector<float> noisy = three_words(Delivery::spoken_with_noise, k_rate_hz);
  const Chroma chroma = chroma_of(noisy, k_rate_hz);
  CHECK(chroma.tuning_concentration < 0.1);
  CHECK(chroma.tonalness < 0.5);  // under the pitched line: the version-23 rule lets it by
  const TimbreSummary timbre = timbre_of(noisy, k_rate_hz);
  CHECK(outside_voice_band(timbre) < 0.5);
  const TempoEstimate pulse = tempo_of(noisy, k_rate_hz);
  REQUIRE(pulse.bpm.has_value());  // the onsets alone read a loop
  CHECK(pulse.levels.quiet_share > 0.2);
  CHECK(pulse.levels.audible_onsets < 4);
  CHECK_FALSE(sounds_like_spoken_phrase(pulse.levels, chroma.tuning_concentration, chroma.tonalness));
  CHECK(sounds_like_spoken_phrase_in_voice_band(pulse.levels, chroma.tuning_concentration, chroma.tonalness, timbre));
  const Features f = extract_features_from_signal(noisy, k_rate_hz);
  CHECK(f.kind == "one-shot");
  CHECK_FALSE(f.tempo_bpm.has_value());
  CHECK(f.tempo_candidates.empty());
  CHECK(f.category != "vocal");  // the category keeps the pitched line (fewer effects named vocal)
}

TEST_CASE("voice band: words murmured around one pitch under breath noise get no key and no root") {
  // Under noise, the frames still agree on E3: without the rule, root E3.
  const std::vector<float> murmur = murmur_around_e3(0.45, k_rate_hz);
  const Chroma chroma = chroma_of(murmur, k_rate_hz);
  CHECK(chroma.tuning_concentration < 0.1);
  CHECK(chroma.tonalness < 0.5);
  CHECK(outside_voice_band(timbre_of(murmur, k_rate_hz)) < 0.5);
  testing::check_no_tempo_key_or_root(extract_features_from_signal(murmur, k_rate_hz));
}

TEST_CASE("voice band: the rule's parts") {
  LevelShape phrase;
  phrase.quiet_share = 0.4;
  phrase.audible_onsets = 3;
  TimbreSummary voice;
  voice.audible = true;
  voice.low_ratio = 0.1;
  voice.high_ratio = 0.1;
  CHECK(sounds_like_spoken_phrase_in_voice_band(phrase, 0.05, 0.2, voice));
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(phrase, 0.3, 0.2, voice));  // on a tuning grid
  TimbreSummary kick = voice;
  kick.low_ratio = 0.6;  // most of it under 150 Hz
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(phrase, 0.05, 0.2, kick));
  TimbreSummary hats = voice;
  hats.high_ratio = 0.45;  // with the low share, half of it outside the band
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(phrase, 0.05, 0.2, hats));
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(phrase, 0.05, 0.2, TimbreSummary{}));  // silence
  CHECK(sounds_like_spoken_phrase_in_voice_band(phrase, 0.05, 0.7, kick));  // pitched: the version-23 rule
  LevelShape filled = phrase;
  filled.quiet_share = 0.1;  // no pauses
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(filled, 0.05, 0.2, voice));
  LevelShape busy = phrase;
  busy.audible_onsets = 4;  // a bar of beats
  CHECK_FALSE(sounds_like_spoken_phrase_in_voice_band(busy, 0.05, 0.2, voice));
}
