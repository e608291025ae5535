#pragma once
// The major and minor key profiles a key is read with, and how well a pitch-class profile
// fits one key: shared by the key classifier (which key the audio is in) and the statement
// check (how much worse a stated key fits than the audio's best).
#include <array>
#include <optional>
#include <string_view>

namespace samplemind {

enum class ProfileSet { krumhansl, temperley, edma, bgate };

// The set the extractor reads keys with: best on the real corpus' tuning half (docs/features.md, "Key").
inline constexpr ProfileSet k_key_profile_set = ProfileSet::bgate;

using PitchProfile = std::array<double, 12>;  // C..B

// Pearson correlation of profile with the key's major or minor profile rotated to its tonic
// (pitch class, 0 = C); 0 for a flat profile.
double key_fit(const PitchProfile& profile, ProfileSet set, int tonic, bool minor);

// The best key_fit over the 24 keys.
double best_key_fit(const PitchProfile& profile, ProfileSet set);

// Parses "edma" etc.; nullopt when unknown (used by tools and env overrides).
std::optional<ProfileSet> profile_set_from_name(std::string_view name);

}  // namespace samplemind
