// The FFT every stage shares: magnitudes against a direct DFT, with the embedded wisdom's
// plans and without, and the wisdom itself still accepted by this FFTW and covering the sizes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <mutex>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <fftw3.h>

#include "audio/chroma_stage.hpp"
#include "audio/fft_wisdom.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pitch_stage.hpp"
#include "audio/timbre_stage.hpp"
#include "audio/real_fft.hpp"

using samplemind::audio::RealFft;

namespace {
// |X_k| of a real frame by the definition, in double precision.
std::vector<double> direct_magnitudes(const std::vector<float>& frame) {
  const std::size_t n = frame.size();
  std::vector<double> out(n / 2 + 1);
  for (std::size_t k = 0; k < out.size(); ++k) {
    std::complex<double> sum{};
    for (std::size_t i = 0; i < n; ++i) {
      sum += static_cast<double>(frame[i]) * std::polar(1.0, -2.0 * std::numbers::pi * double(k * i % n) / double(n));
    }
    out[k] = std::abs(sum);
  }
  return out;
}

std::vector<float> fft_magnitudes(RealFft& fft, const std::vector<float>& frame) {
  std::copy(frame.begin(), frame.end(), fft.input());
  std::vector<float> out(frame.size() / 2 + 1);
  fft.magnitudes(out.data());
  return out;
}

std::vector<float> random_frame(int size, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  std::vector<float> frame(static_cast<std::size_t>(size));
  for (float& v : frame) v = value(rng);
  return frame;
}
}  // namespace

TEST_CASE("embedded FFT wisdom is accepted by this FFTW and covers every stage's frame size") {
  {
    const std::lock_guard lock(samplemind::audio::fft_planner_mutex());
    // False means Debian's FFTW changed: regenerate the text with tools/gen_fft_wisdom.cpp.
    REQUIRE(samplemind::audio::load_fft_wisdom());
  }
  const std::lock_guard lock(samplemind::audio::fft_planner_mutex());
  // FFTW also remembers every plan made so far: start from the embedded text alone (plans
  // already made stay valid).
  fftwf_forget_wisdom();
  const std::string text(samplemind::audio::embedded_fft_wisdom());
  REQUIRE(fftwf_import_wisdom_from_string(text.c_str()) != 0);
  const auto& sizes = samplemind::audio::k_wisdom_fft_sizes;
  for (const int stage_size : {samplemind::audio::k_onset_window_size, samplemind::audio::k_timbre_fft_size,
                               samplemind::audio::k_chroma_fft_size, samplemind::audio::k_pitch_fft_size}) {
    CAPTURE(stage_size);
    CHECK(std::find(sizes.begin(), sizes.end(), stage_size) != sizes.end());
  }
  for (const int size : sizes) {
    CAPTURE(size);
    INFO("no wisdom for this size: regenerate the text with build/gen_fft_wisdom on this machine");
    float* input = fftwf_alloc_real(static_cast<std::size_t>(size));
    fftwf_complex* spectrum = fftwf_alloc_complex(static_cast<std::size_t>(size / 2 + 1));
    // FFTW_WISDOM_ONLY plans nothing unless the wisdom names this size's algorithm.
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(size, input, spectrum, FFTW_ESTIMATE | FFTW_WISDOM_ONLY);
    CHECK(plan != nullptr);
    if (plan != nullptr) fftwf_destroy_plan(plan);
    fftwf_free(input);
    fftwf_free(spectrum);
  }
}

TEST_CASE("FFT magnitudes equal the direct DFT at the stages' sizes and at sizes the wisdom does not cover") {
  for (const int size : {512, 1024, 4096, 2048, 6, 26}) {  // 26: 14 bins, eight-wide, four-wide and one at a time
    CAPTURE(size);
    RealFft fft(size);
    const std::vector<float> frame = random_frame(size, static_cast<unsigned>(size));
    const std::vector<float> got = fft_magnitudes(fft, frame);
    const std::vector<double> want = direct_magnitudes(frame);
    const double scale = *std::max_element(want.begin(), want.end());
    double worst = 0.0;
    for (std::size_t k = 0; k < want.size(); ++k) worst = std::max(worst, std::abs(got[k] - want[k]) / scale);
    CHECK(worst < 1e-5);
  }
}

TEST_CASE("a cosine on bin 37 of 1024 points puts N/2 on that bin and nothing elsewhere") {
  constexpr int size = 1024;
  std::vector<float> frame(size);
  for (int i = 0; i < size; ++i) frame[static_cast<std::size_t>(i)] = static_cast<float>(std::cos(2.0 * std::numbers::pi * 37.0 * i / size));
  RealFft fft(size);
  const std::vector<float> got = fft_magnitudes(fft, frame);
  CHECK(got[37] == doctest::Approx(size / 2.0).epsilon(1e-5));
  for (std::size_t k = 0; k < got.size(); ++k) {
    if (k != 37) CHECK(got[k] < 1e-3f);
  }
}

TEST_CASE("two FFTs of one size share a plan and give bit-identical magnitudes") {
  const std::vector<float> frame = random_frame(4096, 7);
  RealFft first(4096), second(4096);
  const std::vector<float> a = fft_magnitudes(first, frame), b = fft_magnitudes(second, frame);
  CHECK(a == b);
  CHECK(fft_magnitudes(first, frame) == a);  // the same frame again: the same numbers
}
