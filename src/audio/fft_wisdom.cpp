// FFTW plans from an embedded record ("wisdom") of the fastest algorithms FFTW_MEASURE
// found for samplemind's frame sizes. Planning with FFTW_ESTIMATE alone picked algorithms
// 10-33% slower per transform; timing them at start-up (FFTW_MEASURE) costs 70-180 ms per
// size and can pick differently from run to run, so two runs could round differently.
// The record fixes the choice: fast, and the same plan on every run.
#include "audio/fft_wisdom.hpp"

#include <fftw3.h>

namespace samplemind::audio {

namespace {
// Made by tools/gen_fft_wisdom.cpp (FFTW 3.3.10, Debian 12, x86-64 with AVX). FFTW checks
// each entry: on another FFTW version or a CPU without the named codelets it is ignored
// and the plan is estimated as before.
// One edit by hand since: the real-to-complex step of every size names FFTW's SIMD codelet
// (hc2cfdftv_2_sse2) where the measurement had picked its scalar twin (hc2cfdft_2). Both
// do the same operations in the same order, so the spectra are bit for bit the same
// (tests/unit/test_audio_fft_wisdom_vector.cpp), and the 512- and 4096-point transforms
// take a third less time. A fresh measurement would also change the complex sub-plans,
// and with them the last bits of every spectrum (see tools/gen_fft_wisdom.cpp).
constexpr const char* k_wisdom = R"((fftw-3.3.10 fftwf_wisdom #x9e7d4dee #xdb14fed1 #x34bf76a4 #xeb6e8fdf
  (fftwf_codelet_n2fv_8_avx 0 #x11bdd #x11bdd #x0 #x3f177dac #xd6bae8fd #xec314547 #x95908075)
  (fftwf_codelet_hc2cfdftv_2_sse2 0 #x11bdd #x11bdd #x0 #x3f67885c #x1d118905 #x1b4c027b #x7ecffc87)
  (fftwf_codelet_t2fv_64_avx 0 #x11bdd #x11bdd #x0 #xa5af12be #x8ea95383 #xcd10c847 #xe6812dfa)
  (fftwf_codelet_t2fv_4_avx 0 #x11bdd #x11bdd #x0 #x2c50659a #x343a7df7 #xd727540d #xacfea1f9)
  (fftwf_codelet_n2fv_64_avx 0 #x11bdd #x11bdd #x0 #x03406dff #xc8fa0a2c #x62a9a61e #xa394d874)
  (fftwf_codelet_r2cf_2 2 #x11bdd #x11bdd #x0 #x52d4cebb #x3d61daaa #x6b7f5c22 #x0a343c15)
  (fftwf_codelet_hc2cfdftv_2_sse2 0 #x11bdd #x11bdd #x0 #x42ead677 #x86451fba #xaefc212f #xfe3ad2af)
  (fftwf_codelet_t2fv_64_avx 0 #x11bdd #x11bdd #x0 #xfeec02f8 #xbbf06357 #xb26e7a2b #xf7b9dcb8)
  (fftwf_codelet_n2fv_32_avx 0 #x11bdd #x11bdd #x0 #x8a4c5fa4 #xb54017ef #x048c03df #x4f290280)
  (fftwf_codelet_hc2cfdftv_2_sse2 0 #x11bdd #x11bdd #x0 #x85773c49 #x9a968ccc #xbd37e819 #xac77e6a4)
  (fftwf_codelet_r2cfII_2 2 #x11bdd #x11bdd #x0 #x0f9bbec4 #xaf177e66 #xae9fc9cb #x69add438)
  (fftwf_codelet_r2cf_2 2 #x11bdd #x11bdd #x0 #xfe444ab2 #x3f245c61 #x5e91f2fc #xe780a02d)
  (fftwf_codelet_r2cfII_2 2 #x11bdd #x11bdd #x0 #x924edee9 #x1c8ac4be #x6ab55cce #x0a294a09)
  (fftwf_codelet_r2cfII_2 2 #x11bdd #x11bdd #x0 #x762c26e8 #xabff79e3 #x3a063506 #x18c57a3c)
  (fftwf_codelet_r2cf_2 2 #x11bdd #x11bdd #x0 #xeb24eaab #x2ca3ab09 #x7a6d7f81 #xcc67c730)
))";
}  // namespace

std::string_view embedded_fft_wisdom() { return k_wisdom; }

bool load_fft_wisdom() {
  static const bool accepted = fftwf_import_wisdom_from_string(k_wisdom) != 0;
  return accepted;
}

}  // namespace samplemind::audio
