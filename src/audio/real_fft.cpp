// One FFTW plan per size for the whole process (planning once, executing with each
// stage's own buffers through the thread-safe new-array interface).
#include "audio/real_fft.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <new>
#include <numbers>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <fftw3.h>

#include "audio/fft_wisdom.hpp"
#include "audio/shared_tables.hpp"

namespace samplemind::audio {

namespace {
constexpr std::size_t k_alignment = 64;

#if defined(__x86_64__)
// Why: the square roots bound the magnitudes; eight per instruction halve them. Each bin is
// sqrt(re * re + im * im) rounded as in the four-wide loop (no FMA in this build), so the
// spectra are the same floats. Returns how many bins it wrote (a multiple of eight).
__attribute__((target("avx2"))) std::size_t magnitudes_avx2(const float* c, std::size_t bins, float* out) {
  std::size_t k = 0;
  for (; k + 8 <= bins; k += 8) {
    const __m256 a = _mm256_loadu_ps(c + 2 * k), b = _mm256_loadu_ps(c + 2 * k + 8);
    // Within each 128-bit half: re = r0 r1 r4 r5 | r2 r3 r6 r7, and im alike.
    const __m256 re = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)), im = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
    const __m256 m = _mm256_sqrt_ps(_mm256_add_ps(_mm256_mul_ps(re, re), _mm256_mul_ps(im, im)));
    // 64-bit pairs (r0 r1)(r4 r5)(r2 r3)(r6 r7) back into order.
    _mm256_storeu_ps(out + k, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(m), _MM_SHUFFLE(3, 1, 2, 0))));
  }
  return k;
}
#endif

float* aligned_floats(std::size_t count) {
  const std::size_t bytes = (count * sizeof(float) + k_alignment - 1) / k_alignment * k_alignment;
  auto* p = static_cast<float*>(std::aligned_alloc(k_alignment, bytes));
  if (p == nullptr) throw std::bad_alloc();
  std::fill(p, p + bytes / sizeof(float), 0.0f);
  return p;
}
}  // namespace

std::vector<float> hann_window(int size) {
  static SharedTables<int, std::vector<float>> windows(8);  // a handful of FFT sizes
  return *windows.get(size, [size] {
    std::vector<float> window(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
      window[static_cast<std::size_t>(i)] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / size));
    }
    return window;
  });
}

// One lock for FFTW's planner, which is not thread-safe.
std::mutex& fft_planner_mutex() {
  static std::mutex mutex;
  return mutex;
}

RealFft::RealFft(int size) : size_(size) {
  if (size < 2 || size % 2 != 0) throw std::invalid_argument("RealFft needs an even size");
  const auto n = static_cast<std::size_t>(size);
  input_.reset(aligned_floats(n));
  spectrum_.reset(aligned_floats(2 * (n / 2 + 1)));
  const std::lock_guard lock(fft_planner_mutex());
  // Kept for the life of the process (planned on first use), and never destroyed: a
  // static map would be freed at exit before the leak checker looks, orphaning the plans.
  static auto* plans = new std::map<int, fftwf_plan>();
  auto& plan = (*plans)[size];
  if (plan == nullptr) {
    // FFTW_ESTIMATE: no timing runs at start-up; the embedded wisdom (fft_wisdom.cpp) names
    // the measured algorithms for the stages' sizes, any other size is estimated.
    load_fft_wisdom();
    plan = fftwf_plan_dft_r2c_1d(size, input_.get(), reinterpret_cast<fftwf_complex*>(spectrum_.get()), FFTW_ESTIMATE);
  }
  if (plan == nullptr) throw std::runtime_error("could not plan an FFT");
  plan_ = plan;
}

void RealFft::magnitudes(float* out) {
  const auto bins = static_cast<std::size_t>(size_ / 2 + 1);
  fftwf_execute_dft_r2c(static_cast<fftwf_plan>(plan_), input_.get(), reinterpret_cast<fftwf_complex*>(spectrum_.get()));
  const float* c = spectrum_.get();
  std::size_t k = 0;
#if defined(__x86_64__)
  static const bool has_avx2 = __builtin_cpu_supports("avx2");
  if (has_avx2) k = magnitudes_avx2(c, bins, out);
#endif
#if defined(__SSE2__)
  // Four bins at a time: split re/im, then one sqrtps (std::sqrt stays scalar: errno).
  for (; k + 4 <= bins; k += 4) {
    const __m128 a = _mm_loadu_ps(c + 2 * k), b = _mm_loadu_ps(c + 2 * k + 4);
    const __m128 re = _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)), im = _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
    _mm_storeu_ps(out + k, _mm_sqrt_ps(_mm_add_ps(_mm_mul_ps(re, re), _mm_mul_ps(im, im))));
  }
#endif
  for (; k < bins; ++k) out[k] = std::sqrt(c[2 * k] * c[2 * k] + c[2 * k + 1] * c[2 * k + 1]);
}

}  // namespace samplemind::audio
