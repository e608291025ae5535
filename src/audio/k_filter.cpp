// The K-filter's coefficients and its recursion per channel, history carried from call to
// call and kept in registers while it runs.
#include "audio/k_filter.hpp"

#include <cmath>
#include <initializer_list>
#include <numbers>

#include "audio/float_vectors.hpp"
#include "audio/k_filter_step.hpp"

namespace samplemind::audio {

namespace {
using Pair = double __attribute__((vector_size(16)));

// The per-sample recursion of one or two channels over count frames.
template <class Vec, int Lanes>
inline __attribute__((always_inline)) void run_k_filter(const float* frames, std::size_t count, std::size_t stride,
                                                        const std::size_t* offset, const KFilter& k, Vec* history,
                                                        Vec& energy) {
  Vec x1 = history[0], x2 = history[1], y1 = history[2], y2 = history[3], z1 = history[4], z2 = history[5];
  for (std::size_t n = 0; n < count; ++n) {
    const float* frame = frames + n * stride;
    Vec x{};
    if constexpr (Lanes == 1) {
      x = frame[offset[0]];
    } else {
      for (int l = 0; l < Lanes; ++l) x[l] = frame[offset[l]];
    }
    k_step(k, x, x1, x2, y1, y2, z1, z2);
    energy += z1 * z1;
  }
  history[0] = x1, history[1] = x2, history[2] = y1, history[3] = y2, history[4] = z1, history[5] = z2;
}

// Each built twice: with fused multiply-adds where the CPU has them (one rounding per
// multiply-add, ~1e-16 relative), chosen once at load time.
SAMPLEMIND_CLONES("fma", "default")
void filter_one_clone(const float* frames, std::size_t count, std::size_t stride, const std::size_t* offset,
                      const KFilter& k, double* history, double& energy) {
  run_k_filter<double, 1>(frames, count, stride, offset, k, history, energy);
}
SAMPLEMIND_CLONES("fma", "default")
void filter_two_clone(const float* frames, std::size_t count, std::size_t stride, const std::size_t* offset,
                      const KFilter& k, Pair* history, Pair& energy) {
  run_k_filter<Pair, 2>(frames, count, stride, offset, k, history, energy);
}

KFilterHistory flushed(KFilterHistory h) {
  for (double* v : {&h.x1, &h.x2, &h.y1, &h.y2, &h.z1, &h.z2}) flush_tiny(*v);
  return h;
}
}  // namespace

KFilter make_k_filter(int sample_rate) {
  const double rate = sample_rate > 0 ? sample_rate : 1;
  KFilter k{};
  {  // Pre-filter: high shelf (head acoustics).
    const double f0 = 1681.974450955533, gain_db = 3.999843853973347, q = 0.7071752369554196;
    const double t = std::tan(std::numbers::pi * f0 / rate);
    const double vh = std::pow(10.0, gain_db / 20.0);
    const double vb = std::pow(vh, 0.4996667741545416);
    const double a0 = 1.0 + t / q + t * t;
    k.b0 = (vh + vb * t / q + t * t) / a0;
    k.b1 = 2.0 * (t * t - vh) / a0;
    k.b2 = (vh - vb * t / q + t * t) / a0;
    k.a1 = 2.0 * (t * t - 1.0) / a0;
    k.a2 = (1.0 - t / q + t * t) / a0;
  }
  {  // RLB weighting: second-order high-pass; its numerator is 1, -2, 1 as in BS.1770.
    const double f0 = 38.13547087602444, q = 0.5003270373238773;
    const double t = std::tan(std::numbers::pi * f0 / rate);
    const double a0 = 1.0 + t / q + t * t;
    k.ha1 = 2.0 * (t * t - 1.0) / a0;
    k.ha2 = (1.0 - t / q + t * t) / a0;
  }
  return k;
}

void k_filter_one(const float* frames, std::size_t count, std::size_t stride, std::size_t offset, const KFilter& k,
                  KFilterHistory& history, double& energy) {
  double h[6] = {history.x1, history.x2, history.y1, history.y2, history.z1, history.z2};
  double sum = 0.0;
  filter_one_clone(frames, count, stride, &offset, k, h, sum);
  history = flushed({h[0], h[1], h[2], h[3], h[4], h[5]});
  energy += sum;
}

void k_filter_two(const float* frames, std::size_t count, std::size_t stride, const std::size_t (&offset)[2],
                  const KFilter& k, KFilterHistory (&history)[2], double (&energy)[2]) {
  Pair h[6];
  for (int l = 0; l < 2; ++l) {
    const KFilterHistory& s = history[l];
    const double values[6] = {s.x1, s.x2, s.y1, s.y2, s.z1, s.z2};
    for (int i = 0; i < 6; ++i) h[i][l] = values[i];
  }
  Pair sum{};
  filter_two_clone(frames, count, stride, offset, k, h, sum);
  for (int l = 0; l < 2; ++l) {
    history[l] = flushed({h[0][l], h[1][l], h[2][l], h[3][l], h[4][l], h[5][l]});
    energy[l] += sum[l];
  }
}

}  // namespace samplemind::audio
