// Speech against music by where the pitched energy sits within the semitone (version 23).
#include "audio/voice_phrase.hpp"

#include "audio/category_classifier.hpp"

namespace samplemind::audio {

namespace {
// Off the semitone grid: the tuning vector's length under 0.1. Tuning half of the desktop
// and game sounds: the spoken letters that read a tempo have a median of 0.04 (90% under
// 0.10); the real corpus' loops with a tempo a median of 0.44, its drum loops as low as
// 0.01 (noise has no grid either, which is why the next gate asks for pitch).
constexpr double k_max_spoken_concentration = 0.1;
// Pitched: half of the 80 Hz - 3.5 kHz energy in prominent peaks, the line the key stage
// draws between a tonal sound and a drum (key_classifier.cpp). A sparse drum loop is noise.
constexpr double k_min_spoken_tonalness = 0.5;
// Pauses: a fifth of the file 30 dB under its loudest. A drum break as few and as tonal
// (Sonic Pi's amen break, 0.01) has none.
constexpr double k_min_spoken_quiet_share = 0.2;
// Fewer sounds than a bar of beats: the count the sparse-phrase gate uses (tempo_estimator.cpp).
constexpr int k_max_spoken_audible_onsets = 3;
// A voice, not a hit: a sound named `vocal` must not die away. Its second half comes within
// 20 dB of its loudest, or 10 dB for a single sound: the lines the loop gate draws
// (tempo_estimator.cpp, k_min_sustain and k_min_lone_sound_sustain). A crash cymbal or an
// explosion rings off the grid, pitched and with one onset, and dies away.
constexpr double k_min_voice_sustain = 0.1;
constexpr double k_min_lone_voice_sustain = 0.316;
}  // namespace

bool sounds_like_spoken_phrase(const LevelShape& levels, double tuning_concentration, double tonalness) {
  return tuning_concentration < k_max_spoken_concentration && tonalness >= k_min_spoken_tonalness &&
         levels.quiet_share > k_min_spoken_quiet_share && levels.audible_onsets <= k_max_spoken_audible_onsets;
}

TempoEstimate without_spoken_phrase_pulse(TempoEstimate estimate, double tuning_concentration, double tonalness) {
  if (!estimate.bpm || estimate.whole_bars) return estimate;
  if (!sounds_like_spoken_phrase(estimate.levels, tuning_concentration, tonalness)) return estimate;
  return {};
}

void drop_spoken_phrase_pitch(Features& features, const LevelShape& levels, double tuning_concentration,
                              double tonalness, bool holds_one_pitch) {
  if (holds_one_pitch || !sounds_like_spoken_phrase(levels, tuning_concentration, tonalness)) return;
  features.key.reset();
  features.mode.reset();
  features.camelot.reset();
  features.key_audio.reset();
  features.key_confidence = 0.0;
  features.root_midi.reset();
  features.root_note.reset();
}

void name_spoken_phrase_vocal(Features& features, const LevelShape& levels, double tuning_concentration,
                              double tonalness, bool holds_one_pitch) {
  if (features.kind != "one-shot" || !features.category || is_drum_category(*features.category)) return;
  if (levels.sustain < (levels.audible_onsets <= 1 ? k_min_lone_voice_sustain : k_min_voice_sustain)) return;
  if (holds_one_pitch || !sounds_like_spoken_phrase(levels, tuning_concentration, tonalness)) return;
  features.category = "vocal";
}

}  // namespace samplemind::audio
