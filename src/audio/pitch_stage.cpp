// Subharmonic summation per frame over the sustained part of the head; frames vote.
#include "audio/pitch_stage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

#include "audio/analysis_rate.hpp"
#include "audio/fifth_chain.hpp"
#include "audio/float_vectors.hpp"
#include "audio/harmonic_pitch.hpp"
#include "audio/key_classifier.hpp"
#include "audio/real_fft.hpp"

namespace samplemind::audio {

namespace {
constexpr int k_pitch_hop_size = 2048;          // 93 ms: half the frames of 1024, the same votes per second of sustain
constexpr int k_short_sound_hop_size = 512;     // 23 ms: a 0.3-0.6 s pluck or bass hit still gets enough votes
constexpr double k_audible_rms_ratio = 0.05;      // of the loudest frame
constexpr double k_attack_skip_s = 0.05;          // after the first audible frame
constexpr double k_max_spread_semitones = 0.5;    // frames agreeing with the median
constexpr double k_min_agreeing_fraction = 0.4;   // of voted frames, else unpitched
constexpr double k_min_harmonic_share = 0.33;     // mean share of energy on the harmonics
constexpr std::size_t k_min_voted_frames = 6;     // ~0.56 s of audible sustain at hop 2048
constexpr double k_held_agreeing_fraction = 0.9;  // a held note: nearly every frame agrees
constexpr double k_held_harmonic_share = 0.5;
constexpr double k_clean_note_harmonic_share = 0.6;  // above: the f0 pick beats the triad
constexpr double k_refine_below_midi = 42.0;      // F#2, 92.5 Hz: a 5.4 Hz bin is a semitone there
constexpr double k_share_low_hz = 50.0;         // the harmonic share's band starts here...
constexpr double k_share_below_f0 = 0.8;        // ...or just under a lower pick's fundamental
// How far from each of the first harmonics their energy still counts (harmonic_reach_bins):
// chosen from 10, 15, 25 and 50 cents and 2, 4 or all harmonics on the tuning half of
// freepats' recorded notes and on Hydrogen's kit hits (docs/evaluation.md, "Version 20").
constexpr double k_harmonic_reach_cents = 15.0;
constexpr int k_widened_harmonics = 4;

// Energy of each block of k_short_sound_hop_size samples. Both hops and the frame are whole
// blocks, so a frame's energy at either hop is the sum of its 8 blocks.
constexpr std::size_t k_energy_block = k_short_sound_hop_size;
static_assert(k_pitch_hop_size % k_short_sound_hop_size == 0 && k_pitch_fft_size % k_short_sound_hop_size == 0);

std::vector<double> block_energy(std::span<const float> samples) {
  std::vector<double> blocks(samples.size() / k_energy_block);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const float* block = samples.data() + b * k_energy_block;
    blocks[b] = dot_in_double(block, block, k_energy_block);
  }
  return blocks;
}

// Start of every frame worth a vote at one hop: audible (5% of the loudest frame's RMS)
// and past the first audible frame's attack.
std::vector<std::size_t> audible_frames(const std::vector<double>& blocks, std::size_t samples, std::size_t hop) {
  const std::size_t frames = (samples - k_pitch_fft_size) / hop + 1;
  constexpr std::size_t k_blocks_per_frame = k_pitch_fft_size / k_energy_block;
  std::vector<double> rms(frames);
  for (std::size_t f = 0; f < frames; ++f) {
    const auto first = blocks.begin() + static_cast<std::ptrdiff_t>(f * hop / k_energy_block);
    rms[f] = std::sqrt(std::accumulate(first, first + k_blocks_per_frame, 0.0) / k_pitch_fft_size);
  }
  std::vector<std::size_t> starts;
  const double loudest = *std::max_element(rms.begin(), rms.end());
  if (loudest <= 1e-5) return starts;
  const auto first_audible = static_cast<std::size_t>(
      std::find_if(rms.begin(), rms.end(), [&](double r) { return r >= k_audible_rms_ratio * loudest; }) - rms.begin());
  const auto skip_frames = static_cast<std::size_t>(std::ceil(k_attack_skip_s * k_analysis_rate_hz / static_cast<double>(hop)));
  for (std::size_t f = first_audible + skip_frames; f < frames; ++f) {
    if (rms[f] >= k_audible_rms_ratio * loudest) starts.push_back(f * hop);
  }
  return starts;
}

// Bins either side of harmonic h (centred on bin `centre`) that count as on it: one bin, or
// k_harmonic_reach_cents when that is wider (above ~620 Hz) and h is one of the first
// k_widened_harmonics. A bin is 5.4 Hz: 2 cents at 5 kHz, so a high note's vibrato or
// detuned unison (a violin, a string section) would fall off its own partials, while a low
// note's upper harmonics, packed closely, would cover most of the band if widened.
double harmonic_reach_bins(double centre, int h) {
  const double widened = h <= k_widened_harmonics ? centre * (std::exp2(k_harmonic_reach_cents / 1200.0) - 1.0) : 0.0;
  return std::max(1.0, widened);
}

// Share of the (compressed) spectrum's energy, 50 Hz - 5 kHz, on the pick's harmonics
// (each bin counted once where two harmonics' reaches meet). Below 62.5 Hz the band starts
// at 0.8 f0 instead, so that it holds the pick's own fundamental: from 50 Hz, a pure sub
// of 33-48 Hz (an 808 at C1-F#1) showed only its leakage and was refused as unpitched.
double harmonic_energy_share(const std::vector<float>& magnitudes, double midi) {
  const double bin_hz = static_cast<double>(k_analysis_rate_hz) / k_pitch_fft_size;
  const double f0 = 440.0 * std::exp2((midi - 69.0) / 12.0);
  const double low_hz = std::min(k_share_low_hz, k_share_below_f0 * f0);
  const auto lo = static_cast<std::size_t>(low_hz / bin_hz), hi = static_cast<std::size_t>(5000.0 / bin_hz);
  double total = 0.0, harmonic = 0.0;
  for (std::size_t k = lo; k < hi; ++k) total += double(magnitudes[k]) * magnitudes[k];
  std::size_t next = lo;  // the first bin not yet counted
  for (int h = 1; f0 * h < 5000.0; ++h) {
    const double centre = f0 * h / bin_hz;
    const double reach = harmonic_reach_bins(centre, h);
    const auto first = std::max(next, static_cast<std::size_t>(std::max(0.0, std::round(centre - reach))));
    const auto last = std::min(hi - 1, static_cast<std::size_t>(std::round(centre + reach)));
    for (std::size_t k = first; k <= last; ++k) harmonic += double(magnitudes[k]) * magnitudes[k];
    next = std::max(next, last + 1);
  }
  return total > 0.0 ? harmonic / total : 0.0;
}

// The pitch votes of the given frames.
struct PitchVotes {
  std::vector<double> midi;     // each frame's pick on the candidate grid: the gates read these
  std::vector<double> at_peak;  // the same picks placed at their interpolated peaks (low ones only)
  double harmonic_share_sum = 0.0;
  std::array<double, 12> chroma{};
};

PitchVotes vote_frames(std::span<const float> samples, const std::vector<std::size_t>& starts) {
  PitchVotes votes;
  RealFft fft(k_pitch_fft_size);
  const std::vector<float> window = hann_window(k_pitch_fft_size);
  std::vector<float> magnitudes(k_pitch_fft_size / 2 + 1);
  for (std::size_t start : starts) {
    const float* frame = samples.data() + start;
    for (int i = 0; i < k_pitch_fft_size; ++i) fft.input()[i] = frame[i] * window[static_cast<std::size_t>(i)];
    fft.magnitudes(magnitudes.data());
    for (float& m : magnitudes) m = std::sqrt(m);  // compress: one loud partial must not outvote the series
    const HarmonicPick pick = pick_harmonic_f0(magnitudes, k_pitch_fft_size, k_analysis_rate_hz);
    if (pick.salience > 0.0) {
      votes.midi.push_back(pick.midi);
      // Placed only where placed_note can read it: a pick that agrees with a median below F#2.
      const bool low = pick.midi < k_refine_below_midi + k_max_spread_semitones;
      votes.at_peak.push_back(low ? refined_f0_midi(magnitudes, k_pitch_fft_size, k_analysis_rate_hz, pick.midi) : pick.midi);
      votes.harmonic_share_sum += harmonic_energy_share(magnitudes, pick.midi);
      add_chroma(magnitudes, k_pitch_fft_size, k_analysis_rate_hz, votes.chroma);
    }
  }
  return votes;
}

// The note the agreeing frames vote: below F#2 the median of their picks placed at their
// interpolated peaks (the grid alone reads a pure low tone flat: harmonic_pitch.hpp), else
// the median grid pick.
double placed_note(const PitchVotes& votes, double median) {
  if (median >= k_refine_below_midi) return median;
  std::vector<double> at_peaks;
  for (std::size_t i = 0; i < votes.midi.size(); ++i) {
    if (std::abs(votes.midi[i] - median) <= k_max_spread_semitones) at_peaks.push_back(votes.at_peak[i]);
  }
  if (at_peaks.empty()) return median;
  std::sort(at_peaks.begin(), at_peaks.end());
  return at_peaks[at_peaks.size() / 2];
}

// The chroma's classes as amplitudes (it sums powers), the scale fifth_chain_bottom's lines are
// drawn on (model/key_profiles' profiles).
std::array<double, 12> amplitudes_of(const std::array<double, 12>& powers) {
  std::array<double, 12> amplitudes{};
  for (std::size_t pc = 0; pc < 12; ++pc) amplitudes[pc] = std::sqrt(std::max(0.0, powers[pc]));
  return amplitudes;
}

}  // namespace

