// The sparse mel cepstrum must give aubio_mfcc_do's numbers: the category classifier and the
// `similar` descriptor were fitted on them.
#include <doctest/doctest.h>

#include <aubio/aubio.h>

#include <cmath>
#include <random>
#include <vector>

#include "audio/aubio_handles.hpp"
#include "audio/mel_cepstrum.hpp"

using namespace samplemind::audio;

namespace {
constexpr int k_size = 1024, k_rate = 22050, k_coefficients = 13;

// aubio's answer for one spectrum.
std::vector<float> aubio_mfcc(const std::vector<float>& magnitudes) {
  aubio_mfcc_t* mfcc = nullptr;
  {
    const std::lock_guard lock(fft_planner_mutex());
    mfcc = new_aubio_mfcc(k_size, 40, k_coefficients, k_rate);
  }
  const CvecPtr spectrum(new_cvec(k_size));
  const FvecPtr out(new_fvec(k_coefficients));
  std::copy(magnitudes.begin(), magnitudes.end(), cvec_norm_get_data(spectrum.get()));
  aubio_mfcc_do(mfcc, spectrum.get(), out.get());
  std::vector<float> result(fvec_get_data(out.get()), fvec_get_data(out.get()) + k_coefficients);
  {
    const std::lock_guard lock(fft_planner_mutex());
    del_aubio_mfcc(mfcc);
  }
  return result;
}

void check_same(const std::vector<float>& magnitudes) {
  MelCepstrum ours(k_size, k_rate, k_coefficients);
  std::vector<float> mine(k_coefficients);
  ours.compute(magnitudes, mine);
  const std::vector<float> theirs = aubio_mfcc(magnitudes);
  for (int k = 0; k < k_coefficients; ++k) {
    CAPTURE(k);
    const auto i = static_cast<std::size_t>(k);
    CHECK(std::isfinite(mine[i]));
    CHECK(mine[i] == doctest::Approx(theirs[i]).epsilon(1e-4).scale(1.0));
  }
}
}  // namespace

TEST_CASE("mel cepstrum: equals aubio's MFCCs on random, tonal, sparse and silent spectra") {
  std::mt19937 rng(40);
  std::exponential_distribution<float> noise(4.0f);
  const std::size_t bins = k_size / 2 + 1;
  for (int round = 0; round < 50; ++round) {
    std::vector<float> magnitudes(bins);
    for (float& m : magnitudes) m = noise(rng) * std::pow(10.0f, -float(round % 7));
    check_same(magnitudes);
  }
  std::vector<float> tone(bins, 0.0f);
  tone[20] = 1.0f;  // a lone sine: most bands at the log floor
  check_same(tone);
  std::vector<float> silence(bins, 0.0f);
  check_same(silence);
  std::vector<float> high(bins, 0.0f);
  for (std::size_t k = 400; k < bins; ++k) high[k] = 0.5f;  // energy above 8.6 kHz only
  check_same(high);
}

TEST_CASE("mel cepstrum: a louder copy moves only c0, by the level change") {
  std::vector<float> magnitudes(k_size / 2 + 1);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(0.01f, 1.0f);
  for (float& m : magnitudes) m = u(rng);
  std::vector<float> louder = magnitudes;
  for (float& m : louder) m *= 10.0f;  // +1 in log10 in every band
  MelCepstrum cepstrum(k_size, k_rate, k_coefficients);
  std::vector<float> a(k_coefficients), b(k_coefficients);
  cepstrum.compute(magnitudes, a);
  cepstrum.compute(louder, b);
  CHECK(b[0] - a[0] == doctest::Approx(std::sqrt(40.0)).epsilon(1e-4));  // orthonormal DCT: c0 = sum / sqrt(40)
  for (std::size_t k = 1; k < a.size(); ++k) CHECK(b[k] == doctest::Approx(a[k]).epsilon(1e-3).scale(1.0));
}
