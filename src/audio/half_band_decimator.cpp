// Blackman-windowed sinc at a quarter of the input rate: every other tap but the centre
// is zero, and the 31-tap transition band (~0.16-0.34 fs) keeps hats above 7.5 kHz
// (at 22.05 kHz) from folding into the 25 Hz - 3.5 kHz chroma band.
#include "audio/half_band_decimator.hpp"

#include <cmath>
#include <numbers>

#include "audio/float_vectors.hpp"

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

namespace {
constexpr std::size_t k_sides = (k_half_band_taps / 2 + 1) / 2;  // HalfBandDecimator's side taps

// Writes outputs at through at + 7: centre_tap * odd[j + 7] plus side[k] * (even[j + 7 - k] +
// even[j + 8 + k]) in tap order, the same float sum at any vector width.
inline __attribute__((always_inline)) void half_band_block(const float* e, const float* o, float centre_tap,
                                                           const float* side, std::size_t at, float* y) {
  constexpr auto centre = static_cast<std::size_t>(k_centre / 2);  // 7: the centre tap sits on odd samples
  Floats8 odd;
  load8(o + at + centre, odd);
  Floats8 acc = centre_tap * odd;
  for (std::size_t k = 0; k < k_sides; ++k) {
    Floats8 before, after;
    load8(e + at + centre - k, before);
    load8(e + at + centre + 1 + k, after);
    acc += side[k] * (before + after);
  }
  store8(y + at, acc);
}

// Why: eight outputs at a time waited on their own additions; thirty-two keep four sums in
// flight. The AVX2 build has no FMA to fuse them, so it rounds as the SSE2 one does.
// Returns how many outputs it wrote (a multiple of eight).
SAMPLEMIND_CLONES("avx2", "default")
std::size_t half_band_outputs(const float* e, const float* o, float centre_tap, const float* side, std::size_t count,
                              float* y) {
  std::size_t j = 0;
  for (; j + 32 <= count; j += 32) {
    half_band_block(e, o, centre_tap, side, j, y);
    half_band_block(e, o, centre_tap, side, j + 8, y);
    half_band_block(e, o, centre_tap, side, j + 16, y);
    half_band_block(e, o, centre_tap, side, j + 24, y);
  }
  for (; j + 8 <= count; j += 8) half_band_block(e, o, centre_tap, side, j, y);
  return j;
}
}  // namespace

void HalfBandDecimator::push(std::span<const float> input, std::vector<float>& out) {
  buffer_.insert(buffer_.end(), input.begin(), input.end());
  constexpr auto span = static_cast<std::size_t>(k_half_band_taps);
  if (buffer_.size() < span) return;
  const std::size_t count = (buffer_.size() - span) / 2 + 1;
  // Split into even and odd samples: output j is centre_tap * odd[j + 7] plus the side taps
  // times even[j + 7 - k] + even[j + 8 + k], so eight outputs are eight consecutive floats.
  even_.resize((buffer_.size() + 1) / 2);
  odd_.resize(buffer_.size() / 2);
  for (std::size_t i = 0; i < odd_.size(); ++i) {
    even_[i] = buffer_[2 * i];
    odd_[i] = buffer_[2 * i + 1];
  }
  if (even_.size() > odd_.size()) even_.back() = buffer_.back();
  constexpr auto centre = static_cast<std::size_t>(k_centre / 2);  // 7: the centre tap sits on odd samples
  const std::size_t start = out.size();
  out.resize(start + count);
  float* y = out.data() + start;
  const float* e = even_.data();
  const float* o = odd_.data();
  static_assert(k_sides == static_cast<std::size_t>(k_side_taps));
  std::size_t j = half_band_outputs(e, o, centre_tap_, side_taps_.data(), count, y);
  for (; j < count; ++j) {
    float sum = centre_tap_ * o[j + centre];
    for (std::size_t k = 0; k < static_cast<std::size_t>(k_side_taps); ++k) sum += side_taps_[k] * (e[j + centre - k] + e[j + centre + 1 + k]);
    y[j] = sum;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(2 * count));
}

}  // namespace samplemind::audio
