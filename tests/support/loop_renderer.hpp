#pragma once
// Renders musical loops and one-shots with known tempo and key, for the bundled
// samples and the labelled evaluation corpus.
#include <cstdint>
#include <vector>

#include "support/synth.hpp"

namespace samplemind::audio {

enum class DrumStyle { none, rock, four_on_floor, half_time, breakbeat };

struct LoopSpec {
  int bpm = 120;
  int bars = 4;                 // of 4/4
  int tonic = 9;                // pitch class, 0 = C
  bool minor = true;
  bool chords = true;
  bool bass = true;
  bool melody = false;
  DrumStyle drums = DrumStyle::none;
  int progression = 0;          // index into the built-in progressions
  Timbre chord_timbre = Timbre::saw;
  double tuning_hz = 440.0;     // A4 reference (detuned material exists)
  int sample_rate = 44100;
  int channels = 1;
  std::uint32_t seed = 1;
};

// Interleaved samples of exactly bars * 4 beats at spec.bpm, peak-normalised to -1 dBFS.
std::vector<float> render_loop(const LoopSpec& spec);

enum class DrumHit { kick, snare, closed_hat, open_hat, clap };

// A drum one-shot (about 0.2-0.6 s), peak-normalised.
std::vector<float> render_drum_hit(DrumHit hit, int sample_rate, std::uint32_t seed);

// A pitched one-shot of one MIDI note, peak-normalised.
std::vector<float> render_pitched_hit(int midi, Timbre timbre, double seconds, int sample_rate);

}  // namespace samplemind::audio
