#pragma once
// A loop's timing read from its audio where the file's length misleads: silence before
// its first sound (an MP3 decoder's delay without gapless data, a DAW's export offset),
// and its tempo from its onsets when it is cut a little short or has a tail.
#include <cstddef>
#include <span>
#include <vector>

#include "audio/onset_stage.hpp"

namespace samplemind::audio {

// Why: the beat grid starts at the loop's first sound. The time before the first sample
// louder than -50 dB of the loudest; 0 when the first sound comes later than 0.5 s (that
// is a rest in the music, not an offset).
double leading_silence_s(std::span<const float> samples, int rate_hz);

// Why: the tempo of a loop with a lead-in is read as if the file began at its first sound.
// The envelopes without their first lead_s seconds (whole hops).
OnsetEnvelopes without_lead_in(const OnsetEnvelopes& envelopes, double lead_s);

// Why: an export padded with silence after its last bar is read as if it ended with its
// sound. The index of the last sample louder than digital silence (-80 dBFS: zeros, or a
// 16-bit export's dither), or -1 when there is none.
std::ptrdiff_t last_sounding_index(std::span<const float> samples);

// Why: the envelopes of the first keep_s seconds only (whole hops), for a reading without
// a silent tail.
OnsetEnvelopes first_seconds(const OnsetEnvelopes& envelopes, double keep_s);

// Why: a one-bar loop's readings cannot tell 120 from 122 BPM; its onsets can. Each onset
// near an eighth-note grid point of bpm is numbered, and a line through (number, time)
// gives the eighth's length: first over the first bar (where a small tempo error has not
// yet moved the grid off the onsets), then over the whole file. Returns bpm unchanged
// when too few onsets sit on the grid or the fit moves more than 6%.
double tempo_from_onsets(const std::vector<double>& onset_times_s, double bpm);

}  // namespace samplemind::audio
