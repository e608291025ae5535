#pragma once
// What kind of sound a file is (kick, snare, ..., drum loop, music loop), from the audio
// alone: the envelope and spectrum (TimbreSummary), pitch, key and periodicity (Features),
// and how much of the chroma band sits in clear peaks (the chroma stage's tonalness).
#include <optional>
#include <string>

#include "audio/timbre_stage.hpp"
#include "model/features.hpp"

namespace samplemind::audio {

// Why: one category word users can search and the offline analyser can build on; null
// when no rule is confident (the file name may still name one, see metadata). A loop is
// music when three of five signs agree: a key, a held level, little energy below 150 Hz,
// a moving MFCC 3, and tonalness above 0.65.
std::optional<std::string> classify_category(const TimbreSummary& timbre, const Features& features, double tonalness);

// Why: the key gate asks less of a loop's chroma when its timbre already sounds like music.
// True when two of the three non-key signs of a music loop agree (held level, little
// energy below 150 Hz, a moving MFCC 3), the key itself not counted.
bool timbre_sounds_tonal(const TimbreSummary& timbre);

// Why: a drum hit's partials can line up with a key profile by chance (a tuned tom, a
// ride's bell), and a drum hit with a wrong key is worse than one without. True when the
// rules for a one-shot without a root would call it kick, tom, snare, hat or cymbal.
bool sounds_like_kit_drum(const TimbreSummary& timbre);

// Why: a drum's chroma is its partials (a pitched kick, a tuned tom, a drum loop's kit),
// so a key read from it is a guess, and a wrong key is worse than none. Clears the audio
// key of a file whose category is a drum (drum loop, kick, snare, clap, hat, cymbal, tom;
// not "percussion", which holds tuned bells and glasses too); call after the category,
// which counted a loop's key as one of its votes. A tuned drum keeps its root.
void drop_drum_key(Features& features);

}  // namespace samplemind::audio
