// Raw measurement -> mapped value -> (value - centre) / scale, clamped. The centres and
// scales are the mean and standard deviation of each mapped value over the tuning half
// of the real evaluation corpus (docs/evaluation.md), rounded.
#include "audio/timbre_descriptor.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace samplemind::audio {

namespace {
constexpr double k_clamp = 4.0;
constexpr double k_time_floor_s = 0.005;  // below the envelope's 5.8 ms resolution

// clang-format off
constexpr std::array<double, k_timbre_descriptor_size> k_centre = {
  2.233, 0.2661, 0.4599, 0.153, 0.2197, 0.05496,
  0.1015, -0.03313, 0.02897, 0.0207, 0.05087, 0.02977,
  0.8735, 0.4947, 0.3338, 0.273, 0.2324, 0.2338,
  0.2081, 0.1984, 0.189, 0.1904, 0.2016, 0.1914,
  9.175, 0.7386, 0.03596, 9.722, 0.3908, 0.1037,
  0.1857, -0.9644, -0.1874, 0.6274,
};
constexpr std::array<double, k_timbre_descriptor_size> k_scale = {
  1.938, 0.9882, 0.5877, 0.5243, 0.4075, 0.3991,
  0.3682, 0.3069, 0.312, 0.3394, 0.2802, 0.3543,
  0.5596, 0.2988, 0.1857, 0.1431, 0.1141, 0.1223,
  0.1108, 0.09717, 0.08762, 0.1159, 0.1206, 0.108,
  1.723, 0.5225, 0.06881, 1.833, 0.3647, 0.2238,
  0.4947, 1.059, 0.5651, 0.239,
};
// clang-format on

double log_time(double seconds) { return std::log10(std::max(seconds, 0.0) + k_time_floor_s); }
}  // namespace

std::vector<float> timbre_descriptor(const TimbreSummary& s) {
  if (!s.audible) return {};
  std::array<double, k_timbre_descriptor_size> raw{};
  for (int c = 0; c < k_timbre_mfcc_count; ++c) {
    raw[static_cast<std::size_t>(c)] = s.mfcc_mean[static_cast<std::size_t>(c)];
    raw[static_cast<std::size_t>(c + k_timbre_mfcc_count)] = s.mfcc_spread[static_cast<std::size_t>(c)];
  }
  raw[24] = std::log2(std::max(s.centroid_hz, 20.0));
  raw[25] = s.centroid_spread;
  raw[26] = s.flatness;
  raw[27] = std::log2(std::max(s.rolloff_hz, 20.0));
  raw[28] = s.low_ratio;
  raw[29] = s.high_ratio;
  raw[30] = log_time(s.duration_s);
  raw[31] = log_time(s.attack_s);
  raw[32] = log_time(s.decay_s);
  raw[33] = s.sustain;
  std::vector<float> out(k_timbre_descriptor_size);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const double z = (raw[i] - k_centre[i]) / k_scale[i];
    out[i] = static_cast<float>(std::isfinite(z) ? std::clamp(z, -k_clamp, k_clamp) : 0.0);
  }
  return out;
}

}  // namespace samplemind::audio
