#pragma once
// What kind of sound a file is (kick, snare, ..., drum loop, music loop), from the audio
// alone: the envelope and spectrum (TimbreSummary), pitch, key and periodicity (Features),
// and how much of the chroma band sits in clear peaks (the chroma stage's tonalness).
#include <optional>
#include <string>
#include <string_view>

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

// Why: the one list of the categories that name a drum (drum loop, kick, snare, clap, hat,
// cymbal, tom), which carry no key; "percussion" is not one (tuned bells, glasses).
bool is_drum_category(std::string_view category);

// Why: the drum hits (kick, snare, clap, hat, cymbal, tom, percussion): one list for the
// name rules' families and the offline analyser's roles.
bool is_drum_hit_category(std::string_view category);

// Why: a drum's partials (a tuned tom, a ride's bell, a pitched kick, a drum loop's kit) can
// line up with a key profile by chance, and a drum with a wrong key is worse than one
// without. Clears the audio key (never a stated one) of a file whose category is a drum
// (is_drum_category); call after the category, which counted a loop's key as one of its
// votes, and again after a file name changes the category. A tuned drum keeps its root.
void drop_drum_key(Features& features);

// Why: the audio rules give a hat, cymbal, snare or clap no root (only tuned toms and kicks
// have one); when a file name makes a rooted sound one of those, its root was hum or body
// resonance. A smpl (AIFF: INST) unity note on one is the key a sampler maps it to, or the
// writer's default C4, not a pitch. Clears such a file's audio or smpl root (never one
// that a tag, an ACID chunk or the name states).
void drop_unpitched_drum_root(Features& features);

}  // namespace samplemind::audio
