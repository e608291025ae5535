// The filters are copied out of aubio's Slaney mel bank (so they match aubio_mfcc to float
// rounding) and kept sparse; the DCT is a small precomputed matrix; both shared per process.
#include "audio/mel_cepstrum.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <stdexcept>
#include <tuple>

#include <aubio/aubio.h>

#include "audio/shared_tables.hpp"

namespace samplemind::audio {

namespace {
constexpr int k_mel_filters = 40;            // aubio's Slaney bank has exactly 40 bands
constexpr float k_log_floor = 2e-42f;        // aubio's floor before log10 (VERY_SMALL_NUMBER)

struct FilterbankDeleter {
  void operator()(aubio_filterbank_t* bank) const { del_aubio_filterbank(bank); }
};
}  // namespace

MelCepstrum::MelCepstrum(int fft_size, int sample_rate_hz, int coefficient_count)
    : coefficient_count_(coefficient_count), log_bands_(k_mel_filters, 0.0f) {
  if (coefficient_count < 1 || coefficient_count > k_mel_filters) throw std::invalid_argument("MelCepstrum: coefficient count out of range");
  static SharedTables<std::tuple<int, int, int>, Tables> shared(4);  // the timbre stage uses one
  tables_ = shared.get({fft_size, sample_rate_hz, coefficient_count},
                       [&] { return build_tables(fft_size, sample_rate_hz, coefficient_count); });
}

MelCepstrum::Tables MelCepstrum::build_tables(int fft_size, int sample_rate_hz, int coefficient_count) {
  const std::unique_ptr<aubio_filterbank_t, FilterbankDeleter> bank(
      new_aubio_filterbank(k_mel_filters, static_cast<uint_t>(fft_size)));
  if (!bank || aubio_filterbank_set_mel_coeffs_slaney(bank.get(), static_cast<smpl_t>(sample_rate_hz)) != 0) {
    throw std::runtime_error("MelCepstrum: aubio could not build the mel filter bank");
  }
  const fmat_t* matrix = aubio_filterbank_get_coeffs(bank.get());
  const auto bins = static_cast<std::size_t>(fft_size / 2 + 1);
  Tables tables;
  tables.filters.resize(k_mel_filters);
  for (std::size_t f = 0; f < tables.filters.size(); ++f) {
    const smpl_t* row = matrix->data[f];
    std::size_t first = 0, last = bins;
    while (first < bins && row[first] == 0.0f) ++first;
    while (last > first && row[last - 1] == 0.0f) --last;
    tables.filters[f].first_bin = first;
    tables.filters[f].weights.assign(row + first, row + last);
  }
  // Orthonormal DCT-II, as aubio_dct (and scipy's dct(norm='ortho')).
  tables.dct.resize(static_cast<std::size_t>(coefficient_count) * k_mel_filters);
  for (int k = 0; k < coefficient_count; ++k) {
    const double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / k_mel_filters);
    for (int n = 0; n < k_mel_filters; ++n) {
      tables.dct[static_cast<std::size_t>(k * k_mel_filters + n)] =
          static_cast<float>(scale * std::cos(std::numbers::pi * k * (2.0 * n + 1.0) / (2.0 * k_mel_filters)));
    }
  }
  return tables;
}

void MelCepstrum::compute(std::span<const float> magnitudes, std::span<float> out, float scale) {
  for (std::size_t f = 0; f < tables_->filters.size(); ++f) {
    const Filter& filter = tables_->filters[f];
    const std::size_t count = std::min(filter.weights.size(), magnitudes.size() - std::min(magnitudes.size(), filter.first_bin));
    float band = 0.0f;
    for (std::size_t i = 0; i < count; ++i) band += filter.weights[i] * magnitudes[filter.first_bin + i];
    log_bands_[f] = std::log10(std::max(band * scale, k_log_floor));
  }
  const std::size_t keep = std::min(out.size(), static_cast<std::size_t>(coefficient_count_));
  for (std::size_t k = 0; k < keep; ++k) {
    const float* row = tables_->dct.data() + k * k_mel_filters;
    float sum = 0.0f;
    for (std::size_t n = 0; n < k_mel_filters; ++n) sum += row[n] * log_bands_[n];
    out[k] = sum;
  }
}

}  // namespace samplemind::audio
