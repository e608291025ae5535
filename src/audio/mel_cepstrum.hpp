#pragma once
// Mel-frequency cepstral coefficients of one magnitude spectrum, the same numbers as aubio's
// aubio_mfcc_do (Slaney's 40-band mel bank, log10, orthonormal DCT-II) at a fraction of its
// cost: aubio multiplies the dense 40 x 513 filter matrix, while each triangular filter
// touches only a few bins. The filters are aubio's own, read once per process from its
// filter bank and shared by every file's stage.
#include <memory>
#include <span>
#include <vector>

namespace samplemind::audio {

class MelCepstrum {
 public:
  // A bank for frames of fft_size samples at sample_rate_hz; keeps coefficient_count
  // coefficients (c0, the level, first).
  MelCepstrum(int fft_size, int sample_rate_hz, int coefficient_count);

  // Writes coefficient_count coefficients of a spectrum of fft_size / 2 + 1 magnitudes times
  // scale (aubio expects a full-scale sine near 1) to out.
  void compute(std::span<const float> magnitudes, std::span<float> out, float scale = 1.0f);

  // Coefficients kept, so callers need not repeat the constant.
  int coefficient_count() const { return coefficient_count_; }

 private:
  struct Filter {
    std::size_t first_bin = 0;   // first bin with a non-zero weight
    std::vector<float> weights;  // one per bin from first_bin on
  };
  struct Tables {
    std::vector<Filter> filters;
    std::vector<float> dct;  // coefficient_count x filters, row-major
  };
  static Tables build_tables(int fft_size, int sample_rate_hz, int coefficient_count);

  int coefficient_count_;
  std::shared_ptr<const Tables> tables_;
  std::vector<float> log_bands_;
};

}  // namespace samplemind::audio
