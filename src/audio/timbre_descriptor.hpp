#pragma once
// The `timbre` feature: a TimbreSummary as 34 numbers on one scale, so that a plain
// Euclidean distance between two files means something (docs/features.md, "Timbre").
#include <vector>

#include "audio/timbre_stage.hpp"

namespace samplemind::audio {

constexpr int k_timbre_descriptor_size = 34;

// Why: each measurement is mapped (log for times and frequencies) and then centred and
// scaled by its mean and spread over real sample libraries, clamped to -4..4; silence
// gives an empty descriptor (nothing to compare).
std::vector<float> timbre_descriptor(const TimbreSummary& summary);

}  // namespace samplemind::audio
