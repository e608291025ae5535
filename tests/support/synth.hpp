#pragma once
// Signals with known answers (tones, chords, drums, clicks) for tests, the bundled
// samples and the evaluation corpus: audio made by the project, licence-clean.
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <vector>

namespace samplemind::audio {

enum class Timbre { sine, saw, square, organ, pluck, pad };

// Frequency of a MIDI note with A4 (69) = tuning_hz.
double midi_to_hz(double midi, double tuning_hz = 440.0);

// A buffer of silence of the given length.
std::vector<float> silence(double seconds, int rate_hz);

// Adds one note (with attack/release envelope) to out, growing it when needed.
void add_note(std::vector<float>& out, int rate_hz, double start_s, double length_s, double freq_hz,
              double amplitude, Timbre timbre);

// Drum voices; rng makes noise reproducible.
void add_kick(std::vector<float>& out, int rate_hz, double start_s, double amplitude);
void add_snare(std::vector<float>& out, int rate_hz, double start_s, double amplitude, std::mt19937& rng);
void add_hat(std::vector<float>& out, int rate_hz, double start_s, double amplitude, std::mt19937& rng, bool open = false);
void add_click(std::vector<float>& out, int rate_hz, double start_s, double amplitude);
// A kick that fades out within 0.3 s (add_kick ends with a step that reads as a second onset):
// what a kick on every beat is made of in the kick-rate tests.
void add_faded_kick(std::vector<float>& out, int rate_hz, double start_s, double amplitude);

// A sine of seconds whose amplitude at time t is envelope(t): booms, held notes, swells.
std::vector<float> enveloped_sine(double freq_hz, double seconds, int rate_hz,
                                  const std::function<double(double)>& envelope);

// A sine at half scale that swells in over attack_s and holds to the end (a 50 ms release):
// the plainest pad.
std::vector<float> swelling_sine(double freq_hz, double seconds, double attack_s, int rate_hz);

// Scales so the absolute peak equals peak (no-op for silence).
void normalize_peak(std::vector<float>& samples, double peak);

}  // namespace samplemind::audio