std::string midi_note_name(int midi) {
  return std::string(pitch_class_name(midi % 12)) + std::to_string(midi / 12 - 1);
}

std::optional<RootNote> estimate_root_note(std::span<const float> samples) {
  if (samples.size() < static_cast<std::size_t>(k_pitch_fft_size)) return std::nullopt;
  // Most pitched sounds hold long enough for votes every 93 ms; a short pluck is heard
  // every 23 ms instead (its frames overlap more, each still 186 ms long for resolution).
  const std::vector<double> blocks = block_energy(samples);
  std::vector<std::size_t> starts = audible_frames(blocks, samples.size(), k_pitch_hop_size);
  const bool short_sound = starts.size() < k_min_voted_frames;
  if (short_sound) starts = audible_frames(blocks, samples.size(), k_short_sound_hop_size);
  PitchVotes votes = vote_frames(samples, starts);
  std::vector<double> voted_midi = votes.midi;  // sorted below; votes keeps the frames' order for placed_note
  const double harmonic_share_sum = votes.harmonic_share_sum;
  const std::array<double, 12>& chroma = votes.chroma;
  if (voted_midi.size() < k_min_voted_frames) return std::nullopt;
  std::sort(voted_midi.begin(), voted_midi.end());
  const double median = voted_midi[voted_midi.size() / 2];
  const auto agreeing = static_cast<double>(std::count_if(
      voted_midi.begin(), voted_midi.end(), [&](double m) { return std::abs(m - median) <= k_max_spread_semitones; }));
  const double agreeing_fraction = agreeing / static_cast<double>(voted_midi.size());
  const double harmonic_share = harmonic_share_sum / static_cast<double>(voted_midi.size());
  if (agreeing_fraction < k_min_agreeing_fraction || harmonic_share < k_min_harmonic_share) return std::nullopt;
  // A short sound is a note only when it is a clean one held steady: drum heads and bells
  // ring at a pitch too, but drift or carry inharmonic partials.
  if (short_sound && (agreeing_fraction < k_held_agreeing_fraction || harmonic_share < k_clean_note_harmonic_share)) {
    return std::nullopt;
  }
  int midi = static_cast<int>(std::lround(placed_note(votes, median)));
  // A clean single note keeps its f0; a chord (or a murkier note) takes the best triad's
  // root, placed in the octave nearest the f0 pick (a strum's bass is often its fifth).
  // Below F#2 a bin is wider than a semitone, so the chroma's classes (bin centres) cannot
  // name a triad there: a low note keeps its placed f0.
  if (harmonic_share < k_clean_note_harmonic_share && median >= k_refine_below_midi) {
    const auto chain_bottom = fifth_chain_bottom(amplitudes_of(chroma));  // a power chord has no triad
    const int triad_root_pc = chain_bottom ? *chain_bottom : best_triad(chroma, midi % 12).root_pc;
    const int offset = ((triad_root_pc - midi) % 12 + 12) % 12;  // 0..11 up to the root
    midi += offset <= 6 ? offset : offset - 12;
  }
  if (midi < 0 || midi > 127) return std::nullopt;
  const bool held = agreeing_fraction >= k_held_agreeing_fraction && harmonic_share >= k_held_harmonic_share;
  return RootNote{midi, midi_note_name(midi), held};
}

}  // namespace samplemind::audio
