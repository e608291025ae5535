#pragma once
// The BS.1770 K-weighting filter (a high shelf, then the RLB high-pass, as two biquads in
// double precision) run two ways: one recursion per channel that carries its history from
// call to call, and eight independent recursions in step over separate stretches of the
// signal. The filter is bound by its recursion's latency, so eight lanes in step cost little
// more than one; each stretch starts from rest a settling time early (k_filter_settle_s) and
// its energy is counted only after that, when the start no longer shows.
#include <cstddef>

namespace samplemind::audio {

// Coefficients for one sample rate, exactly as libebur128 derives them.
struct KFilter {
  double b0, b1, b2, a1, a2;  // pre-filter shelf
  double ha1, ha2;            // RLB high-pass (numerator 1, -2, 1)
};

// Direct form I history: shelf input, shelf output (= high-pass input), high-pass output,
// each at n-1 and n-2.
struct KFilterHistory {
  double x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0, z1 = 0.0, z2 = 0.0;
};

// Settling time of a filter started from rest: the RLB high-pass's slower pole r (0.9946 per
// sample at 44.1 kHz) with its double-pole factor, n * r^n, is below 1e-16 after 0.2 s at
// every rate from 8 kHz to 192 kHz (1.4e-17 at 44.1 kHz), so a stretch's settled history
// differs from the true one by less than a double's rounding of the audio before it.
inline constexpr double k_filter_settle_s = 0.2;
inline constexpr int k_lane_count = 8;

// Which eight-lane build this CPU runs: none below AVX2 (eight lanes would cost more there).
enum class LaneKernel { none, avx2, avx512 };

// Builds the K-filter for a sample rate (libebur128's ebur128_init_filter constants).
KFilter make_k_filter(int sample_rate);

// Filters one channel (stride apart from frame to frame, starting at frames[offset]) for count
// frames, carrying history, and adds the sum of squared outputs to energy.
void k_filter_one(const float* frames, std::size_t count, std::size_t stride, std::size_t offset, const KFilter& k,
                  KFilterHistory& history, double& energy);
// The same for two channels at once (their recursions overlap in one SSE2 register).
void k_filter_two(const float* frames, std::size_t count, std::size_t stride, const std::size_t (&offset)[2],
                  const KFilter& k, KFilterHistory (&history)[2], double (&energy)[2]);

// The fastest eight-lane build this CPU has, found once.
LaneKernel best_lane_kernel();
// Cost of one eight-lane step, and of one frame of the in-order recursion over channels
// channels, in units of one frame of the two-channel recursion: a caller compares them to
// tell when settling makes the lanes dearer.
double lane_step_cost(LaneKernel kernel);
double in_order_frame_cost(std::size_t channels);
// Eight recursions in step, each from rest: lane l reads frames[start[l] + n * stride] for
// n < settle + subblocks * subblock_frames; the first settle frames only settle the filter,
// then the sum of squared outputs of each following sub-block goes to energy[s * 8 + l].
// kernel is not none.
void k_filter_lanes(LaneKernel kernel, const float* frames, std::size_t stride,
                    const std::size_t (&start)[k_lane_count], const KFilter& k, std::size_t settle,
                    std::size_t subblock_frames, std::size_t subblocks, double* energy);

}  // namespace samplemind::audio
