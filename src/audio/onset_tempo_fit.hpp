#pragma once
// A tempo read from onset times alone, for a loop whose length is not whole beats (cut a
// little short, or with a tail): the length then gives the tempo only roughly.
#include <vector>

namespace samplemind::audio {

// Why: a one-bar loop's readings cannot tell 120 from 122 BPM; its onsets can. Each onset
// near an eighth-note grid point of bpm is numbered, and a line through (number, time)
// gives the eighth's length: first over the first bar (where a small tempo error has not
// yet moved the grid off the onsets), then over the whole file. Returns bpm unchanged
// when too few onsets sit on the grid or the fit moves more than 6%.
double tempo_from_onsets(const std::vector<double>& onset_times_s, double bpm);

}  // namespace samplemind::audio
