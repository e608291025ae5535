#pragma once
// Where a spectral peak really lies between bins: the chroma stage places its peaks with it,
// the root stage its low partials (harmonic_pitch.cpp).
#include <cmath>
#include <cstddef>

namespace samplemind::audio {

// Why: a partial rarely sits on a bin centre; a parabola through the log magnitudes of bins
// k - 1, k, k + 1 finds its offset from bin k (-0.5..0.5 at a local maximum). Float logs:
// half the cost of double ones, and their error moves a peak by ~1e-6 bins.
inline double peak_offset_bins(const float* magnitude, std::size_t k) {
  const double a = std::log(magnitude[k - 1] + 1e-30f), b = std::log(magnitude[k] + 1e-30f),
               c = std::log(magnitude[k + 1] + 1e-30f);
  const double denom = a - 2 * b + c;
  return std::abs(denom) > 1e-12 ? 0.5 * (a - c) / denom : 0.0;
}

}  // namespace samplemind::audio
