#pragma once
// How far apart two sounds are in timbre: the distance `samplemind similar` ranks by.
#include <optional>
#include <span>

namespace samplemind {

// Why: one documented number for "sounds alike". Root mean square of the weighted
// differences of two timbre descriptors (docs/features.md, "Timbre"): 0 = identical,
// about 1.4 = two unrelated library sounds. Nothing when either is empty or their sizes
// differ (features of another extractor version).
std::optional<double> timbre_distance(std::span<const float> a, std::span<const float> b);

}  // namespace samplemind
