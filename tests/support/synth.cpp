// Additive and noise synthesis, deterministic for a given seed.
#include "support/synth.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace samplemind::audio {

namespace {
constexpr double k_two_pi = 2.0 * std::numbers::pi;

void ensure_length(std::vector<float>& out, std::size_t length) {
  if (out.size() < length) out.resize(length, 0.0f);
}

// Harmonic amplitudes of each timbre (band-limited additive synthesis).
double harmonic_amplitude(Timbre timbre, int n) {
  switch (timbre) {
    case Timbre::sine: return n == 1 ? 1.0 : 0.0;
    case Timbre::saw: return 1.0 / n;
    case Timbre::square: return n % 2 == 1 ? 1.0 / n : 0.0;
    case Timbre::organ: return n == 1 ? 1.0 : n == 2 ? 0.5 : n == 3 ? 0.3 : n == 4 ? 0.25 : 0.0;
    case Timbre::pluck: return 1.0 / (n * n) + (n < 6 ? 0.15 / n : 0.0);
    case Timbre::pad: return n <= 6 ? 0.8 / n : 0.0;
  }
  return 0.0;
}
}  // namespace

double midi_to_hz(double midi, double tuning_hz) { return tuning_hz * std::pow(2.0, (midi - 69.0) / 12.0); }

std::vector<float> silence(double seconds, int rate_hz) {
  return std::vector<float>(static_cast<std::size_t>(std::lround(seconds * rate_hz)), 0.0f);
}

void add_note(std::vector<float>& out, int rate_hz, double start_s, double length_s, double freq_hz,
              double amplitude, Timbre timbre) {
  const auto start = static_cast<std::size_t>(std::lround(start_s * rate_hz));
  const auto length = static_cast<std::size_t>(std::lround(length_s * rate_hz));
  ensure_length(out, start + length);
  const double attack_s = timbre == Timbre::pad ? std::min(0.08, length_s / 4) : 0.004;
  const double release_s = std::min(0.03, length_s / 4);
  const double nyquist = rate_hz / 2.0;
  // One band-limited cycle in a table, read with a phase accumulator (fast enough for a corpus).
  constexpr std::size_t k_table_size = 2048;
  std::vector<float> table(k_table_size + 1, 0.0f);
  for (int n = 1; n <= 24 && freq_hz * n < 0.9 * nyquist; ++n) {
    const double a = harmonic_amplitude(timbre, n);
    if (a == 0.0) continue;
    for (std::size_t i = 0; i < k_table_size; ++i) {
      table[i] += static_cast<float>(a * std::sin(k_two_pi * n * static_cast<double>(i) / k_table_size));
    }
  }
  table[k_table_size] = table[0];
  const double increment = freq_hz / rate_hz * k_table_size;
  double phase = 0.0;
  const double pluck_decay = std::exp(-3.0 / rate_hz);
  double pluck = 1.0;
  for (std::size_t i = 0; i < length; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    double envelope = std::min(1.0, t / attack_s) * std::min(1.0, (length_s - t) / release_s);
    if (timbre == Timbre::pluck) {
      envelope *= pluck;
      pluck *= pluck_decay;
    }
    const auto index = static_cast<std::size_t>(phase);
    const double frac = phase - static_cast<double>(index);
    const double value = table[index] + frac * (table[index + 1] - table[index]);
    out[start + i] += static_cast<float>(amplitude * envelope * value);
    phase += increment;
    if (phase >= k_table_size) phase -= k_table_size;
  }
}

