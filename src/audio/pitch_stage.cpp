// aubio yinfft over the head of the file; only confident, audible frames vote.
#include "audio/pitch_stage.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio/analysis_rate.hpp"
#include "audio/aubio_handles.hpp"
#include "audio/key_classifier.hpp"

namespace samplemind::audio {

namespace {
constexpr int k_pitch_buffer_size = 2048;
constexpr int k_pitch_hop_size = 512;
constexpr float k_min_confidence = 0.85f;
constexpr double k_min_voiced_fraction = 0.5;   // of audible frames
constexpr double k_audible_rms_ratio = 0.05;    // of the loudest hop
constexpr double k_max_spread_semitones = 0.5;  // voiced frames must agree
constexpr double k_min_agreeing_fraction = 0.6; // of audible frames
constexpr double k_min_pitch_hz = 27.5;
constexpr double k_max_pitch_hz = 4200.0;
}  // namespace

std::string midi_note_name(int midi) {
  return std::string(pitch_class_name(midi % 12)) + std::to_string(midi / 12 - 1);
}

std::optional<RootNote> estimate_root_note(std::span<const float> samples) {
  if (samples.size() < static_cast<std::size_t>(k_pitch_buffer_size)) return std::nullopt;
  PitchPtr pitch;
  {
    const std::lock_guard lock(fft_planner_mutex());  // yinfft plans an FFT
    pitch.reset(new_aubio_pitch("yinfft", k_pitch_buffer_size, k_pitch_hop_size, k_analysis_rate_hz));
  }
  FvecPtr hop(new_fvec(k_pitch_hop_size));
  FvecPtr out(new_fvec(1));
  if (!pitch || !hop || !out) return std::nullopt;
  aubio_pitch_set_unit(pitch.get(), "Hz");
  aubio_pitch_set_silence(pitch.get(), -60.0f);

  const std::size_t hops = samples.size() / k_pitch_hop_size;
  std::vector<float> rms(hops, 0.0f);
  for (std::size_t h = 0; h < hops; ++h) {
    double energy = 0.0;
    for (int i = 0; i < k_pitch_hop_size; ++i) {
      const double v = samples[h * k_pitch_hop_size + static_cast<std::size_t>(i)];
      energy += v * v;
    }
    rms[h] = static_cast<float>(std::sqrt(energy / k_pitch_hop_size));
  }
  const float loudest = *std::max_element(rms.begin(), rms.end());
  if (loudest <= 1e-5f) return std::nullopt;

  std::vector<double> voiced_midi;
  std::size_t audible = 0;
  for (std::size_t h = 0; h < hops; ++h) {
    std::copy_n(samples.begin() + static_cast<std::ptrdiff_t>(h * k_pitch_hop_size), k_pitch_hop_size, hop->data);
    aubio_pitch_do(pitch.get(), hop.get(), out.get());
    // aubio reports the pitch of the buffer ending at this hop; judge audibility there.
    if (rms[h] < k_audible_rms_ratio * loudest) continue;
    ++audible;
    const float hz = out->data[0];
    // aubio 0.4.9's yinfft reports confidence 0 even for clean tones, so voicing is
    // judged by agreement between frames below; confidence only vetoes when reported.
    const float confidence = aubio_pitch_get_confidence(pitch.get());
    if ((confidence > 0.0f && confidence < k_min_confidence) || hz < k_min_pitch_hz || hz > k_max_pitch_hz) continue;
    voiced_midi.push_back(69.0 + 12.0 * std::log2(hz / 440.0));
  }
  if (audible == 0 || voiced_midi.size() < 4 ||
      static_cast<double>(voiced_midi.size()) < k_min_voiced_fraction * static_cast<double>(audible)) {
    return std::nullopt;
  }
  std::sort(voiced_midi.begin(), voiced_midi.end());
  const double median = voiced_midi[voiced_midi.size() / 2];
  const std::size_t agreeing = static_cast<std::size_t>(std::count_if(
      voiced_midi.begin(), voiced_midi.end(), [&](double m) { return std::abs(m - median) <= k_max_spread_semitones; }));
  if (static_cast<double>(agreeing) < k_min_agreeing_fraction * static_cast<double>(audible)) return std::nullopt;
  const int midi = static_cast<int>(std::lround(median));
  if (midi < 0 || midi > 127) return std::nullopt;
  return RootNote{midi, midi_note_name(midi)};
}

}  // namespace samplemind::audio
