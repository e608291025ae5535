// Blackman-windowed sinc at a quarter of the input rate: every other tap but the centre
// is zero, and the 31-tap transition band (~0.16-0.34 fs) keeps hats above 7.5 kHz
// (at 22.05 kHz) from folding into the 25 Hz - 3.5 kHz chroma band.
#include "audio/half_band_decimator.hpp"

#include <cmath>
#include <numbers>

namespace samplemind::audio {

namespace {
constexpr int k_centre = k_half_band_taps / 2;

double windowed_sinc(int i) {
  const double x = i - k_centre;
  const double sinc = x == 0.0 ? 0.5 : std::sin(std::numbers::pi * x / 2.0) / (std::numbers::pi * x);
  const double w = 2.0 * std::numbers::pi * i / (k_half_band_taps - 1);
  return sinc * (0.42 - 0.5 * std::cos(w) + 0.08 * std::cos(2.0 * w));
}
}  // namespace

HalfBandDecimator::HalfBandDecimator() {
  double sum = 0.0;
  for (int i = 0; i < k_half_band_taps; ++i) sum += windowed_sinc(i);  // unity gain at DC
  centre_tap_ = static_cast<float>(windowed_sinc(k_centre) / sum);
  for (int k = 0; k < k_side_taps; ++k) {
    side_taps_[static_cast<std::size_t>(k)] = static_cast<float>(windowed_sinc(k_centre + 2 * k + 1) / sum);
  }
  buffer_.assign(static_cast<std::size_t>(k_half_band_taps - 1), 0.0f);
}

void HalfBandDecimator::push(std::span<const float> input, std::vector<float>& out) {
  buffer_.insert(buffer_.end(), input.begin(), input.end());
  constexpr auto span = static_cast<std::size_t>(k_half_band_taps);
  std::size_t start = 0;
  // The filter is symmetric: pair the taps at centre -+ (2k + 1).
  for (; start + span <= buffer_.size(); start += 2) {
    const float* c = buffer_.data() + start + k_centre;
    float sum = centre_tap_ * c[0];
    for (std::size_t k = 0; k < static_cast<std::size_t>(k_side_taps); ++k) {
      const std::ptrdiff_t offset = 2 * static_cast<std::ptrdiff_t>(k) + 1;
      sum += side_taps_[k] * (c[-offset] + c[offset]);
    }
    out.push_back(sum);
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start));
}

}  // namespace samplemind::audio