namespace {
// A sine sweeping down from 158 to 48 Hz, decaying: length_s long, with a 3 ms click at its
// start or not, and faded out over its last fade_s (0: cut off at its end).
void add_kick_voice(std::vector<float>& out, int rate_hz, double start_s, double amplitude, double length_s, bool click,
                    double fade_s) {
  const auto start = static_cast<std::size_t>(std::lround(start_s * rate_hz));
  const auto length = static_cast<std::size_t>(length_s * rate_hz);
  ensure_length(out, start + length);
  double phase = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    const double freq = 48.0 + 110.0 * std::exp(-t * 30.0);  // pitch sweep down
    phase += k_two_pi * freq / rate_hz;
    const double attack = click && t < 0.003 ? (1.0 - t / 0.003) * 0.5 : 0.0;
    const double fade = fade_s > 0.0 ? std::min(1.0, (length_s - t) / fade_s) : 1.0;
    out[start + i] += static_cast<float>(amplitude * fade * (std::sin(phase) * std::exp(-t * 9.0) + attack));
  }
}
}  // namespace

void add_kick(std::vector<float>& out, int rate_hz, double start_s, double amplitude) {
  add_kick_voice(out, rate_hz, start_s, amplitude, 0.35, true, 0.0);
}

void add_faded_kick(std::vector<float>& out, int rate_hz, double start_s, double amplitude) {
  add_kick_voice(out, rate_hz, start_s, amplitude, 0.3, false, 0.1);
}

void add_snare(std::vector<float>& out, int rate_hz, double start_s, double amplitude, std::mt19937& rng) {
  const auto start = static_cast<std::size_t>(std::lround(start_s * rate_hz));
  const auto length = static_cast<std::size_t>(0.2 * rate_hz);
  ensure_length(out, start + length);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  double previous = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    const double n = noise(rng);
    const double bright = n - 0.5 * previous;  // gentle high-pass
    previous = n;
    const double body = 0.5 * std::sin(k_two_pi * 185.0 * t) * std::exp(-t * 25.0);
    out[start + i] += static_cast<float>(amplitude * (0.7 * bright * std::exp(-t * 18.0) + body));
  }
}

void add_hat(std::vector<float>& out, int rate_hz, double start_s, double amplitude, std::mt19937& rng, bool open) {
  const auto start = static_cast<std::size_t>(std::lround(start_s * rate_hz));
  const double decay = open ? 9.0 : 45.0;
  const auto length = static_cast<std::size_t>((open ? 0.4 : 0.08) * rate_hz);
  ensure_length(out, start + length);
  std::uniform_real_distribution<double> noise(-1.0, 1.0);
  double previous = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    const double n = noise(rng);
    const double high = n - previous;  // first difference: high-passed noise
    previous = n;
    out[start + i] += static_cast<float>(amplitude * 0.5 * high * std::exp(-t * decay));
  }
}

void add_click(std::vector<float>& out, int rate_hz, double start_s, double amplitude) {
  const auto start = static_cast<std::size_t>(std::lround(start_s * rate_hz));
  const auto length = static_cast<std::size_t>(0.01 * rate_hz);
  ensure_length(out, start + length);
  for (std::size_t i = 0; i < length; ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    out[start + i] += static_cast<float>(amplitude * std::sin(k_two_pi * 1000.0 * t) * std::exp(-t * 400.0));
  }
}

std::vector<float> enveloped_sine(double freq_hz, double seconds, int rate_hz,
                                  const std::function<double(double)>& envelope) {
  std::vector<float> out(static_cast<std::size_t>(seconds * rate_hz));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double t = static_cast<double>(i) / rate_hz;
    out[i] = static_cast<float>(envelope(t) * std::sin(k_two_pi * freq_hz * t));
  }
  return out;
}

std::vector<float> swelling_sine(double freq_hz, double seconds, double attack_s, int rate_hz) {
  return enveloped_sine(freq_hz, seconds, rate_hz, [=](double t) {
    return 0.5 * (std::min(1.0, t / attack_s) * std::min(1.0, (seconds - t) / 0.05));
  });
}

void normalize_peak(std::vector<float>& samples, double peak) {
  float current = 0.0f;
  for (float v : samples) current = std::max(current, std::abs(v));
  if (current <= 0.0f) return;
  const auto scale = static_cast<float>(peak / current);
  for (float& v : samples) v *= scale;
}

}  // namespace samplemind::audio
