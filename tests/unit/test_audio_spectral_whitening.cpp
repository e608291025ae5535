// Spectral whitening on spectra with known levels: a chord 20 dB under its bass comes out
// level with it, a peak 40 dB under its neighbours is dropped, high peaks are tilted down,
// and the result does not depend on the signal's level.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "audio/spectral_whitening.hpp"

using namespace samplemind::audio;

namespace {
constexpr double k_bin_hz = 11025.0 / 4096.0;  // the chroma stage's bins

struct Spectrum {
  std::vector<float> magnitude = std::vector<float>(2049, 1e-4f);  // a -80 dB floor
  std::vector<SpectralPeak> peaks;
  void add(double hz, double level) {
    magnitude[static_cast<std::size_t>(std::lround(hz / k_bin_hz))] = static_cast<float>(level);
    peaks.push_back({std::round(hz / k_bin_hz) * k_bin_hz, level});
  }
};

// A bass at 0 dB, two chord tones at -20 dB, a ghost partial at -60 dB between them.
Spectrum bass_and_chord(double scale) {
  Spectrum s;
  s.add(60.0, 1.0 * scale);
  s.add(523.0, 0.1 * scale);
  s.add(659.0, 0.1 * scale);
  s.add(590.0, 0.001 * scale);
  for (float& m : s.magnitude) m = std::max(m, static_cast<float>(1e-4 * scale));
  return s;
}

double tilt(double hz) { return std::pow(10.0, -20.0 * hz / 4000.0 / 20.0); }
}  // namespace

TEST_CASE("spectral whitening: a chord under a loud bass comes out level with it") {
  Spectrum s = bass_and_chord(1.0);
  whiten_peaks(s.magnitude, k_bin_hz, 3500.0, s.peaks);
  const double bass = s.peaks[0].weight, chord = s.peaks[1].weight;
  CAPTURE(bass);
  CAPTURE(chord);
  CHECK(bass == doctest::Approx(tilt(s.peaks[0].hz)).epsilon(0.02));  // at its envelope: 0 dB, tilted
  CHECK(chord > 0.9 * tilt(s.peaks[1].hz));                          // was a tenth of the bass
  CHECK(chord <= tilt(s.peaks[1].hz) + 1e-12);
  CHECK(s.peaks[2].weight == doctest::Approx(tilt(s.peaks[2].hz)).epsilon(0.02));
  CHECK(s.peaks[3].weight == 0.0);  // 40 dB under the envelope: dropped
}

TEST_CASE("spectral whitening: high peaks are tilted down, 20 dB per 4 kHz") {
  Spectrum s;
  s.add(400.0, 0.5);
  s.add(3000.0, 0.5);
  whiten_peaks(s.magnitude, k_bin_hz, 3500.0, s.peaks);
  CHECK(s.peaks[0].weight == doctest::Approx(tilt(s.peaks[0].hz)).epsilon(0.02));
  CHECK(s.peaks[1].weight == doctest::Approx(tilt(s.peaks[1].hz)).epsilon(0.02));
  CHECK(s.peaks[1].weight < 0.2);
}

TEST_CASE("spectral whitening: the result does not depend on the signal's level") {
  Spectrum quiet = bass_and_chord(0.001), loud = bass_and_chord(1000.0);
  whiten_peaks(quiet.magnitude, k_bin_hz, 3500.0, quiet.peaks);
  whiten_peaks(loud.magnitude, k_bin_hz, 3500.0, loud.peaks);
  for (std::size_t i = 0; i < quiet.peaks.size(); ++i) {
    CAPTURE(i);
    CHECK(quiet.peaks[i].weight == doctest::Approx(loud.peaks[i].weight).epsilon(1e-6));
  }
}

TEST_CASE("spectral whitening: no peaks or an empty spectrum change nothing") {
  std::vector<SpectralPeak> none;
  whiten_peaks(std::vector<float>(2049, 1.0f), k_bin_hz, 3500.0, none);
  CHECK(none.empty());
  std::vector<SpectralPeak> one{{440.0, 0.5}};
  whiten_peaks(std::vector<float>{}, k_bin_hz, 3500.0, one);
  CHECK(one[0].weight == 0.5);
}
