#pragma once
// Continuous speech: a sentence spoken without pauses. Its syllables come as fast as a
// groove's hits, so the phrase rules (voice_phrase.hpp), which ask for pauses and few
// sounds, let it by; its pitch tells it apart: there most of the time, always moving, and
// in syllable-long stretches (a singer holds her notes).
#include <span>

#include "audio/pitch_contour.hpp"
#include "audio/timbre_stage.hpp"

namespace samplemind::audio {

// Why: the pitch track costs a pass over the head, worth it only for a sound that could
// be speech at all: off the semitone grid (tuning_concentration, chroma_stage.hpp) and in
// the voice band (voice_phrase.hpp).
bool could_be_continuous_speech(double tuning_concentration, const TimbreSummary& timbre);

// Why: the tempo stage reads a spoken sentence's syllables as a loop (28% of a set of
// spoken descriptions never tuned on); a voiced glide over most of the sound is a voice.
bool sounds_like_continuous_speech(const VoicedGlide& glide);

// The two above on a head at the analysis rate: pitch_contour is run only when the first holds.
bool head_sounds_like_continuous_speech(std::span<const float> head, double tuning_concentration,
                                        const TimbreSummary& timbre);

}  // namespace samplemind::audio
