#pragma once
// A spoken phrase: a voice says a few words with pauses between them. Its pitch glides
// instead of holding notes, so its tonal energy is spread over every cent of the semitone;
// played or sung notes sit on one tuning grid.
#include "audio/level_shape.hpp"
#include "audio/tempo_estimator.hpp"
#include "audio/timbre_stage.hpp"
#include "model/features.hpp"

namespace samplemind::audio {

// Why: two or three spoken words passed the pulse gate as a loop (version 22 reads 11% of
// recorded letters and syllables as loops); a pitched sound off the semitone grid with
// pauses and fewer sounds than a bar of beats is a voice, not a groove.
// tuning_concentration and tonalness are the Chroma's (chroma_stage.hpp).
bool sounds_like_spoken_phrase(const LevelShape& levels, double tuning_concentration, double tonalness);

// Why: a voice recorded with noise (a cheap microphone, a room) falls under the pitched
// line, yet its energy still sits where speech sits, 150 Hz - 5 kHz, unlike a kick-led
// drum phrase's; such a phrase loses its tempo, key and root too. True when
// sounds_like_spoken_phrase is, or when the sound is in the voice band instead of pitched.
// (The category `vocal` keeps the pitched rule: more effects pass the band.)
bool sounds_like_spoken_phrase_in_voice_band(const LevelShape& levels, double tuning_concentration,
                                             double tonalness, const TimbreSummary& timbre);

// Why: speech sits between 150 Hz and 5 kHz, where a kick-led groove does not: most of
// the timbre's energy (TimbreSummary's low and high shares) lies in that band.
bool in_voice_band(const TimbreSummary& timbre);

// Why: a head that holds one pitch throughout (RootNote::held, holds_one_pitch) is a note
// even off the grid (a struck bell or celesta spreads its partials too); the other spoken
// phrases are a voice. This is the pitched line's voice, which name_spoken_phrase_vocal takes.
bool sounds_like_spoken_voice(const LevelShape& levels, double tuning_concentration, double tonalness,
                              bool holds_one_pitch);

// Why: the tempo stage sees onsets, not pitch; this drops a reading the chroma shows to be
// a spoken phrase. A length of whole bars at a whole BPM keeps its tempo (a vocal loop cut
// at bar lines).
// spoken: sounds_like_spoken_phrase_in_voice_band of the file.
TempoEstimate without_spoken_phrase_pulse(TempoEstimate estimate, bool spoken);

// Why: a spoken phrase has no key, and its voice no note to name: the root would round a
// glide to the nearest semitone. Clears the audio key and root of such a sound, as the
// drum rules do for a kit drum ("no key rather than a wrong one"). spoken_voice: the file
// sounds_like_spoken_phrase_in_voice_band and does not hold one pitch throughout.
void drop_spoken_phrase_pitch(Features& features, bool spoken_voice);

// Why: the timbre rules have no voice class, so spoken words came out as percussion or fx;
// a one-shot that is a spoken voice (spoken_voice: sounds_like_spoken_voice) is
// `vocal`, unless the timbre rules found a kit drum (kick, snare, clap, hat, cymbal, tom) in
// it or it dies away (levels.sustain; a crash rings off the grid too).
// Call after the category is set.
void name_spoken_phrase_vocal(Features& features, const LevelShape& levels, bool spoken_voice);

// Why: the sentence check (continuous_speech.hpp) tracks the pitch, so the extractor asks it
// only where one of the three rules above can act. Each rule acts only where these hold:
// a tempo not cut at whole bars (without_spoken_phrase_pulse);
bool voice_can_drop_pulse(const TempoEstimate& estimate);
// a key or root to clear (drop_spoken_phrase_pitch);
bool voice_can_drop_pitch(const Features& features);
// a one-shot that is no kit drum and does not die away (name_spoken_phrase_vocal).
bool voice_can_be_named_vocal(const Features& features, const LevelShape& levels);

}  // namespace samplemind::audio
