#pragma once
// What a file's tempo readings become in its JSON: whole BPM where a producer set one, and a
// second candidate chosen for the doubt a user most needs to see (docs/features.md, Tempo).
#include <cstddef>
#include <vector>

#include "audio/tempo_estimator.hpp"

namespace samplemind::audio {

// Why: producers label loops with whole BPM, so a reading within 0.5 of one is that whole
// BPM; any other (a loop cut a little short) keeps 2 decimals.
double snapped_bpm(double bpm);

// Why: the half or double reading is the doubt a user most needs to see beside the first. The
// index of the second tempo candidate in a ranking (best first): the best reading at half or
// double first_bpm (4%), else the best other tempo; ranked.size() when every reading is first_bpm.
std::size_t second_candidate_index(const std::vector<RankedReading>& ranked, double first_bpm);

}  // namespace samplemind::audio
