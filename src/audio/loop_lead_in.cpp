#include "audio/loop_lead_in.hpp"

#include <algorithm>
#include <cmath>

namespace samplemind::audio {

namespace {
constexpr float k_sound_ratio = 0.00316f;  // -50 dB of the loudest sample
constexpr double k_max_lead_in_s = 0.5;

std::vector<float> dropped(const std::vector<float>& values, std::size_t count) {
  return {values.begin() + static_cast<std::ptrdiff_t>(std::min(count, values.size())), values.end()};
}
}  // namespace

double leading_silence_s(std::span<const float> samples, int rate_hz) {
  if (samples.empty() || rate_hz <= 0) return 0.0;
  float loudest = 0.0f;
  for (const float v : samples) loudest = std::max(loudest, std::abs(v));
  if (!(loudest > 0.0f)) return 0.0;
  const auto first = std::find_if(samples.begin(), samples.end(), [&](float v) { return std::abs(v) > k_sound_ratio * loudest; });
  const double lead = static_cast<double>(first - samples.begin()) / rate_hz;
  return lead <= k_max_lead_in_s ? lead : 0.0;
}

OnsetEnvelopes without_lead_in(const OnsetEnvelopes& envelopes, double lead_s) {
  const auto hops = static_cast<std::size_t>(std::max(0L, std::lround(lead_s * envelopes.frame_rate_hz)));
  OnsetEnvelopes out;
  out.frame_rate_hz = envelopes.frame_rate_hz;
  out.flux_low = dropped(envelopes.flux_low, hops);
  out.flux_mid = dropped(envelopes.flux_mid, hops);
  out.flux_high = dropped(envelopes.flux_high, hops);
  out.frame_rms = dropped(envelopes.frame_rms, hops);
  return out;
}

}  // namespace samplemind::audio
