// aubio's YIN over the head, hop by hop, and the voiced glide read off it.
#include "audio/pitch_contour.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include "audio/analysis_rate.hpp"
#include "audio/aubio_handles.hpp"

namespace samplemind::audio {

namespace {
// A hop is audible within 26 dB of the loudest (the root-note votes' 5%).
constexpr double k_audible_rms_ratio = 0.05;
// Voiced: YIN's periodicity 0.8 or more (aubio's default tolerance reads pitch at 0.85), on
// an f0 between C2 (65 Hz, under a low male voice) and C6 (1 kHz, over a child's).
constexpr double k_voiced_confidence = 0.8;
constexpr double k_lowest_voice_midi = 36.0;
constexpr double k_highest_voice_midi = 84.0;
// One stretch: neighbouring hops at most a semitone apart (a voice glides; a jump is a new
// syllable or a pitch error). The glide is read between hops 8 apart (93 ms, a syllable's
// length) that moved half a semitone: intonation at 5 semitones a second or more.
constexpr double k_stretch_step_semitones = 1.0;
constexpr std::size_t k_glide_lag_hops = 8;
constexpr double k_glide_semitones = 0.5;
// A held stretch: 35 hops (0.41 s), twice a spoken syllable; a sung note is held that long.
constexpr std::size_t k_held_stretch_hops = 35;

struct PitchDeleter {
  void operator()(aubio_pitch_t* p) const {
    const std::lock_guard lock(fft_planner_mutex());  // its FFT plan goes with it
    del_aubio_pitch(p);
  }
};
using PitchPtr = std::unique_ptr<aubio_pitch_t, PitchDeleter>;

PitchPtr new_yin() {
  const std::lock_guard lock(fft_planner_mutex());
  // "yinfast": YIN's difference function by FFT; aubio's "yinfft" reports no usable confidence.
  return PitchPtr(new_aubio_pitch("yinfast", k_contour_window, k_contour_hop, k_analysis_rate_hz));
}
}  // namespace

std::vector<ContourFrame> pitch_contour(std::span<const float> samples) {
  std::vector<ContourFrame> frames;
  const PitchPtr pitch = new_yin();
  if (!pitch) return frames;
  aubio_pitch_set_unit(pitch.get(), "midi");
  aubio_pitch_set_silence(pitch.get(), -70.0f);
  const FvecPtr in(new_fvec(k_contour_hop));
  const FvecPtr out(new_fvec(1));
  const std::size_t hops = samples.size() / k_contour_hop;
  frames.reserve(hops);
  for (std::size_t h = 0; h < hops; ++h) {
    double energy = 0.0;
    for (std::size_t i = 0; i < k_contour_hop; ++i) {
      const float v = samples[h * k_contour_hop + i];
      in->data[i] = v;
      energy += static_cast<double>(v) * v;
    }
    aubio_pitch_do(pitch.get(), in.get(), out.get());
    const double midi = out->data[0];
    const double confidence = aubio_pitch_get_confidence(pitch.get());
    frames.push_back({std::isfinite(midi) ? midi : 0.0, std::isfinite(confidence) ? confidence : 0.0,
                      std::sqrt(energy / k_contour_hop)});
  }
  return frames;
}

VoicedGlide measure_voiced_glide(std::span<const ContourFrame> contour) {
  VoicedGlide glide;
  double loudest = 0.0;
  for (const ContourFrame& f : contour) loudest = std::max(loudest, f.rms);
  if (loudest <= 0.0) return glide;
  // stretch[i]: which voiced stretch hop i belongs to, 0 when it is unvoiced or silent.
  std::vector<int> stretch(contour.size(), 0);
  std::size_t audible = 0, voiced = 0;
  int stretches = 0;
  for (std::size_t i = 0; i < contour.size(); ++i) {
    const ContourFrame& f = contour[i];
    if (f.rms < k_audible_rms_ratio * loudest) continue;
    ++audible;
    if (f.confidence < k_voiced_confidence || f.midi < k_lowest_voice_midi || f.midi > k_highest_voice_midi) continue;
    ++voiced;
    const bool continues = i > 0 && stretch[i - 1] != 0 && std::abs(f.midi - contour[i - 1].midi) <= k_stretch_step_semitones;
    stretch[i] = continues ? stretch[i - 1] : ++stretches;
  }
  if (audible == 0) return glide;
  std::size_t pairs = 0, gliding = 0;
  for (std::size_t i = 0; i + k_glide_lag_hops < contour.size(); ++i) {
    if (stretch[i] == 0 || stretch[i] != stretch[i + k_glide_lag_hops]) continue;
    ++pairs;
    if (std::abs(contour[i + k_glide_lag_hops].midi - contour[i].midi) >= k_glide_semitones) ++gliding;
  }
  std::vector<std::size_t> stretch_length(static_cast<std::size_t>(stretches) + 1, 0);
  for (int id : stretch) ++stretch_length[static_cast<std::size_t>(id)];
  std::size_t held = 0;
  for (int id : stretch) {
    if (id != 0 && stretch_length[static_cast<std::size_t>(id)] >= k_held_stretch_hops) ++held;
  }
  glide.held_share = voiced ? static_cast<double>(held) / static_cast<double>(voiced) : 0.0;
  glide.voiced_share = static_cast<double>(voiced) / static_cast<double>(audible);
  glide.glide_share = pairs ? static_cast<double>(gliding) / static_cast<double>(pairs) : 0.0;
  return glide;
}

}  // namespace samplemind::audio
