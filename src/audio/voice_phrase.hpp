#pragma once
// A spoken phrase: a voice says a few words with pauses between them. Its pitch glides
// instead of holding notes, so its tonal energy is spread over every cent of the semitone;
// played or sung notes sit on one tuning grid.
#include "audio/level_shape.hpp"
#include "audio/tempo_estimator.hpp"
#include "model/features.hpp"

namespace samplemind::audio {

// Why: two or three spoken words passed the pulse gate as a loop (version 22 reads 11% of
// recorded letters and syllables as loops); a pitched sound off the semitone grid with
// pauses and fewer sounds than a bar of beats is a voice, not a groove.
// tuning_concentration and tonalness are the Chroma's (chroma_stage.hpp).
bool sounds_like_spoken_phrase(const LevelShape& levels, double tuning_concentration, double tonalness);

// Why: the tempo stage sees onsets, not pitch; this drops a reading the chroma shows to be
// a spoken phrase. A length of whole bars at a whole BPM keeps its tempo (a vocal loop cut
// at bar lines).
TempoEstimate without_spoken_phrase_pulse(TempoEstimate estimate, double tuning_concentration, double tonalness);

// Why: a spoken phrase has no key, and its voice no note to name: the root would round a
// glide to the nearest semitone. Clears the audio key and root of such a sound, as the
// drum rules do for a kit drum ("no key rather than a wrong one"). A sound that holds one
// pitch throughout (holds_one_pitch: RootNote::held) keeps them: a struck bell or celesta
// note can spread its partials off the grid too.
void drop_spoken_phrase_pitch(Features& features, const LevelShape& levels, double tuning_concentration,
                              double tonalness, bool holds_one_pitch);

// Why: the timbre rules have no voice class, so spoken words came out as percussion or fx;
// a one-shot that is a spoken phrase (as drop_spoken_phrase_pitch decides) is `vocal`,
// unless the timbre rules found a kit drum (kick, snare, clap, hat, cymbal, tom) in it or
// it is a single sound that dies away (a crash rings off the grid too).
// Call after the category is set.
void name_spoken_phrase_vocal(Features& features, const LevelShape& levels, double tuning_concentration,
                              double tonalness, bool holds_one_pitch);

}  // namespace samplemind::audio
