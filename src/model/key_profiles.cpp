// Krumhansl-Kessler, Temperley and electronic-music profiles (key_profiles.hpp).
#include "model/key_profiles.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace samplemind {

namespace {

struct ProfilePair {
  PitchProfile major;
  PitchProfile minor;
};

// Krumhansl & Kessler (1982) probe-tone ratings.
constexpr ProfilePair k_krumhansl{{6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88},
                                  {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17}};
// Temperley (1999), as used by Essentia's "temperley" profile.
constexpr ProfilePair k_temperley{{5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0},
                                  {5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0}};
// Faraldo et al. (2016) electronic dance music profile ("edma" in Essentia's Key).
constexpr ProfilePair k_edma{{1.00, 0.29, 0.50, 0.40, 0.60, 0.56, 0.32, 0.80, 0.31, 0.45, 0.42, 0.39},
                             {1.00, 0.31, 0.44, 0.58, 0.33, 0.49, 0.29, 0.78, 0.43, 0.29, 0.53, 0.32}};
// Shaath's Beatport-derived profile ("bgate" in Essentia).
constexpr ProfilePair k_bgate{{1.00, 0.00, 0.42, 0.00, 0.53, 0.37, 0.00, 0.77, 0.00, 0.38, 0.21, 0.30},
                              {1.00, 0.00, 0.36, 0.39, 0.00, 0.38, 0.00, 0.74, 0.27, 0.00, 0.42, 0.23}};

const ProfilePair& profiles_of(ProfileSet set) {
  switch (set) {
    case ProfileSet::krumhansl: return k_krumhansl;
    case ProfileSet::temperley: return k_temperley;
    case ProfileSet::edma: return k_edma;
    case ProfileSet::bgate: return k_bgate;
  }
  return k_krumhansl;
}

double pearson(const PitchProfile& x, const PitchProfile& y, int rotation) {
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / 12.0;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / 12.0;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (int i = 0; i < 12; ++i) {
    const double dx = x[static_cast<std::size_t>((i + rotation) % 12)] - mx;
    const double dy = y[static_cast<std::size_t>(i)] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return 0.0;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

double key_fit(const PitchProfile& profile, ProfileSet set, int tonic, bool minor) {
  const ProfilePair& profiles = profiles_of(set);
  return pearson(profile, minor ? profiles.minor : profiles.major, ((tonic % 12) + 12) % 12);
}

double best_key_fit(const PitchProfile& profile, ProfileSet set) {
  double best = -1.0;
  for (int tonic = 0; tonic < 12; ++tonic) {
    best = std::max({best, key_fit(profile, set, tonic, false), key_fit(profile, set, tonic, true)});
  }
  return best;
}

std::optional<ProfileSet> profile_set_from_name(std::string_view name) {
  if (name == "krumhansl") return ProfileSet::krumhansl;
  if (name == "temperley") return ProfileSet::temperley;
  if (name == "edma") return ProfileSet::edma;
  if (name == "bgate") return ProfileSet::bgate;
  return std::nullopt;
}

}  // namespace samplemind
