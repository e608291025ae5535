// Subharmonic summation over a candidate grid in fractional MIDI notes.
#include "audio/harmonic_pitch.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "audio/spectral_peak.hpp"

namespace samplemind::audio {

namespace {
constexpr int k_max_harmonics = 10;
constexpr double k_max_harmonic_hz = 5000.0;
constexpr double k_harmonic_weight_exponent = 0.5;  // weight of harmonic h: 1 / sqrt(h)
constexpr double k_chroma_min_hz = 60.0;
constexpr double k_chroma_max_hz = 2000.0;

double midi_to_hz(double midi) { return 440.0 * std::exp2((midi - 69.0) / 12.0); }

}  // namespace

namespace {
// Where every candidate's harmonics fall (the lower of the two bins a Hann main lobe spans:
// the search takes the larger of the pair) and their weights, computed once per FFT size
// and rate. Every candidate has k_max_harmonics entries: a harmonic it lacks (above 5 kHz
// or the top bin) points at a slot that holds zero, so the search is lookups and
// multiply-adds without a branch, and adds +0.0 where the sum used to skip a term.
struct HarmonicTable {
  HarmonicTable(int fft_size, double rate_hz)
      : fft_size(fft_size), rate_hz(rate_hz), bins(static_cast<std::size_t>(fft_size / 2 + 1)) {
    const double bin_hz = rate_hz / fft_size;
    const double top_hz = std::min(k_max_harmonic_hz, 0.5 * rate_hz);
    for (int h = 0; h < k_max_harmonics; ++h) weights[h] = 1.0 / std::pow(h + 1.0, k_harmonic_weight_exponent);
    const int count = static_cast<int>(std::lround((k_max_candidate_midi - k_min_candidate_midi) / k_candidate_step_semitones));
    for (int i = 0; i <= count; ++i) {
      const double midi = k_min_candidate_midi + i * k_candidate_step_semitones;
      const double f0 = midi_to_hz(midi);
      Candidate c{midi, {}};
      c.low_bins.fill(static_cast<std::uint32_t>(bins));  // the zero slot
      for (int h = 0; h < k_max_harmonics && f0 * (h + 1) < top_hz; ++h) {
        const auto low = static_cast<std::size_t>(f0 * (h + 1) / bin_hz);
        if (low + 1 < bins) c.low_bins[static_cast<std::size_t>(h)] = static_cast<std::uint32_t>(low);
      }
      candidates.push_back(c);
    }
  }
  struct Candidate {
    double midi;
    std::array<std::uint32_t, k_max_harmonics> low_bins;
  };
  int fft_size;
  double rate_hz;
  std::size_t bins;  // magnitudes per spectrum; the zero slot follows them
  double weights[k_max_harmonics];
  std::vector<Candidate> candidates;
};

// The candidate whose weighted harmonics hold the most magnitude.
HarmonicPick search(const HarmonicTable& table, std::span<const float> magnitudes) {
  // peaks[k]: the larger of bins k and k + 1, and zero past the spectrum's end.
  thread_local std::vector<float> peaks;
  peaks.resize(table.bins + 1);
  const std::size_t paired = std::min(magnitudes.size(), table.bins);  // the table reads no bin past bins - 2
  std::size_t k = 0;
  for (; k + 1 < paired; ++k) peaks[k] = std::max(magnitudes[k], magnitudes[k + 1]);
  std::fill(peaks.begin() + static_cast<std::ptrdiff_t>(k), peaks.end(), 0.0f);
  HarmonicPick best;
  const float* peak = peaks.data();
  for (const auto& c : table.candidates) {
    double sum = 0.0;
    for (int h = 0; h < k_max_harmonics; ++h) sum += table.weights[h] * peak[c.low_bins[static_cast<std::size_t>(h)]];
    if (sum > best.salience) best = {c.midi, sum};
  }
  return best;
}
}  // namespace

HarmonicPick pick_harmonic_f0(std::span<const float> magnitudes, int fft_size, double rate_hz) {
  static const HarmonicTable shared(fft_size, rate_hz);  // the pitch stage has one size and rate
  if (shared.fft_size == fft_size && shared.rate_hz == rate_hz) return search(shared, magnitudes);
  return search(HarmonicTable(fft_size, rate_hz), magnitudes);
}

namespace {
constexpr int k_refine_harmonics = 4;          // the low partials, resolved apart at any f0
constexpr double k_refine_reach_bins = 2.0;    // the width of the search's ties, and a little more
}  // namespace

double refined_f0_midi(std::span<const float> magnitudes, int fft_size, double rate_hz, double midi) {
  const double bin_hz = rate_hz / fft_size;
  const double f0 = midi_to_hz(midi);
  const auto size = static_cast<long>(magnitudes.size());
  float strongest = 0.0f;
  double best_f0 = 0.0;
  for (int h = 1; h <= k_refine_harmonics; ++h) {
    const double centre = f0 * h / bin_hz;
    const long lo = std::max(1L, static_cast<long>(std::floor(centre)) - 1);
    const long hi = std::min(size - 2, static_cast<long>(std::ceil(centre)) + 1);
    long peak = -1;
    for (long k = lo; k <= hi; ++k) {
      const auto i = static_cast<std::size_t>(k);
      const bool is_peak = magnitudes[i] >= magnitudes[i - 1] && magnitudes[i] >= magnitudes[i + 1];
      if (is_peak && (peak < 0 || magnitudes[i] > magnitudes[static_cast<std::size_t>(peak)])) peak = k;
    }
    if (peak < 0 || !(magnitudes[static_cast<std::size_t>(peak)] > strongest)) continue;
    const auto i = static_cast<std::size_t>(peak);
    const double candidate_f0 = (static_cast<double>(peak) + peak_offset_bins(magnitudes.data(), i)) * bin_hz / h;
    if (std::abs(candidate_f0 - f0) > k_refine_reach_bins * bin_hz) continue;
    strongest = magnitudes[i];
    best_f0 = candidate_f0;
  }
  if (!(best_f0 > 0.0)) return midi;
  return 69.0 + 12.0 * std::log2(best_f0 / 440.0);
}

namespace {
// Pitch class of each bin's centre frequency, computed once per FFT size and rate (a log2
// per peak per frame was a measurable share of the root-note time).
struct PitchClassTable {
  PitchClassTable(int fft_size, double rate_hz) : fft_size(fft_size), rate_hz(rate_hz) {
    const double bin_hz = rate_hz / fft_size;
    classes.assign(static_cast<std::size_t>(fft_size / 2 + 1), 0);
    for (std::size_t k = 1; k < classes.size(); ++k) {
      const double midi = 69.0 + 12.0 * std::log2(double(k) * bin_hz / 440.0);
      classes[k] = static_cast<std::uint8_t>((std::lround(midi) % 12 + 12) % 12);
    }
  }
  int fft_size;
  double rate_hz;
  std::vector<std::uint8_t> classes;
};

void add_peaks(std::span<const float> magnitudes, const PitchClassTable& table, std::array<double, 12>& chroma) {
  const double bin_hz = table.rate_hz / table.fft_size;
  const auto lo = static_cast<std::size_t>(k_chroma_min_hz / bin_hz);
  const auto hi = std::min(static_cast<std::size_t>(k_chroma_max_hz / bin_hz), magnitudes.size() - 1);
  for (std::size_t k = std::max<std::size_t>(lo, 1); k < hi; ++k) {
    if (magnitudes[k] < magnitudes[k - 1] || magnitudes[k] < magnitudes[k + 1]) continue;
    const double compressed_energy = double(magnitudes[k]) * magnitudes[k];
    chroma[table.classes[k]] += compressed_energy * compressed_energy;  // sqrt-compressed input: back to |X|^2
  }
}
}  // namespace

// Adds the power of each spectral peak, 60 Hz - 2 kHz, to its pitch class (input: sqrt |X|).
void add_chroma(std::span<const float> magnitudes, int fft_size, double rate_hz, std::array<double, 12>& chroma) {
  static const PitchClassTable shared(fft_size, rate_hz);  // the pitch stage has one size and rate
  if (shared.fft_size == fft_size && shared.rate_hz == rate_hz) return add_peaks(magnitudes, shared, chroma);
  add_peaks(magnitudes, PitchClassTable(fft_size, rate_hz), chroma);
}

// The major or minor triad holding the largest share of the chroma's energy.
TriadPick best_triad(const std::array<double, 12>& chroma, int preferred_root_pc) {
  double total = 0.0;
  for (double c : chroma) total += c;
  TriadPick best;
  if (total <= 0.0) return best;
  for (int step = 0; step < 12; ++step) {
    const int root = (preferred_root_pc + step) % 12;  // the preferred root is tried first
    for (int third : {4, 3}) {
      const double share = (chroma[root] + chroma[(root + third) % 12] + chroma[(root + 7) % 12]) / total;
      const double margin = step == 0 || best.root_pc != preferred_root_pc ? 1e-9 : k_triad_tie_share;
      if (share > best.share + margin) best = {root, third == 3, share};
    }
  }
  return best;
}
}  // namespace samplemind::audio
