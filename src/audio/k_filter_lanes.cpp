// Eight K-filter recursions in step (k_filter.hpp says why), built for two instruction sets:
// one eight-double register with AVX-512, two four-double registers with AVX2 and FMA.
// Without either, eight lanes cost more than the per-channel recursion, so there are none.
#include <cstddef>
#include <initializer_list>

#include "audio/float_vectors.hpp"
#include "audio/k_filter.hpp"
#include "audio/k_filter_step.hpp"

namespace samplemind::audio {

namespace {
#if defined(__x86_64__) && defined(__GNUC__)
#define SAMPLEMIND_LANE_KERNELS 1
using Quad = double __attribute__((vector_size(32)));
using Octet = double __attribute__((vector_size(64)));

// The inputs are gathered into a float vector and converted in registers: filled element
// by element through memory, eight narrow stores and a wide load stalled every step.
__attribute__((target("avx512f"))) void lanes_avx512(const float* const* lane, std::size_t stride,
                                                     const KFilter& k, std::size_t settle,
                                                     std::size_t subblock_frames, std::size_t subblocks,
                                                     double* energy) {
  Octet x1{}, x2{}, y1{}, y2{}, z1{}, z2{}, x;
  std::size_t at = 0;  // floats from each lane's start
  const auto load = [&]() __attribute__((always_inline)) {
    const Floats8 f = {lane[0][at], lane[1][at], lane[2][at], lane[3][at],
                       lane[4][at], lane[5][at], lane[6][at], lane[7][at]};
    x = __builtin_convertvector(f, Octet);
    at += stride;
  };
  for (std::size_t n = 0; n < settle; ++n) {
    load();
    k_step(k, x, x1, x2, y1, y2, z1, z2);
  }
  for (std::size_t s = 0; s < subblocks; ++s) {
    Octet sum{};
    for (std::size_t n = 0; n < subblock_frames; ++n) {
      load();
      k_step(k, x, x1, x2, y1, y2, z1, z2);
      sum += z1 * z1;
    }
    for (int l = 0; l < k_lane_count; ++l) energy[s * k_lane_count + static_cast<std::size_t>(l)] = sum[l];
    for (Octet* v : {&x1, &x2, &y1, &y2, &z1, &z2}) flush_tiny(*v);
  }
}

// Two four-lane halves: GCC spills an eight-double vector badly in sixteen AVX2 registers.
__attribute__((target("avx2,fma"))) void lanes_avx2(const float* const* lane, std::size_t stride,
                                                    const KFilter& k, std::size_t settle,
                                                    std::size_t subblock_frames, std::size_t subblocks,
                                                    double* energy) {
  Quad ax1{}, ax2{}, ay1{}, ay2{}, az1{}, az2{}, a;  // lanes 0-3
  Quad bx1{}, bx2{}, by1{}, by2{}, bz1{}, bz2{}, b;  // lanes 4-7
  std::size_t at = 0;
  const auto load = [&]() __attribute__((always_inline)) {
    const Floats4 low = {lane[0][at], lane[1][at], lane[2][at], lane[3][at]};
    const Floats4 high = {lane[4][at], lane[5][at], lane[6][at], lane[7][at]};
    a = __builtin_convertvector(low, Quad);
    b = __builtin_convertvector(high, Quad);
    at += stride;
  };
  for (std::size_t n = 0; n < settle; ++n) {
    load();
    k_step(k, a, ax1, ax2, ay1, ay2, az1, az2);
    k_step(k, b, bx1, bx2, by1, by2, bz1, bz2);
  }
  for (std::size_t s = 0; s < subblocks; ++s) {
    Quad sum_a{}, sum_b{};
    for (std::size_t n = 0; n < subblock_frames; ++n) {
      load();
      k_step(k, a, ax1, ax2, ay1, ay2, az1, az2);
      k_step(k, b, bx1, bx2, by1, by2, bz1, bz2);
      sum_a += az1 * az1;
      sum_b += bz1 * bz1;
    }
    for (std::size_t l = 0; l < 4; ++l) {
      energy[s * k_lane_count + l] = sum_a[l];
      energy[s * k_lane_count + 4 + l] = sum_b[l];
    }
    for (Quad* v : {&ax1, &ax2, &ay1, &ay2, &az1, &az2, &bx1, &bx2, &by1, &by2, &bz1, &bz2}) flush_tiny(*v);
  }
}
#endif
}  // namespace

LaneKernel best_lane_kernel() {
#ifdef SAMPLEMIND_LANE_KERNELS
  static const LaneKernel best = __builtin_cpu_supports("avx512f") ? LaneKernel::avx512
                                 : (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? LaneKernel::avx2
                                                                                                   : LaneKernel::none;
  return best;
#else
  return LaneKernel::none;
#endif
}

double lane_step_cost(LaneKernel kernel) {
  // Measured on an AMD EPYC with AVX-512 against the two-channel recursion's 1.48 ns per frame:
  // 1.92 ns per eight-lane step with AVX-512, 3.95 ns with AVX2.
  return kernel == LaneKernel::avx512 ? 1.3 : 2.7;
}

double in_order_frame_cost(std::size_t channels) {
  // Channels go in pairs (1.48 ns per frame); one left over runs alone (2.27 ns per sample).
  return static_cast<double>(channels / 2) + 1.5 * static_cast<double>(channels % 2);
}

void k_filter_lanes(LaneKernel kernel, const float* frames, std::size_t stride,
                    const std::size_t (&start)[k_lane_count], const KFilter& k, std::size_t settle,
                    std::size_t subblock_frames, std::size_t subblocks, double* energy) {
#ifdef SAMPLEMIND_LANE_KERNELS
  const float* lane[k_lane_count];
  for (int l = 0; l < k_lane_count; ++l) lane[l] = frames + start[l];
  if (kernel == LaneKernel::avx512) lanes_avx512(lane, stride, k, settle, subblock_frames, subblocks, energy);
  if (kernel == LaneKernel::avx2) lanes_avx2(lane, stride, k, settle, subblock_frames, subblocks, energy);
#else
  (void)kernel, (void)frames, (void)stride, (void)start, (void)k, (void)settle, (void)subblock_frames,
      (void)subblocks, (void)energy;
#endif
}

}  // namespace samplemind::audio
