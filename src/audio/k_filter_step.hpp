#pragma once
// One step of the K-weighting cascade for a double or any GCC double vector, shared by the
// per-channel recursion (k_filter.cpp) and the lanes (k_filter_lanes.cpp), so both compute
// the same arithmetic in the same order.
#include "audio/k_filter.hpp"

namespace samplemind::audio {

inline constexpr double k_flush_threshold = 1e-20;  // filter history below this is zeroed (no denormals)

// Advances the history by input x; the output is the new z1. The feedback product is added
// last, so the loop-carried chain is one multiply and one add.
template <class Vec>
inline __attribute__((always_inline)) void k_step(const KFilter& k, const Vec& x, Vec& x1, Vec& x2, Vec& y1, Vec& y2,
                                                  Vec& z1, Vec& z2) {
  const Vec y = (k.b0 * x + k.b1 * x1 + k.b2 * x2 - k.a2 * y2) - k.a1 * y1;
  const Vec z = ((y - 2.0 * y1 + y2) - k.ha2 * z2) - k.ha1 * z1;
  x2 = x1, x1 = x;
  y2 = y1, y1 = y;
  z2 = z1, z1 = z;
}

// Zeroes history values too small to matter before they decay into denormals.
template <class Vec>
inline __attribute__((always_inline)) void flush_tiny(Vec& v) {
  v = (v < k_flush_threshold && v > -k_flush_threshold) ? Vec{} : v;
}
inline void flush_tiny(double& v) {
  if (v < k_flush_threshold && v > -k_flush_threshold) v = 0.0;
}

}  // namespace samplemind::audio
