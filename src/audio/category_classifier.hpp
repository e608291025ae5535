#pragma once
// What kind of sound a file is (kick, snare, ..., drum loop, music loop), from the audio
// alone: the envelope and spectrum (TimbreSummary), pitch, key and periodicity (Features).
#include <optional>
#include <string>

#include "audio/timbre_stage.hpp"
#include "model/features.hpp"

namespace samplemind::audio {

// Why: one category word users can search and the offline analyser can build on; null
// when no rule is confident (the file name may still name one, see metadata).
std::optional<std::string> classify_category(const TimbreSummary& timbre, const Features& features);

// Why: the key gate asks less of a loop's chroma when its timbre already sounds like music.
// True when two of the three non-key signs of a music loop agree (held level, little
// energy below 150 Hz, a moving MFCC 3), the key itself not counted.
bool timbre_sounds_tonal(const TimbreSummary& timbre);

}  // namespace samplemind::audio
