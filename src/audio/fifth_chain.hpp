#pragma once
// A chord built of fifths alone (a power chord E-B, stacked fifths E-B-F#, which is also a
// sus2 chord) has no third to name a key by. Key profiles then tend to name the chain's top
// (E-B-F# fits B major about as well as E major); the chord's root is its bottom.
#include <optional>

#include "model/key_profiles.hpp"

namespace samplemind::audio {

// Classes at this share of the profile's top are the chord's notes: the value of the key
// gate's one-shot "strong class" line (key_classifier.cpp), not fitted; check both together.
inline constexpr double k_fifth_chain_strong_share = 0.5;
// Either third of the bottom note at this share of the top or more is a third: not a chain
// (the value of the key gate's line for a loop's second class, not fitted).
inline constexpr double k_fifth_chain_third_share = 0.25;

// The pitch class at the bottom of the chain when the profile's strong classes are exactly a
// chain of two or three fifths (X, X+7[, X+14]) and neither third of X sounds; else nullopt.
std::optional<int> fifth_chain_bottom(const PitchProfile& profile);

}  // namespace samplemind::audio
