// A sentence without pauses told from a groove and from a sung line by its voiced glide (version 25).
#include "audio/continuous_speech.hpp"

#include "audio/tempo_estimator.hpp"
#include "audio/voice_phrase.hpp"

namespace samplemind::audio {

namespace {
// The same grid line as the phrase rules (voice_phrase.cpp).
constexpr double k_max_speech_concentration = 0.1;
// Chosen on the tuning half of tuxpaint's spoken descriptions (docs/evaluation.md,
// "Version 25") against every loop set and the sparse-percussion probe:
// - voiced most of the time: the descriptions' median is 0.66; no loop of any set that is
//   off the grid and in the band reaches 0.40 (their highest: 0.39), a ringing snare 0.47;
constexpr double k_min_voiced_share = 0.4;
// - moving: a quarter of the pairs glide (the descriptions' median 0.78); a snare's ring
//   jitters within half a semitone (the probe's voiced loops: 0.25 at most).
constexpr double k_min_glide_share = 0.25;
// - in short stretches: less than half the voice in stretches of 0.4 s or more. A sung line
//   with a deep vibrato is off the grid and glides as much, but holds its notes (generated
//   lines: 0.53 or more); the descriptions' stretches are syllables (87% hold none).
constexpr double k_max_held_share = 0.5;
// The tempo's wider line (version 27): double the grid line. The tuning half's sentences
// that kept a tempo reach 0.16 (90th percentile), the loops that glide like speech start at
// 0.225 (an LMMS guitar lead), and loops sit at a median of 0.44.
constexpr double k_max_near_grid_concentration = 0.2;
// Few words (version 27): voiced on a sixth of the audible hops. Tuning-half words without
// pauses that kept a tempo: 89 of 92 reach it; LMMS's noisy synth phrases read 0.04-0.10.
constexpr double k_min_words_voiced_share = 0.15;
}  // namespace

bool could_be_continuous_speech(double tuning_concentration, const TimbreSummary& timbre) {
  return tuning_concentration < k_max_speech_concentration && in_voice_band(timbre);
}

bool sounds_like_continuous_speech(const VoicedGlide& glide) {
  return glide.voiced_share >= k_min_voiced_share && glide.glide_share >= k_min_glide_share &&
         glide.held_share < k_max_held_share;
}

bool could_be_sentence_near_grid(double tuning_concentration, const TimbreSummary& timbre) {
  return tuning_concentration < k_max_near_grid_concentration && in_voice_band(timbre);
}

bool could_be_few_words(const LevelShape& levels, double tuning_concentration, const TimbreSummary& timbre) {
  return levels.audible_onsets < k_min_sparse_onsets && could_be_continuous_speech(tuning_concentration, timbre);
}

bool voiced_like_words(const VoicedGlide& glide) {
  return glide.voiced_share >= k_min_words_voiced_share && glide.glide_share >= k_min_glide_share &&
         glide.held_share < k_max_held_share;
}

bool ContinuousSpeechCheck::operator()() {
  return could_be_continuous_speech(tuning_concentration_, timbre_) && sounds_like_continuous_speech(glide());
}

bool ContinuousSpeechCheck::drops_pulse(const LevelShape& levels) {
  return few_words(levels) ||
         (could_be_sentence_near_grid(tuning_concentration_, timbre_) && sounds_like_continuous_speech(glide()));
}

bool ContinuousSpeechCheck::drops_pitch(const LevelShape& levels) { return few_words(levels) || (*this)(); }

bool ContinuousSpeechCheck::few_words(const LevelShape& levels) {
  return could_be_few_words(levels, tuning_concentration_, timbre_) && voiced_like_words(glide());
}

const VoicedGlide& ContinuousSpeechCheck::glide() {
  if (!glide_) glide_ = measure_voiced_glide(pitch_contour(head_));
  return *glide_;
}

bool head_sounds_like_continuous_speech(std::span<const float> head, double tuning_concentration,
                                        const TimbreSummary& timbre) {
  return ContinuousSpeechCheck(head, tuning_concentration, timbre)();
}

}  // namespace samplemind::audio
