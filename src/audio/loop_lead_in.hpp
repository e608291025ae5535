#pragma once
// A loop exported with silence before its first sound (an MP3 decoder's delay without
// gapless data, a DAW's export offset) starts where the sound does, not at the file's start.
#include <span>

#include "audio/onset_stage.hpp"

namespace samplemind::audio {

// Why: the beat grid starts at the loop's first sound. The time before the first sample
// louder than -50 dB of the loudest; 0 when the first sound comes later than 0.5 s (that
// is a rest in the music, not an offset).
double leading_silence_s(std::span<const float> samples, int rate_hz);

// Why: the tempo of a loop with a lead-in is read as if the file began at its first sound.
// The envelopes without their first lead_s seconds (whole hops).
OnsetEnvelopes without_lead_in(const OnsetEnvelopes& envelopes, double lead_s);

}  // namespace samplemind::audio
