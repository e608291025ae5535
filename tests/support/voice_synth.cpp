// Speech-like test signals (voice_synth.hpp).
#include "support/voice_synth.hpp"

#include <algorithm>
#include <cmath>

#include "support/synth.hpp"

namespace samplemind::audio {

namespace {
constexpr double k_two_pi = 2.0 * M_PI;

// Speaks at once (5 ms), falls away over the word, closes in 30 ms.
double word_envelope(double t, double length_s) {
  return std::min({1.0, t / 0.005, (length_s - t) / 0.03}) * std::exp(-t / (0.6 * length_s));
}

void ensure_length(std::vector<float>& out, std::size_t length) {
  if (out.size() < length) out.resize(length, 0.0f);
}
}  // namespace

void add_voiced(std::vector<float>& out, int rate_hz, double start_s, double length_s, double from_hz, double to_hz) {
  const auto first = static_cast<std::size_t>(start_s * rate_hz);
  const auto count = static_cast<std::size_t>(length_s * rate_hz);
  ensure_length(out, first + count);
  double phase = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    const double f0 = from_hz + (to_hz - from_hz) * t / length_s;
    phase += k_two_pi * f0 / rate_hz;
    double v = 0.0;
    for (int h = 1; h <= 12; ++h) v += std::sin(h * phase) / (1.0 + std::abs(h * f0 - 700.0) / 300.0);
    out[first + i] += static_cast<float>(0.2 * word_envelope(t, length_s) * v);
  }
}

void add_breath(std::vector<float>& out, int rate_hz, double start_s, double length_s, double amplitude,
                std::mt19937& rng) {
  const auto first = static_cast<std::size_t>(start_s * rate_hz);
  const auto count = static_cast<std::size_t>(length_s * rate_hz);
  ensure_length(out, first + count);
  // RBJ band-pass (constant 0 dB peak gain) at 1.2 kHz, Q 0.7.
  const double w0 = k_two_pi * 1200.0 / rate_hz;
  const double alpha = std::sin(w0) / (2.0 * 0.7);
  const double a0 = 1.0 + alpha;
  const double b0 = alpha / a0, b2 = -alpha / a0, a1 = -2.0 * std::cos(w0) / a0, a2 = (1.0 - alpha) / a0;
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  double x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double x = noise(rng);
    const double y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    const double t = static_cast<double>(i) / rate_hz;
    out[first + i] += static_cast<float>(amplitude * word_envelope(t, length_s) * y);
  }
}

std::vector<float> three_words(Delivery delivery, int rate_hz) {
  std::vector<float> out = silence(1.7, rate_hz);
  const double notes[] = {50.0, 53.0, 55.0};  // MIDI D3, F3, G3
  const bool glides = delivery != Delivery::sung;
  std::mt19937 rng(11);
  for (int k = 0; k < 3; ++k) {
    const double start_s = 0.05 + 0.5 * k;
    const double start_hz = midi_to_hz(notes[k] + (glides ? k / 3.0 : 0.0));
    add_voiced(out, rate_hz, start_s, 0.3, start_hz, glides ? start_hz * std::pow(2.0, -1.0 / 36.0) : start_hz);
    if (delivery == Delivery::spoken_with_noise) add_breath(out, rate_hz, start_s, 0.3, 0.6, rng);
  }
  out.resize(static_cast<std::size_t>(1.7 * rate_hz), 0.0f);
  normalize_peak(out, 0.8);
  return out;
}

std::vector<float> murmur_around_e3(double breath_amplitude, int rate_hz) {
  std::vector<float> out = silence(1.7, rate_hz);
  std::mt19937 rng(5);
  for (int k = 0; k < 3; ++k) {
    const double start_s = 0.05 + 0.5 * k;
    const double hz = midi_to_hz(52.0 + 0.4 * k);
    add_voiced(out, rate_hz, start_s, 0.3, hz, hz * std::pow(2.0, -1.0 / 36.0));
    if (breath_amplitude > 0.0) add_breath(out, rate_hz, start_s, 0.3, breath_amplitude, rng);
  }
  out.resize(static_cast<std::size_t>(1.7 * rate_hz), 0.0f);
  normalize_peak(out, 0.8);
  return out;
}

