#pragma once
// Subharmonic summation: the f0 whose harmonics carry the most spectral magnitude.
#include <array>
#include <span>

namespace samplemind::audio {

// Lowest and highest candidate root notes (MIDI; A0-ish to C7) and the grid step.
constexpr double k_min_candidate_midi = 24.0;
constexpr double k_max_candidate_midi = 96.0;
constexpr double k_candidate_step_semitones = 0.1;

struct HarmonicPick {
  double midi = 0.0;      // fractional MIDI note of the best candidate f0
  double salience = 0.0;  // its weighted harmonic sum
};

// The best f0 of one magnitude spectrum (bins 0..fft_size/2 at rate_hz); sums decaying
// weights of the magnitude at each harmonic, so a weak fundamental with strong upper
// partials still wins over its octave above, and a sub-harmonic gains only every other term.
HarmonicPick pick_harmonic_f0(std::span<const float> magnitudes, int fft_size, double rate_hz);

// Why: the candidates' harmonics are read off whole bins, so every candidate within about a
// bin of a partial scores the same, and the search keeps the lowest: below 90 Hz a bin
// (5.4 Hz at 4096 points) is more than a semitone, and a pure low tone (a sine sub, an 808)
// read one or two semitones flat. Returns the pick moved to its strongest low harmonic's
// interpolated peak, when one lies within two bins of where the pick puts it.
double refined_f0_midi(std::span<const float> magnitudes, int fft_size, double rate_hz, double midi);


// Adds the energy of each spectral peak (60 Hz - 2 kHz) to its pitch class, so a chord's
// notes can be matched against triads.
void add_chroma(std::span<const float> magnitudes, int fft_size, double rate_hz, std::array<double, 12>& chroma);

struct TriadPick {
  int root_pc = 0;     // 0 = C
  bool minor = false;
  double share = 0.0;  // of the chroma's energy on the triad's three classes
};

// The major or minor triad holding the largest share of the chroma: a chord's root, and
// for a single harmonic note its own class (partials 1-6 spell a major triad on it).
// Ties within k_triad_tie_share go to preferred_root_pc (a lone sine fits six triads).
constexpr double k_triad_tie_share = 0.02;
TriadPick best_triad(const std::array<double, 12>& chroma, int preferred_root_pc);

}  // namespace samplemind::audio
