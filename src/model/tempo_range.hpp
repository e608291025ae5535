#pragma once
// The tempo range a user wants audio tempos reported in (--tempo-range 70-180). A loop's
// audio has its pulse at several metrical levels (half, double), and which one a person
// calls "the tempo" is a convention of the genre; DJ and sampler software lets the user
// name the octave the same way. Tempos a file states (tags, chunks, names) are never moved.
#include <string>
#include <string_view>

#include "model/features.hpp"
#include "util/result.hpp"

namespace samplemind {

struct TempoRange {
  double min_bpm = 0.0;
  double max_bpm = 0.0;
  bool contains(double bpm) const { return bpm >= min_bpm && bpm <= max_bpm; }
};

// Why: reports name the range a run used ("70-180", shortest decimals) so a reader can redo it.
std::string to_string(const TempoRange& range);

// Why: a tempo as tags and messages write it: whole numbers bare ("128"), else up to two
// decimals ("136.9"), rounded first so float noise never shows (99.995 is "100").
std::string bpm_text(double bpm);

// Bounds every range must lie in.
inline constexpr double k_tempo_range_lowest_bpm = 20.0;
inline constexpr double k_tempo_range_highest_bpm = 500.0;

// Why: "70-180", "70..180" or "70bpm-180bpm" from a flag or an environment variable; the
// error names `setting`, the rule broken and the text.
Result<TempoRange> parse_tempo_range(std::string_view text, std::string_view setting);

// Why: moves the final audio tempo into the range, so a library reads at the octave its
// user counts in: the first of tempo_candidates inside the range (its confidence with it),
// else the reading moved by whole octaves into the range (or, when the range is narrower
// than an octave and no octave fits, the octave nearest it). A stated tempo, a one-shot and
// a reading already inside are left as they are; tempo_bpm_audio keeps the extractor's own.
void apply_tempo_range(Features& features, const TempoRange& range);

}  // namespace samplemind
