// Prints FFTW wisdom for samplemind's frame sizes, measured on this machine: the text that
// src/audio/fft_wisdom.cpp embeds. Run it again when Debian's FFTW changes
// (the unit test "embedded FFT wisdom is accepted" fails then) or a frame size is added:
//   build/gen_fft_wisdom > wisdom.txt   (then paste between the R"( and )" of fft_wisdom.cpp)
// A new record may choose other algorithms than the embedded one, and those round the
// spectra differently in their last bits: features can move, so the extractor version must
// step with it. To make a step faster without that, swap one solver name for a twin that
// does the same operations (as fft_wisdom.cpp did for the real-to-complex step) and let
// tests/unit/test_audio_fft_wisdom_vector.cpp show the spectra unchanged.
#include <cstdio>
#include <cstdlib>

#include <fftw3.h>

#include "audio/fft_wisdom.hpp"

int main() {
  for (const int size : samplemind::audio::k_wisdom_fft_sizes) {
    float* input = fftwf_alloc_real(static_cast<std::size_t>(size));
    fftwf_complex* spectrum = fftwf_alloc_complex(static_cast<std::size_t>(size / 2 + 1));
    // FFTW_MEASURE times the candidate algorithms; FFTW_PATIENT was within 5% of it here and
    // takes 3-5 times as long to plan.
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(size, input, spectrum, FFTW_MEASURE);
    if (plan == nullptr) {
      std::fprintf(stderr, "gen_fft_wisdom: FFTW could not plan %d points\n", size);
      return 1;
    }
    fftwf_destroy_plan(plan);
    fftwf_free(input);
    fftwf_free(spectrum);
  }
  char* wisdom = fftwf_export_wisdom_to_string();
  if (wisdom == nullptr) return 1;
  std::fputs(wisdom, stdout);
  std::free(wisdom);
  return 0;
}
