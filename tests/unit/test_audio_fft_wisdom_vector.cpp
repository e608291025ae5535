// The embedded FFT wisdom's real-to-complex step runs in SIMD (hc2cfdftv) and gives the very
// spectra the scalar step (hc2cfdft) gave, bit for bit, so no feature moved when it changed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <fftw3.h>

#include "audio/fft_wisdom.hpp"
#include "audio/real_fft.hpp"

namespace {
constexpr const char* k_vector_step = "fftwf_codelet_hc2cfdftv_2_sse2";
constexpr const char* k_scalar_step = "fftwf_codelet_hc2cfdft_2";

// The embedded text with every vector step named as the scalar one (the record before).
std::string scalar_wisdom() {
  std::string text(samplemind::audio::embedded_fft_wisdom());
  const std::string from = k_vector_step, to = k_scalar_step;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A plan for `size` made from `wisdom` alone, and the plan's printed algorithm.
struct WisdomPlan {
  fftwf_plan plan = nullptr;
  std::string algorithm;
};

WisdomPlan plan_from(const std::string& wisdom, int size, float* input, fftwf_complex* spectrum) {
  fftwf_forget_wisdom();
  REQUIRE(fftwf_import_wisdom_from_string(wisdom.c_str()) != 0);
  WisdomPlan made;
  made.plan = fftwf_plan_dft_r2c_1d(size, input, spectrum, FFTW_ESTIMATE | FFTW_WISDOM_ONLY);
  REQUIRE(made.plan != nullptr);
  if (char* text = fftwf_sprint_plan(made.plan)) {
    made.algorithm = text;
    std::free(text);
  }
  return made;
}
}  // namespace

TEST_CASE("the wisdom's vector real-to-complex step gives the scalar step's spectra bit for bit") {
  const std::lock_guard lock(samplemind::audio::fft_planner_mutex());
  const std::string vector_text(samplemind::audio::embedded_fft_wisdom());
  REQUIRE(vector_text.find(k_vector_step) != std::string::npos);
  const std::string scalar_text = scalar_wisdom();
  REQUIRE(scalar_text.find(k_vector_step) == std::string::npos);
  std::mt19937 rng(33);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  for (const int size : samplemind::audio::k_wisdom_fft_sizes) {
    CAPTURE(size);
    const auto n = static_cast<std::size_t>(size), bins = n / 2 + 1;
    float* input = fftwf_alloc_real(n);
    fftwf_complex* vector_out = fftwf_alloc_complex(bins);
    fftwf_complex* scalar_out = fftwf_alloc_complex(bins);
    const WisdomPlan vector_plan = plan_from(vector_text, size, input, vector_out);
    const WisdomPlan scalar_plan = plan_from(scalar_text, size, input, scalar_out);
    CAPTURE(vector_plan.algorithm);
    CAPTURE(scalar_plan.algorithm);
    // Each record's plan runs the step it names (FFTW_WISDOM_ONLY: nothing estimated).
    CHECK(vector_plan.algorithm.find("hc2cfdftv_2") != std::string::npos);
    CHECK(scalar_plan.algorithm.find("\"hc2cfdft_2\"") != std::string::npos);
    int differing_frames = 0;
    for (int frame = 0; frame < 64; ++frame) {
      const float scale = 1.0f + static_cast<float>(frame % 9) * 1000.0f;  // quiet to loud frames
      for (std::size_t i = 0; i < n; ++i) input[i] = value(rng) * scale;
      fftwf_execute_dft_r2c(vector_plan.plan, input, vector_out);
      fftwf_execute_dft_r2c(scalar_plan.plan, input, scalar_out);
      if (std::memcmp(vector_out, scalar_out, bins * sizeof(fftwf_complex)) != 0) ++differing_frames;
    }
    CHECK(differing_frames == 0);
    fftwf_destroy_plan(vector_plan.plan);
    fftwf_destroy_plan(scalar_plan.plan);
    fftwf_free(input);
    fftwf_free(vector_out);
    fftwf_free(scalar_out);
  }
  // Leave FFTW with the embedded record alone, as the stages expect.
  fftwf_forget_wisdom();
  REQUIRE(fftwf_import_wisdom_from_string(vector_text.c_str()) != 0);
}
