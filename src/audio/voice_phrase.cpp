// Speech against music by where the pitched energy sits within the semitone (version 23).
#include "audio/voice_phrase.hpp"

#include "audio/category_classifier.hpp"
#include "audio/key_classifier.hpp"

namespace samplemind::audio {

namespace {
// Off the semitone grid: the tuning vector's length under 0.1. Tuning half of the desktop
// and game sounds: the spoken letters that read a tempo have a median of 0.04 (90% under
// 0.10); the real corpus' loops with a tempo a median of 0.44, its drum loops as low as
// 0.01 (noise has no grid either, which is why the rule asks for pitch: k_min_tonalness).
constexpr double k_max_spoken_concentration = 0.1;
// Pauses: a fifth of the file 30 dB under its loudest. A drum break as few and as tonal
// (Sonic Pi's amen break, 0.01) has none.
constexpr double k_min_spoken_quiet_share = 0.2;
// The voice band: most of the energy between 150 Hz and 5 kHz (TimbreSummary's low and
// high shares), where speech sits; Hydrogen's kick-led loops hold 0.77 under 150 Hz.
constexpr double k_max_outside_voice_band = 0.5;

bool sparse_phrase_off_grid(const LevelShape& levels, double tuning_concentration) {
  return tuning_concentration < k_max_spoken_concentration && levels.quiet_share > k_min_spoken_quiet_share &&
         levels.audible_onsets < k_min_sparse_onsets;
}
}  // namespace

bool sounds_like_spoken_phrase(const LevelShape& levels, double tuning_concentration, double tonalness) {
  return tonalness >= k_min_tonalness && sparse_phrase_off_grid(levels, tuning_concentration);
}

bool sounds_like_spoken_phrase_in_voice_band(const LevelShape& levels, double tuning_concentration,
                                             double tonalness, const TimbreSummary& timbre) {
  if (sounds_like_spoken_phrase(levels, tuning_concentration, tonalness)) return true;
  return in_voice_band(timbre) && sparse_phrase_off_grid(levels, tuning_concentration);
}

bool in_voice_band(const TimbreSummary& timbre) {
  return timbre.audible && timbre.low_ratio + timbre.high_ratio < k_max_outside_voice_band;
}

bool sounds_like_spoken_voice(const LevelShape& levels, double tuning_concentration, double tonalness,
                              bool holds_one_pitch) {
  return !holds_one_pitch && sounds_like_spoken_phrase(levels, tuning_concentration, tonalness);
}

TempoEstimate without_spoken_phrase_pulse(TempoEstimate estimate, bool spoken) {
  if (!spoken || !voice_can_drop_pulse(estimate)) return estimate;
  return {};
}

void drop_spoken_phrase_pitch(Features& features, bool spoken_voice) {
  if (!spoken_voice) return;
  features.key.reset();
  features.mode.reset();
  features.camelot.reset();
  features.key_audio.reset();
  features.key_confidence = 0.0;
  features.root_midi.reset();
  features.root_note.reset();
  features.root_note_audio.reset();
}

void name_spoken_phrase_vocal(Features& features, const LevelShape& levels, bool spoken_voice) {
  if (spoken_voice && voice_can_be_named_vocal(features, levels)) features.category = "vocal";
}

bool voice_can_drop_pulse(const TempoEstimate& estimate) { return estimate.bpm && !estimate.whole_bars; }

bool voice_can_drop_pitch(const Features& features) { return features.key || features.root_midi; }

bool voice_can_be_named_vocal(const Features& features, const LevelShape& levels) {
  if (features.kind != "one-shot" || !features.category || is_drum_category(*features.category)) return false;
  // A voice, not a hit: a crash cymbal or an explosion rings off the grid, pitched and with
  // one onset, and dies away. The loop gate's lines for a sound that holds.
  return levels.sustain >= (levels.audible_onsets <= 1 ? k_min_lone_sound_sustain : k_min_sustain);
}

}  // namespace samplemind::audio
