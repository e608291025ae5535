// Loop-aware tempo. A loop is a whole number of beats cut at a bar line, so every
// reading is a whole-beat count of the file's length; a linear score of the pulse
// evidence picks one (a conditional logit, fitted on the tuning half of the real corpus,
// docs/evaluation.md). Files without a pulse get no tempo: they are one-shots.
#include "audio/tempo_estimator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>

#include "audio/kick_pulse.hpp"
#include "audio/loop_timing.hpp"
#include "audio/pulse_evidence.hpp"
#include "audio/tempo_candidates.hpp"
#include "audio/tempo_score.hpp"

namespace samplemind::audio {

namespace {
// The loop gate (chosen on the real corpus' tuning half: loops 0.95 kept, one-shots 0.96 refused).
constexpr double k_min_loop_s = 0.9;
constexpr double k_min_periodicity = 0.10;
constexpr double k_min_on_beat = 1.1;
// The pulse must stand out of the file's own autocorrelation (PulseEvidence::acf_contrast).
// Tuning half: every labelled loop >= 1.90, the two effects that read a tempo 1.27-1.43.
constexpr double k_min_acf_contrast = 1.65;
// A few sounds in a file that is mostly silence are a phrase (a spoken word, a chime), not a
// pulse: a bar of beats sounds at least four times. Silence is LevelShape::quiet_share,
// sounds its audible_onsets; chosen on the tuning halves (docs/evaluation.md, version 22).
constexpr double k_max_quiet_share = 0.6;

// The length rule (a second way in): a loop cut at bar lines lasts whole bars at a whole
// BPM to within a sample, which a one-shot's length rarely does. Chosen on the tuning half.
constexpr double k_bar_fit_min_bpm = 70.0;
constexpr double k_bar_fit_max_bpm = 180.0;
constexpr double k_bar_fit_tolerance_bpm = 0.004;   // real loops: <= 0.0032 (one sample at 22.05 kHz)
constexpr double k_round_length_tolerance_s = 0.0005;  // within this of a whole tenth of a second
constexpr double k_bar_fit_min_on_beat = 1.1;          // a decaying bar still hits its beats ...
constexpr double k_bar_fit_min_periodicity = 0.05;     // ... and repeats a little

// Stretched readings (a loop cut a little short, or a tail after it) are measured only for a
// length that is no whole bars, and pass a stricter gate: 50 lengths give chance 50 more
// tries. Chosen on the tuning half of the perturbed loops (docs/evaluation.md).
constexpr double k_min_stretched_contrast = 2.0;
constexpr double k_min_stretched_on_beat = 2.5;
// A stretched pulse that repeats this clearly passes the second look with the plain on-beat
// line (version 29). Chosen on the tuning halves: with a stretched beat salience of 2.0-2.5,
// perturbed loops read 0.29 / 0.41 / 0.49 (quartiles), tuxpaint's sentences and KLettres'
// syllables 0.17-0.26 (docs/evaluation.md).
constexpr double k_min_clear_stretched_periodicity = 0.30;
constexpr double k_min_lead_in_s = 0.003;    // silence before the first sound that counts as an offset
constexpr double k_min_tail_s = 0.003;       // silence after the last sound that counts as padding

// Two of the score's weights (tempo_score.hpp) that the terms below reuse: whole bars, and
// the cost of a stretched reading, which a doubtful reading of the file's own length pays too.
constexpr double k_weight_whole_bars = k_tempo_score_weights[static_cast<std::size_t>(TempoScoreTerm::whole_bars)];
constexpr double k_weight_stretched = k_tempo_score_weights[static_cast<std::size_t>(TempoScoreTerm::stretched)];
// A loop with no pulse (made a loop by its length alone): the score's audio terms are noise,
// so its length decides, and loops are cut in 1, 2, 4, 8 ... bars far more than in 3, 5 or
// 6. The weight is the fitted one of whole bars, one level up: not fitted again.
constexpr double k_weight_power_of_two_bars = k_weight_whole_bars;
// A kick on every beat and nothing else (kick_pulse.hpp): the reading at its kick rate gets
// twice the whole-bars weight, more than the half-beat term gives the half reading, which
// takes every second kick for an eighth (it led by 1-3 units on Hydrogen's kicks alone). Set, not fitted.
constexpr double k_kick_rate_in_whole_bars = 2.0;
constexpr double k_weight_kick_rate = k_kick_rate_in_whole_bars * k_weight_whole_bars;

// A stretched length replaces the file's own (same beat count) only where its grid sits on
// the onsets better. The score alone would let it win by missing them: a grid that misses
// every onset has little quarter-beat salience, which the score reads as "no faster
// level", and a search over 50 lengths finds such a grid (a loop cut at its bar lines at a
// tempo of no whole BPM then read a "tail" at a whole one).
bool sits_on_onsets_better(const BeatCandidate& stretched, const BeatCandidate& own) {
  return stretched.on_beat > own.on_beat;
}

// A mostly silent file with fewer audible onsets than a bar of beats (k_min_sparse_onsets).
bool is_sparse_phrase(const PulseEvidence& evidence) {
  return evidence.levels.quiet_share > k_max_quiet_share && evidence.levels.audible_onsets < k_min_sparse_onsets;
}

// Worth measuring the stretched readings: long and steady enough for a loop, and a pulse
// standing out of its autocorrelation more clearly than the plain gate asks.
bool worth_stretching(const PulseEvidence& evidence) {
  return evidence.duration_s >= k_min_loop_s && evidence.levels.sustain >= k_min_sustain && !evidence.levels.swells &&
         evidence.acf_contrast >= k_min_stretched_contrast && !is_sparse_phrase(evidence);
}

// Worth a second look with the opening capped (Opening::capped), given that its stretched
// readings were measured and found no pulse: the file holds through its second half as a loop
// does (within 10 dB of its loudest, the line of k_min_lone_sound_sustain), unlike a hit, a
// spoken letter or a chime that dies away.
bool worth_capped_look(const PulseEvidence& evidence) { return evidence.levels.sustain >= k_min_lone_sound_sustain; }

bool has_stretched_pulse(const PulseEvidence& evidence) {
  // Both maxima stay 0 for a file whose stretched readings were not measured.
  return evidence.stretched_periodicity >= k_min_periodicity && evidence.stretched_on_beat >= k_min_stretched_on_beat;
}

// The second look's other way in: a pulse that repeats clearly (the stretched readings' comb
// at k_min_clear_stretched_periodicity) needs only the plain gate's on-beat line, not the
// stricter one set against chance hits. Sounds at random times over a held chord repeat less.
bool has_clear_stretched_pulse(const PulseEvidence& evidence) {
  return evidence.stretched_periodicity >= k_min_clear_stretched_periodicity && evidence.stretched_on_beat >= k_min_on_beat;
}

// The reading's length gives a whole BPM, to within a sample.
bool is_whole_bpm(const BeatCandidate& c) { return std::abs(c.bpm - std::round(c.bpm)) <= k_bar_fit_tolerance_bpm; }

// A whole number of bars (4, 8, ... beats) at a whole BPM in 70-180, to within a sample.
bool is_whole_bars(const BeatCandidate& c) {
  return c.beats % 4 == 0 && c.bpm >= k_bar_fit_min_bpm && c.bpm <= k_bar_fit_max_bpm && is_whole_bpm(c);
}

// Whole bars at a whole BPM (is_whole_bars), 1, 2, 4, 8 ... of them.
bool is_power_of_two_bars(const BeatCandidate& c) {
  const int bars = c.beats / 4;
  return is_whole_bars(c) && (bars & (bars - 1)) == 0;
}

// The terms only a reading of the file's own length gets: at no whole BPM it is as doubtful
// as the stretched lengths it competes with; with no pulse its length decides, in 1, 2, 4 ...
// bars; and a kick on every beat names its beat.
struct OwnLengthTerms {
  bool doubtful = false;
  bool power_of_two_bars = false;
  bool kick_rate = false;
};

// kick_beats: the beat count a kick on every beat names (0 for none).
OwnLengthTerms own_length_terms(const BeatCandidate& c, const PulseEvidence& evidence, bool pulse, int kick_beats,
                                bool length_is_evidence) {
  return {!evidence.stretched.empty() && (!length_is_evidence || !is_whole_bpm(c)), !pulse && is_power_of_two_bars(c),
          c.beats == kick_beats};
}

// What the own-length terms add to the reading's score.
double own_length_score(const OwnLengthTerms& own) {
  return (own.doubtful ? k_weight_stretched : 0.0) + (own.power_of_two_bars ? k_weight_power_of_two_bars : 0.0) +
         (own.kick_rate ? k_weight_kick_rate : 0.0);
}

// A reading of the file's own length, ranked: its score terms plus its own-length terms,
// each counted in the score term whose weight it reuses (so a refit moves them together).
RankedReading ranked_own_length(const BeatCandidate& c, const OwnLengthTerms& own) {
  RankedReading r{c, tempo_score_terms(c), 0.0};
  r.score = weighted_score(r.terms) + own_length_score(own);  // before the extras join the terms
  r.terms[static_cast<std::size_t>(TempoScoreTerm::stretched)] += own.doubtful ? 1.0 : 0.0;
  r.terms[static_cast<std::size_t>(TempoScoreTerm::whole_bars)] +=
      (own.power_of_two_bars ? 1.0 : 0.0) + (own.kick_rate ? k_kick_rate_in_whole_bars : 0.0);
  return r;
}

}  // namespace

bool length_is_whole_bars(const PulseEvidence& evidence) {
  return std::any_of(evidence.candidates.begin(), evidence.candidates.end(), is_whole_bars);
}

bool fits_whole_bars(const PulseEvidence& evidence) {
  if (evidence.duration_s < k_min_loop_s || evidence.levels.swells) return false;
  // Recorders and tools cut one-shots to round lengths (2.000 s guitar strums): such a
  // length fits 120 BPM by arithmetic, not because it was cut at bar lines.
  const double tenths = evidence.duration_s * 10.0;
  if (std::abs(tenths - std::round(tenths)) < k_round_length_tolerance_s * 10.0) return false;
  // A pad or chord held through the bar; a lone sound must hold at a level, not just last.
  const double min_sustain = evidence.onsets < k_min_pulse_onsets ? k_min_lone_sound_sustain : k_min_sustain;
  const bool sustained = evidence.levels.sustain >= min_sustain;
  for (const BeatCandidate& c : evidence.candidates) {
    if (!is_whole_bars(c)) continue;
    const bool beats_in_a_decaying_bar = c.on_beat >= k_bar_fit_min_on_beat && c.periodicity >= k_bar_fit_min_periodicity;
    if (sustained || beats_in_a_decaying_bar) return true;
  }
  return false;
}

bool has_pulse(const PulseEvidence& evidence) {
  if (evidence.duration_s < k_min_loop_s || evidence.levels.sustain < k_min_sustain || evidence.levels.swells ||
      is_sparse_phrase(evidence) || evidence.candidates.empty()) {
    return false;
  }
  double periodicity = 0.0, on_beat = 0.0;
  for (const BeatCandidate& c : evidence.candidates) {
    periodicity = std::max(periodicity, c.periodicity);
    on_beat = std::max(on_beat, c.on_beat);
  }
  return periodicity >= k_min_periodicity && on_beat >= k_min_on_beat && evidence.acf_contrast >= k_min_acf_contrast;
}

TempoEstimate without_lone_onset_pulse(TempoEstimate estimate, double onset_count) {
  if (!estimate.bpm || estimate.by_length_alone || std::lround(onset_count) >= k_min_pulse_onsets) return estimate;
  return {};
}

TempoEstimate without_held_note_pulse(TempoEstimate estimate, bool holds_one_pitch) {
  if (!estimate.bpm || !holds_one_pitch || estimate.whole_bars) return estimate;
  return {};
}

namespace {
// length_is_evidence false: the length is a codec's frame arithmetic (an MP3 decoded with its
// delay and fill), so whole bars at a whole BPM are a coincidence there, not a bar cut.
TempoEstimate estimate_for_length(const OnsetEnvelopes& envelopes, double duration_s, double brightness_hz,
                                  bool length_is_evidence = true) {
  TempoEstimate estimate;
  // A length of no whole bars may still be a loop: one cut a little short, or with a tail.
  const StretchPolicy stretch{[length_is_evidence](const PulseEvidence& e) {
                                return (!length_is_evidence || !length_is_whole_bars(e)) && worth_stretching(e);
                              },
                              [](const BeatCandidate& c) { return length_score(c); }};
  PulseEvidence evidence = measure_pulse(envelopes, duration_s, &stretch);
  estimate.levels = evidence.levels;
  bool pulse = has_pulse(evidence) || has_stretched_pulse(evidence);
  estimate.whole_bars = length_is_evidence && length_is_whole_bars(evidence);
  const bool bars = length_is_evidence && fits_whole_bars(evidence);
  // A loop cut short or with a tail whose opening hid its beats: only its stretched readings
  // may pass, with their stricter gate or a clear repetition (the plain gate was chosen with
  // the opening measured).
  if (!pulse && !bars && stretch.wanted(evidence) && worth_capped_look(evidence)) {
    PulseEvidence capped = measure_pulse(envelopes, duration_s, &stretch, Opening::capped);
    if (has_stretched_pulse(capped) || has_clear_stretched_pulse(capped)) {
      evidence = std::move(capped);
      pulse = true;
    }
  }
  if (!pulse && !bars) return estimate;
  estimate.by_length_alone = !pulse;

  // Softmax over the candidates: the chosen one's share is its confidence.
  // One reading per beat count: the file's length, or the best stretched length if it scores higher.
  // Where stretched lengths compete, the file's own length is trusted over them only at a
  // whole BPM (to within a sample); at any other tempo it is as doubtful as they are.
  std::vector<RankedReading>& ranked = estimate.ranking;
  const int kick_beats = pulse ? kick_rate_beats(envelopes, evidence.onset_times_s, duration_s, brightness_hz) : 0;
  for (const BeatCandidate& c : evidence.candidates) {
    ranked.push_back(ranked_own_length(c, own_length_terms(c, evidence, pulse, kick_beats, length_is_evidence)));
  }
  for (const BeatCandidate& c : evidence.stretched) {
    const TempoScoreTerms terms = tempo_score_terms(c);
    const double score = weighted_score(terms);
    const auto same =
        std::find_if(ranked.begin(), ranked.end(), [&](const auto& r) { return r.reading.beats == c.beats; });
    if (same == ranked.end()) ranked.push_back({c, terms, score});
    else if (length_score(terms, score) > length_score(same->terms, same->score) && sits_on_onsets_better(c, same->reading)) {
      *same = {c, terms, score};
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  double total = 0.0;
  for (const RankedReading& r : ranked) total += std::exp(r.score - ranked.front().score);
  const auto share = [&](double score) { return std::clamp(std::exp(score - ranked.front().score) / total, 0.0, 1.0); };

  const BeatCandidate& top = ranked.front().reading;
  const bool trusted_length =
      length_is_evidence && (evidence.stretched.empty() || (top.length_scale == 1.0 && is_whole_bpm(top)));
  estimate.bpm = snapped_bpm(trusted_length ? top.bpm : tempo_from_onsets(evidence.onset_times_s, top.bpm));
  estimate.fits_loop = top.length_scale == 1.0;
  estimate.confidence = share(ranked.front().score);
  estimate.candidates.push_back({*estimate.bpm, estimate.confidence});
  const std::size_t next = second_candidate_index(ranked, *estimate.bpm);
  if (next < ranked.size()) estimate.candidates.push_back({snapped_bpm(ranked[next].reading.bpm), share(ranked[next].score)});
  return estimate;
}

// The reading without a silent tail, with or without the lead-in as well, when that length
// is whole bars at a whole BPM (to within a sample): an export padded after its last bar.
std::optional<TempoEstimate> without_silent_tail(const OnsetEnvelopes& envelopes, double duration_s, double lead_in_s,
                                                 double tail_s, double brightness_hz) {
  if (tail_s < k_min_tail_s) return std::nullopt;
  // From the start, and from the first sound when there is a lead-in (never twice from 0).
  const int starts = lead_in_s >= k_min_lead_in_s ? 2 : 1;
  for (int i = 0; i < starts; ++i) {
    const double lead = i == 0 ? 0.0 : lead_in_s;
    const double sounding_s = duration_s - lead - tail_s;
    if (sounding_s < k_min_loop_s) continue;
    TempoEstimate trimmed = estimate_for_length(envelope_window(envelopes, lead, sounding_s), sounding_s, brightness_hz);
    if (trimmed.whole_bars && trimmed.bpm) return trimmed;
  }
  return std::nullopt;
}
}  // namespace

TempoEstimate estimate_tempo(const OnsetEnvelopes& envelopes, double duration_s, double lead_in_s, double tail_s,
                             double brightness_hz, bool length_is_codec_frames) {
  TempoEstimate whole_file = estimate_for_length(envelopes, duration_s, brightness_hz, !length_is_codec_frames);
  if (whole_file.whole_bars) return whole_file;
  if (auto trimmed = without_silent_tail(envelopes, duration_s, lead_in_s, tail_s, brightness_hz)) return *trimmed;
  if (lead_in_s < k_min_lead_in_s || duration_s - lead_in_s < k_min_loop_s) return whole_file;
  TempoEstimate from_first_sound =
      estimate_for_length(envelope_window(envelopes, lead_in_s), duration_s - lead_in_s, brightness_hz);
  return from_first_sound.bpm ? from_first_sound : whole_file;
}

}  // namespace samplemind::audio