std::vector<float> spoken_sentence(Delivery delivery, int rate_hz) {
  std::vector<float> out = silence(2.6, rate_hz);
  std::mt19937 rng(23);
  const double scale[] = {48.0, 50.0, 52.0, 53.0, 55.0, 57.0, 55.0, 53.0, 52.0, 50.0, 48.0, 47.0};  // C major
  for (int k = 0; k < 12; ++k) {
    const double start_s = 0.02 + 0.215 * k;
    add_breath(out, rate_hz, start_s, 0.035, 0.3, rng);
    if (delivery == Delivery::sung) {
      const double hz = midi_to_hz(scale[k]);
      add_voiced(out, rate_hz, start_s + 0.035, 0.18, hz, hz);
      continue;
    }
    // Intonation: up 3 semitones over the first half, down 4 over the second.
    const double from_midi = k < 6 ? 46.9 + 0.5 * k : 49.9 - (4.0 / 6.0) * (k - 6);
    const double to_midi = k < 6 ? from_midi + 1.2 : from_midi - 1.5;
    add_voiced(out, rate_hz, start_s + 0.035, 0.18, midi_to_hz(from_midi), midi_to_hz(to_midi));
  }
  out.resize(static_cast<std::size_t>(2.6 * rate_hz), 0.0f);
  normalize_peak(out, 0.8);
  return out;
}

std::vector<float> sung_line_with_vibrato(int rate_hz) {
  const double melody[] = {57.0, 60.0, 64.0, 62.0, 60.0, 59.0, 57.0, 64.0};  // A3 C4 E4 D4 C4 B3 A3 E4
  constexpr double k_note_s = 0.25, k_slide_s = 0.05;
  const auto count = static_cast<std::size_t>(1.96 * rate_hz);
  std::vector<float> out(count, 0.0f);
  double phase = 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    const auto note = std::min<std::size_t>(7, static_cast<std::size_t>(t / k_note_s));
    const double into = t - static_cast<double>(note) * k_note_s;
    const double previous = note == 0 ? melody[0] : melody[note - 1];
    const double target = melody[note];
    const double midi = (into < k_slide_s ? previous + (target - previous) * into / k_slide_s : target) +
                        0.4 * std::sin(k_two_pi * 5.5 * t);
    const double f0 = midi_to_hz(midi);
    phase += k_two_pi * f0 / rate_hz;
    double v = 0.0;
    for (int h = 1; h <= 12; ++h) v += std::sin(h * phase) / (1.0 + std::abs(h * f0 - 700.0) / 300.0);
    const double syllable = std::min(1.0, 0.15 + into / 0.03) * std::exp(-into / 0.6);  // "la": a dip, then sung
    out[i] = static_cast<float>(0.2 * syllable * v);
  }
  normalize_peak(out, 0.8);
  return out;
}

std::vector<float> sung_notes_with_vibrato(const std::vector<std::pair<double, double>>& notes, double cut,
                                           int rate_hz) {
  std::vector<float> out;
  double phase = 0.0, start_s = 0.0;
  for (const auto& [midi, length_s] : notes) {
    const auto count = static_cast<std::size_t>(length_s * rate_hz);
    for (std::size_t i = 0; i < count; ++i) {
      const double into = static_cast<double>(i) / rate_hz;
      const double f0 = midi_to_hz(midi + 0.4 * std::sin(k_two_pi * 5.5 * (start_s + into)));
      phase += k_two_pi * f0 / rate_hz;
      double v = 0.0;
      for (int h = 1; h <= 12; ++h) v += std::sin(h * phase) / (1.0 + std::abs(h * f0 - 700.0) / 300.0);
      const double envelope = std::min({1.0, into / 0.02, (length_s - into) / 0.03}) * (0.7 + 0.3 * std::exp(-into / 0.3));
      out.push_back(static_cast<float>(0.12 * envelope * v));
    }
    start_s += length_s;
  }
  out.resize(static_cast<std::size_t>(cut * static_cast<double>(out.size())));
  normalize_peak(out, 0.8);
  return out;
}

std::vector<float> two_breathy_words(bool voiced, int rate_hz) {
  std::vector<float> out;
  std::mt19937 rng(7);
  double f0 = 130.0;
  for (int word = 0; word < 2; ++word) {
    const double start = 0.54 * word;
    add_breath(out, rate_hz, start, voiced ? 0.4 : 0.56, 0.5, rng);
    if (voiced) add_voiced(out, rate_hz, start + 0.38, 0.16, f0, f0 * std::pow(2.0, 3.0 / 12.0));
    f0 *= std::pow(2.0, -2.3 / 12.0);
  }
  return out;
}

std::vector<float> sentence_over_drone(double drone_amplitude, int rate_hz) {
  std::vector<float> out = spoken_sentence(Delivery::spoken, rate_hz);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] += static_cast<float>(drone_amplitude * std::sin(k_two_pi * 440.0 * static_cast<double>(i) / rate_hz));
  }
  return out;
}

}  // namespace samplemind::audio
