// Diatonic chord progressions with bass and an optional melody, and common drum
// patterns; everything is placed on a beat grid so the answers are exact.
#include "support/loop_renderer.hpp"

#include <algorithm>
#include <array>
#include <random>

namespace samplemind::audio {

namespace {

constexpr std::array<int, 7> k_major_scale{0, 2, 4, 5, 7, 9, 11};
constexpr std::array<int, 7> k_minor_scale{0, 2, 3, 5, 7, 8, 10};
// Scale degrees (0-based) of four chords per progression.
constexpr std::array<std::array<int, 4>, 4> k_major_progressions{{{0, 4, 5, 3}, {0, 3, 4, 0}, {0, 5, 3, 4}, {0, 3, 0, 4}}};
constexpr std::array<std::array<int, 4>, 4> k_minor_progressions{{{0, 5, 2, 6}, {0, 3, 4, 0}, {0, 6, 5, 4}, {0, 5, 3, 4}}};

// MIDI notes of the diatonic triad on a degree (the minor v becomes V: harmonic minor).
std::array<int, 3> triad(int tonic, bool minor, int degree, int base_midi) {
  const auto& scale = minor ? k_minor_scale : k_major_scale;
  std::array<int, 3> notes{};
  for (int i = 0; i < 3; ++i) {
    const int step = degree + 2 * i;
    notes[static_cast<std::size_t>(i)] = base_midi + tonic + scale[static_cast<std::size_t>(step % 7)] + 12 * (step / 7);
  }
  if (minor && degree == 4) notes[1] += 1;  // raised leading tone
  return notes;
}

void add_drums(std::vector<float>& out, const LoopSpec& spec, double beat_s, int beats, std::mt19937& rng) {
  const int rate = spec.sample_rate;
  for (int beat = 0; beat < beats; ++beat) {
    const double t = beat * beat_s;
    const int in_bar = beat % 4;
    switch (spec.drums) {
      case DrumStyle::none: break;
      case DrumStyle::rock:
        if (in_bar == 0 || in_bar == 2) add_kick(out, rate, t, 0.9);
        if (in_bar == 1 || in_bar == 3) add_snare(out, rate, t, 0.7, rng);
        add_hat(out, rate, t, 0.3, rng);
        add_hat(out, rate, t + beat_s / 2, 0.2, rng);
        break;
      case DrumStyle::four_on_floor:
        add_kick(out, rate, t, 0.9);
        if (in_bar == 1 || in_bar == 3) add_snare(out, rate, t, 0.6, rng);
        add_hat(out, rate, t + beat_s / 2, 0.3, rng, true);
        break;
      case DrumStyle::half_time:
        if (in_bar == 0) add_kick(out, rate, t, 0.9);
        if (in_bar == 2) add_snare(out, rate, t, 0.7, rng);
        for (int q = 0; q < 4; ++q) add_hat(out, rate, t + q * beat_s / 4, q == 0 ? 0.25 : 0.15, rng);
        break;
      case DrumStyle::breakbeat:
        if (in_bar == 0) add_kick(out, rate, t, 0.9);
        if (in_bar == 2) add_kick(out, rate, t + beat_s / 2, 0.8);
        if (in_bar == 1 || in_bar == 3) add_snare(out, rate, t, 0.7, rng);
        add_hat(out, rate, t, 0.25, rng);
        add_hat(out, rate, t + beat_s / 2, 0.15, rng);
        break;
    }
  }
}

}  // namespace

std::vector<float> render_loop(const LoopSpec& spec) {
  const int rate = spec.sample_rate;
  const double beat_s = 60.0 / spec.bpm;
  const int beats = spec.bars * 4;
  const auto length = static_cast<std::size_t>(std::lround(beats * beat_s * rate));
  std::mt19937 rng(spec.seed);
  std::vector<float> harmony(length, 0.0f), lead(length, 0.0f), rhythm(length, 0.0f);

  const auto& progression = spec.minor ? k_minor_progressions[static_cast<std::size_t>(spec.progression % 4)]
                                       : k_major_progressions[static_cast<std::size_t>(spec.progression % 4)];
  const int chord_beats = std::clamp(beats / 4, 1, 4);
  const auto& scale = spec.minor ? k_minor_scale : k_major_scale;
  std::uniform_int_distribution<int> pick(0, 6);
  for (int beat = 0; beat < beats; ++beat) {
    const int degree = progression[static_cast<std::size_t>((beat / chord_beats) % 4)];
    const double t = beat * beat_s;
    const auto notes = triad(spec.tonic, spec.minor, degree, 48);
    if (spec.chords && beat % chord_beats == 0) {
      for (int note : notes) {
        add_note(harmony, rate, t, chord_beats * beat_s * 0.95, midi_to_hz(note, spec.tuning_hz), 0.12, spec.chord_timbre);
      }
    }
    if (spec.bass) {
      const int root = notes[0] - 12 - (notes[0] - 12 >= 48 ? 12 : 0);
      add_note(rhythm, rate, t, beat_s * 0.8, midi_to_hz(root, spec.tuning_hz), 0.35, Timbre::square);
    }
    if (spec.melody) {
      for (int half = 0; half < 2; ++half) {
        // Chord tones on the beat, scale tones between.
        const int note = half == 0 ? notes[static_cast<std::size_t>(pick(rng) % 3)] + 12
                                   : 60 + spec.tonic + scale[static_cast<std::size_t>(pick(rng))];
        add_note(lead, rate, t + half * beat_s / 2, beat_s * 0.45, midi_to_hz(note, spec.tuning_hz), 0.15, Timbre::pluck);
      }
    }
  }
  add_drums(rhythm, spec, beat_s, beats, rng);
  for (auto* part : {&harmony, &lead, &rhythm}) part->resize(length, 0.0f);  // tails wrap off

  const auto channels = static_cast<std::size_t>(std::max(1, spec.channels));
  std::vector<float> out(length * channels);
  for (std::size_t i = 0; i < length; ++i) {
    if (channels == 1) {
      out[i] = harmony[i] + lead[i] + rhythm[i];
      continue;
    }
    out[i * channels] = 0.8f * harmony[i] + lead[i] + rhythm[i];
    out[i * channels + 1] = harmony[i] + 0.6f * lead[i] + rhythm[i];
    for (std::size_t c = 2; c < channels; ++c) out[i * channels + c] = 0.5f * (harmony[i] + rhythm[i]);
  }
  normalize_peak(out, 0.89);
  return out;
}

std::vector<float> render_drum_hit(DrumHit hit, int sample_rate, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<float> out;
  switch (hit) {
    case DrumHit::kick: add_kick(out, sample_rate, 0.0, 1.0); break;
    case DrumHit::snare: add_snare(out, sample_rate, 0.0, 1.0, rng); break;
    case DrumHit::closed_hat: add_hat(out, sample_rate, 0.0, 1.0, rng, false); break;
    case DrumHit::open_hat: add_hat(out, sample_rate, 0.0, 1.0, rng, true); break;
    case DrumHit::clap:
      for (int i = 0; i < 3; ++i) add_snare(out, sample_rate, i * 0.011, 0.6, rng);
      break;
  }
  normalize_peak(out, 0.89);
  return out;
}

std::vector<float> render_pitched_hit(int midi, Timbre timbre, double seconds, int sample_rate) {
  std::vector<float> out = silence(seconds, sample_rate);
  add_note(out, sample_rate, 0.0, seconds, midi_to_hz(midi), 0.8, timbre);
  normalize_peak(out, 0.89);
  return out;
}

}  // namespace samplemind::audio
