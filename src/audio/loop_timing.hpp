#pragma once
// A loop's timing read from its audio where the file's length misleads: silence before
// its first sound (an MP3 decoder's delay without gapless data, a DAW's export offset),
// and its tempo from its onsets when it is cut a little short or has a tail.
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "audio/onset_stage.hpp"

namespace samplemind::audio {

// Why: the beat grid starts at the loop's first sound. The time before the first sample
// louder than -50 dB of the loudest; 0 when the first sound comes later than 0.5 s (that
// is a rest in the music, not an offset).
double leading_silence_s(std::span<const float> samples, int rate_hz);

// Why: the tempo of a loop with a lead-in is read as if the file began at its first sound.
// Why: part of a file is read on its own (without its lead-in, without its silent tail).
// The envelopes of length_s seconds from start_s (whole hops, clipped to the file); an
// infinite length_s keeps everything from start_s.
OnsetEnvelopes envelope_window(const OnsetEnvelopes& envelopes, double start_s,
                               double length_s = std::numeric_limits<double>::infinity());

// Why: an export padded with silence after its last bar is read as if it ended with its
// sound. The index of the last sample louder than digital silence (-80 dBFS: zeros, or a
// 16-bit export's dither), or -1 when there is none.
std::ptrdiff_t last_sounding_index(std::span<const float> samples);

// Why: a one-bar loop's readings cannot tell 120 from 122 BPM; its onsets can. Each onset
// near an eighth-note grid point of bpm is numbered, and a line through (number, time)
// gives the eighth's length: first over the first bar (where a small tempo error has not
// yet moved the grid off the onsets), then over the whole file. Returns bpm unchanged
// when too few onsets sit on the grid or the fit moves more than 6%.
double tempo_from_onsets(const std::vector<double>& onset_times_s, double bpm);

}  // namespace samplemind::audio
