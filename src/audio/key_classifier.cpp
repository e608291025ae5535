// The key gates and the relative-key switch over model/key_profiles' fits; the default set
// and the gate thresholds were chosen by measurement on the labelled corpus (docs/features.md).
#include "audio/key_classifier.hpp"

#include <algorithm>
#include <cmath>

#include "audio/fifth_chain.hpp"

namespace samplemind::audio {

namespace {

constexpr double k_min_correlation = 0.55;
constexpr double k_min_tonal_frames = 1.0;
// A loop whose timbre sounds like music (category rule's signs) needs less: tuning half,
// LMMS loops 0.464 -> 0.700 MIREX with one more drum loop keyed (docs/features.md).
constexpr double k_min_tonalness_tonal_loop = 0.35;
constexpr int k_min_key_classes = 2;     // one pitch class is a note, not a key
constexpr double k_strong_class_ratio = 0.5;
// A loop repeats its harmony over a bass that often stresses the tonic far above the other
// notes (tuning half: 4 of 14 key-labelled loops had one class above half the top); for a
// loop, a second class at a quarter of the top is enough.
constexpr double k_loop_strong_class_ratio = 0.25;
constexpr double k_relative_switch_margin = 0.3;  // correlation the relative key may trail by

// key_confidence: the mean of the correlation scaled over the gate and of 5x the margin.
double key_confidence(double correlation, double margin) {
  return std::clamp((correlation - k_min_correlation) / (1.0 - k_min_correlation) * 0.5 +
                        std::min(1.0, margin * 5.0) * 0.5,
                    0.0, 1.0);
}

// The key of one pitch-class profile, with every gate but tonalness (the caller's).
KeyEstimate key_of_profile(const PitchProfile& bins, const PitchProfile& opening_bass, ProfileSet set, SoundKind kind) {
  KeyEstimate estimate;
  const double top = *std::max_element(bins.begin(), bins.end());
  const double ratio = kind == SoundKind::loop ? k_loop_strong_class_ratio : k_strong_class_ratio;
  const auto strong = std::count_if(bins.begin(), bins.end(), [&](double v) { return v >= ratio * top; });
  if (strong < k_min_key_classes) return estimate;
  double best = -2.0, second = -2.0;
  int best_tonic = 0;
  bool best_minor = false;
  for (int tonic = 0; tonic < 12; ++tonic) {
    for (int minor = 0; minor < 2; ++minor) {
      const double r = key_fit(bins, set, tonic, minor != 0);
      if (r > best) {
        second = best;
        best = r;
        best_tonic = tonic;
        best_minor = minor != 0;
      } else if (r > second) {
        second = r;
      }
    }
  }
  // Relative keys share every note; a loop's opening bass note names the tonic.
  const int relative_tonic = best_minor ? (best_tonic + 3) % 12 : (best_tonic + 9) % 12;
  const double relative = key_fit(bins, set, relative_tonic, !best_minor);
  const auto bass_top = std::max_element(opening_bass.begin(), opening_bass.end());
  if (*bass_top > 0.0 && static_cast<int>(bass_top - opening_bass.begin()) == relative_tonic &&
      relative >= best - k_relative_switch_margin) {
    second = best;
    best = relative;
    best_tonic = relative_tonic;
    best_minor = !best_minor;
  }
  estimate.correlation = best;
  estimate.margin = std::max(0.0, best - second);
  if (!std::isfinite(best) || best < k_min_correlation) return estimate;
  estimate.tonic = best_tonic;
  estimate.minor = best_minor;
  estimate.confidence = key_confidence(best, estimate.margin);
  return estimate;
}

// Fifths without a third are rooted at their bottom, whichever key fits them best; the mode
// is the one that fits that tonic better. Read on the plain profile (the notes as they sound):
// whitening lifts the weak classes a chord's third would be found in.
KeyEstimate rooted_at_fifth_chain(KeyEstimate estimate, const PitchProfile& bins, ProfileSet set) {
  const auto bottom = fifth_chain_bottom(bins);
  if (!bottom || !estimate.tonic || *bottom == *estimate.tonic) return estimate;
  const double major = key_fit(bins, set, *bottom, false), minor = key_fit(bins, set, *bottom, true);
  const double fit = std::max(major, minor);
  if (!std::isfinite(fit) || fit < k_min_correlation) return estimate;
  estimate.tonic = *bottom;
  estimate.minor = minor > major;
  estimate.margin = 0.0;  // the mode is a guess: no third sounds
  estimate.correlation = fit;
  estimate.confidence = key_confidence(fit, estimate.margin);
  return estimate;
}

}  // namespace

KeyEstimate classify_key(const Chroma& chroma, ProfileSet set, SoundKind kind, TimbreEvidence timbre) {
  const double min_tonalness =
      kind == SoundKind::loop && timbre == TimbreEvidence::tonal ? k_min_tonalness_tonal_loop : k_min_tonalness;
  if (chroma.tonal_frames < k_min_tonal_frames || chroma.tonalness < min_tonalness) return {};
  // Whether there is a key is decided on the plain profile (its gates were set on it: drum
  // hits stay keyless); which key, on the whitened one when it passes the same gates.
  const KeyEstimate plain = key_of_profile(chroma.bins, chroma.opening_bass, set, kind);
  if (!plain.tonic) return plain;
  const KeyEstimate whitened = key_of_profile(chroma.whitened, chroma.opening_bass, set, kind);
  return rooted_at_fifth_chain(whitened.tonic ? whitened : plain, chroma.bins, set);
}

}  // namespace samplemind::audio
