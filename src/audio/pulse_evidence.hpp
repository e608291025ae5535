#pragma once
// The measurements the loop and tempo decisions are made from, kept apart from the
// decisions so they can be studied on a labelled corpus (tools/dump_onsets.cpp).
#include <functional>
#include <vector>

#include "audio/level_shape.hpp"
#include "audio/onset_stage.hpp"

namespace samplemind::audio {

constexpr double k_min_tempo_bpm = 50.0;
constexpr double k_max_tempo_bpm = 220.0;
constexpr int k_max_loop_beats = 1024;  // 64 bars of a loop, or a five-minute song at 200 BPM

// One whole-beat reading of the file: `beats` beats over its length.
struct BeatCandidate {
  int beats = 0;
  double bpm = 0.0;
  double periodicity = 0.0;  // comb of the circular autocorrelation at 1..4 beats, 0..1
  double on_beat = 0.0;      // onset salience on the beats after the first (1: no better than anywhere)
  double half_beat = 0.0;    // ... halfway between beats
  double quarter_beat = 0.0; // ... at the quarter and three-quarter points
  double low_on_beat = 0.0;      // the low band's (< 200 Hz: kicks, bass) salience on the beats after the first
  double low_quarter_beat = 0.0; // ... and at the quarter and three-quarter points
  double length_scale = 1.0; // the loop's length over the file's: < 1 a tail follows it, > 1 it was cut short
};

struct PulseEvidence {
  double duration_s = 0.0;
  int onsets = 0;             // clear onset peaks
  std::vector<double> onset_times_s;  // their times, between frames by a parabola through the peak
  LevelShape levels;          // sustain, swell, silence and audible onsets of the hop levels
  double regularity = 0.0;    // share of onset peaks within 35 ms of the best candidate's eighth-note grid
  double acf_peak_bpm = 0.0;  // the best free-running periodicity (no whole-beat constraint)
  double acf_peak = 0.0;
  // acf_peak over the median periodicity of the whole 50-220 BPM grid: a pulse stands out
  // of its own autocorrelation, random clicks (vinyl crackle) and noise do not (1.1-1.5).
  double acf_contrast = 0.0;
  std::vector<BeatCandidate> candidates;  // every whole-beat count with a tempo in range
  // Readings of a loop a little longer than the file (cut short) or shorter (a tail after
  // it, with no onset in the tail): per beat count, the best-scoring length (length_scale != 1).
  std::vector<BeatCandidate> stretched;
  double stretched_periodicity = 0.0;  // the highest over every stretched length tried
  double stretched_on_beat = 0.0;
};

// What the tempo decision tells the measurement about stretched readings: whether a file's
// are worth measuring (asked once the plain evidence is in), and how a reading scores
// (measure_pulse keeps each beat count's best length).
struct StretchPolicy {
  std::function<bool(const PulseEvidence&)> wanted;
  std::function<double(const BeatCandidate&)> score;
};

// How the file's first 50 ms enter the onset strength. Measured, they rise from the silence
// before the file, so a file that starts on a sound opens with its strongest value (often ten
// times a later beat's), which holds most of the autocorrelation's energy. Capped, they reach
// at most the strongest value after them: the loop as it sounds when it plays round. The
// onset peaks, their times and the level shape are always those of the measured strength.
enum class Opening { measured, capped };

// Measures everything the decisions need, once per file; the stretched readings only when
// the policy wants them (they cost about as much as the rest together).
PulseEvidence measure_pulse(const OnsetEnvelopes& envelopes, double duration_s, const StretchPolicy* stretch = nullptr,
                            Opening opening = Opening::measured);

// Detrended, half-wave rectified onset strength of the bands with the given weights.
std::vector<float> onset_strength(const OnsetEnvelopes& envelopes, const float (&band_weights)[3]);

}  // namespace samplemind::audio
