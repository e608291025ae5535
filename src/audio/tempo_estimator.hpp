#pragma once
// Tempo from onset envelopes: periodicity, octave choice, and the loop-length fit.
#include <optional>
#include <vector>

#include "model/features.hpp"

#include "audio/level_shape.hpp"
#include "audio/onset_stage.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/tempo_score.hpp"

namespace samplemind::audio {

// One reading the tempo score ranked: the terms it added up (the own-length terms counted in
// the score term whose weight they reuse) and its score, so tools/fit_tempo_score.py can
// refit the weights on exactly what the estimator chose among.
struct RankedReading {
  BeatCandidate reading;
  TempoScoreTerms terms{};
  double score = 0.0;
};

struct TempoEstimate {
  std::optional<double> bpm;  // null when there is no steady pulse
  double confidence = 0.0;    // 0..1
  bool fits_loop = false;     // the duration is a whole number of beats at bpm (else a loop cut short or with a tail)
  bool by_length_alone = false;  // only the length rule made it a loop (whole bars, no pulse)
  bool whole_bars = false;       // the length is whole bars at a whole BPM (any length, round or not)
  std::vector<TempoCandidate> candidates;  // the best two readings, best first
  LevelShape levels;                       // of the envelopes read (set with or without a pulse)
  std::vector<RankedReading> ranking;      // every reading the score ranked, best first (empty: no tempo)
};

// Onsets a pulse needs at the least: two events make a repetition. Set from that principle,
// not fitted (the fewest any loop of the real corpus shows is 3).
inline constexpr long k_min_pulse_onsets = 2;

// A sound that holds: its second half (LevelShape::sustain) within 20 dB of its loudest;
// a hit that dies away sooner has no pulse. The loop gate's line; the voice rule reuses it.
inline constexpr double k_min_sustain = 0.10;

// A single sound (one onset) made a loop by its length must hold through the bar: its
// second half comes within 10 dB of its loudest. A hit that dies away (a boom cut to one
// bar of 140 BPM) is no pad. Set from what "held" means, not fitted: single-onset loops of
// the tuning halves hold at 0.74 or more, the lowest held out 0.48 (docs/evaluation.md).
inline constexpr double k_min_lone_sound_sustain = 0.316;

// A bar of beats sounds at least four times: fewer audible onsets are a phrase, not a
// pulse (the sparse-phrase gate, version 22; the voice rule, version 23).
inline constexpr int k_min_sparse_onsets = 4;

// Why: a pulse read from a single onset is the sound's own ripple (a held effect with a
// slow wobble), not a repetition: no tempo. A length that fits whole bars needs no onsets
// (a chord held for exactly one bar stays a loop).
TempoEstimate without_lone_onset_pulse(TempoEstimate estimate, double onset_count);

// Why: a sound that holds one clean pitch from start to end (a held note) has a pulse only
// in its vibrato or tremolo; it is a loop only when its length is whole bars.
TempoEstimate without_held_note_pulse(TempoEstimate estimate, bool holds_one_pitch);

// True when the file has a pulse a loop would have: long enough, several onsets, not a
// lone decaying hit.
bool has_pulse(const PulseEvidence& evidence);

// Why: a held note keeps its tempo only when its length could be a loop's; this is the
// arithmetic alone (a 2.000 s bar at 120 BPM counts), without fits_whole_bars' guards.
bool length_is_whole_bars(const PulseEvidence& evidence);

// True when the length is whole bars (4, 8, ... beats) at a whole BPM in 70-180 to within
// a sample, the length is not a round tenth of a second, and the sound is held through the
// bar (a single sound within 10 dB of its loudest in the second half) or hits its beats: a
// sparse loop (one chord per bar) that has_pulse cannot see.
bool fits_whole_bars(const PulseEvidence& evidence);

// Estimates tempo of a file of duration_s seconds from its onset envelopes. A file whose
// length is no whole bars and that shows no pulse, yet holds, is read again with its opening
// capped (Opening::capped), its stretched readings alone able to pass (with the stricter
// on-beat line, or the plain one where they repeat clearly). It is also read without the
// silence after its last sound (tail_s), and that reading wins when its length is whole
// bars at a whole BPM; and one whose sound starts lead_in_s after its start is read from its first sound
// (loop_timing.hpp), which wins when it finds a tempo. brightness_hz, the file's spectral
// centroid (OnsetStage::brightness_hz), tells a kick on every beat (kick_pulse.hpp); 0 when unknown.
// length_is_codec_frames: the length is an MP3's whole frames, its encoder's delay and fill
// kept (audio_decoder.hpp), so it says nothing of bars: its whole-bar fits are not trusted.
TempoEstimate estimate_tempo(const OnsetEnvelopes& envelopes, double duration_s, double lead_in_s = 0.0,
                             double tail_s = 0.0, double brightness_hz = 0.0, bool length_is_codec_frames = false);

}  // namespace samplemind::audio
